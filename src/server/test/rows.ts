/**
 * Rows written straight into the database for tests that need many subjects in late states (STYLE: factories that
 * build rows directly): a filing in any state with its due date, a change, a review decision, a complaint, the
 * homepage monitor's state. No journey is replayed, so nothing here checks the rules the commands enforce.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { HomepageCheckResult } from '../../shared/api/homepageChecks.js';
import type { ComplaintCategory, ComplaintStatus } from '../../shared/complaints/lifecycle.js';
import type { ChangeStatus } from '../../shared/filing/lifecycle.js';
import type { FilingStatus } from '../../shared/filing/status.js';
import type { AppContext } from '../context.js';
import { complaints, filingChanges, filings, homepageMonitor, reviewDecisions, users } from '../db/schema.js';

type Db = AppContext['db'];

/** An applicant account that owns the built filings (it cannot sign in: no real password). */
export async function buildApplicant(db: Db): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ emailHash: randomUUID(), emailEnc: 'test', passwordHash: 'test', roles: ['applicant'] })
    .returning({ id: users.id });
  if (!row) throw new Error('no user');
  return row.id;
}

export interface FilingRowOverrides {
  status?: FilingStatus;
  dueDate?: string | null;
  late?: boolean;
  data?: Record<string, unknown>;
  platformName?: string;
}

export async function buildFiling(db: Db, ownerId: string, o: FilingRowOverrides = {}): Promise<string> {
  const status = o.status ?? 'submitted';
  const approved = ['approved', 'deregistered', 'revoked'].includes(status);
  const [row] = await db
    .insert(filings)
    .values({
      ownerId,
      status,
      data: o.data ?? {},
      platformName: o.platformName ?? `测试平台 ${randomBytes(3).toString('hex')}`,
      dueDate: o.dueDate ?? null,
      receivedDate: o.dueDate ? '2026-11-01' : null,
      late: o.late ?? false,
      filingNumber: approved ? `工信漏备2026${randomBytes(3).toString('hex')}号` : null,
      submittedAt: status === 'draft' ? null : new Date('2026-11-01T02:00:00Z'),
    })
    .returning({ id: filings.id });
  if (!row) throw new Error('no filing');
  return row.id;
}

export async function buildChange(
  db: Db,
  filingId: string,
  createdBy: string,
  o: { status?: ChangeStatus; dueDate?: string | null; late?: boolean } = {},
): Promise<string> {
  const [row] = await db
    .insert(filingChanges)
    .values({
      filingId,
      createdBy,
      status: o.status ?? 'submitted',
      baseVersion: 1,
      changeDate: '2026-10-01',
      changeDeadline: '2026-10-31',
      late: o.late ?? false,
      dueDate: o.dueDate ?? null,
      receivedDate: o.dueDate ? '2026-11-01' : null,
    })
    .returning({ id: filingChanges.id });
  if (!row) throw new Error('no change');
  return row.id;
}

/** A decision taken at `at` on a submission due `dueDate`; `overdue` as the commands record it (after the due day). */
export async function buildDecision(
  db: Db,
  d: { filingId: string; changeId?: string; reviewerId: string; dueDate: string; at: Date; overdue: boolean },
): Promise<void> {
  await db.insert(reviewDecisions).values({
    filingId: d.filingId,
    changeId: d.changeId ?? null,
    reviewerId: d.reviewerId,
    kind: 'approve',
    dueDate: d.dueDate,
    overdue: d.overdue,
    createdAt: d.at,
  });
}

export async function buildComplaint(
  db: Db,
  o: { category: ComplaintCategory; status: ComplaintStatus; dueDate: string },
): Promise<string> {
  const [row] = await db
    .insert(complaints)
    .values({
      trackingCode: randomBytes(10).toString('hex'),
      channel: 'web',
      category: o.category,
      status: o.status,
      targetName: '某未备案平台',
      targetKey: `name:${randomUUID()}`,
      description: '测试用投诉，描述问题的文字。',
      receivedAt: new Date('2026-11-10T02:00:00Z'),
      receivedDate: '2026-11-10',
      limitWorkingDays: 15,
      dueDate: o.dueDate,
      closedAt: o.status === 'closed' ? new Date('2026-11-20T02:00:00Z') : null,
    })
    .returning({ id: complaints.id });
  if (!row) throw new Error('no complaint');
  return row.id;
}

export async function buildMonitorState(
  db: Db,
  filingId: string,
  o: { result: HomepageCheckResult; flagged?: boolean },
): Promise<void> {
  const at = new Date('2026-11-26T02:00:00Z');
  await db.insert(homepageMonitor).values({
    filingId,
    lastCheckedAt: at,
    lastResult: o.result,
    consecutiveMisses: o.flagged ? 3 : 0,
    flaggedAt: o.flagged ? at : null,
  });
}
