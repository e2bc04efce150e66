/**
 * The applicant's timeline of a filing's review rounds: every submission (from the audit log) and every decision
 * with its correction notice, oldest first, so a resubmission does not hide the earlier round.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { chinaToday } from '../../shared/calendar/index.js';
import type { Executor } from '../db/client.js';
import { auditLog, reviewDecisions } from '../db/schema.js';

export type HistoryEvent =
  | { kind: 'submitted'; at: string; receivedDate: string }
  | { kind: 'correction'; at: string; summary: string; items: { field: string; message: string }[] }
  | { kind: 'approved'; at: string }
  | { kind: 'withdrawn'; at: string };

export async function filingHistory(db: Executor, filingId: string): Promise<HistoryEvent[]> {
  const [audits, decisions] = await Promise.all([
    db
      .select({ at: auditLog.at, action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.subjectType, 'filing'),
          eq(auditLog.subjectId, filingId),
          inArray(auditLog.action, [
            'filing.submit',
            'filing.withdraw',
            'filing.correction_requested',
            'filing.approve',
          ]),
        ),
      )
      .orderBy(asc(auditLog.seq)),
    db
      .select({ summary: reviewDecisions.summary, items: reviewDecisions.items, createdAt: reviewDecisions.createdAt })
      .from(reviewDecisions)
      .where(
        and(
          eq(reviewDecisions.filingId, filingId),
          isNull(reviewDecisions.changeId),
          eq(reviewDecisions.kind, 'correction'),
        ),
      )
      .orderBy(asc(reviewDecisions.createdAt)),
  ]);
  // The audit log gives the order; the n-th correction entry is the n-th correction notice.
  let n = 0;
  return audits.map((a): HistoryEvent => {
    const at = a.at.toISOString();
    if (a.action === 'filing.submit') return { kind: 'submitted', at, receivedDate: chinaToday(a.at) };
    if (a.action === 'filing.withdraw') return { kind: 'withdrawn', at };
    if (a.action === 'filing.approve') return { kind: 'approved', at };
    const d = decisions[n++];
    return {
      kind: 'correction',
      at: d?.createdAt.toISOString() ?? at,
      summary: d?.summary ?? '',
      items: (d?.items ?? []) as { field: string; message: string }[],
    };
  });
}
