/**
 * Reads of complaints for the handlers' console and the public status page (Article 9, SPEC §9): the queue by due
 * date with overdue first, one complaint with its timeline, evidence and the other complaints about the same target
 * (duplicates shown together), the homepage checks run for it, and a complaint by its tracking code.
 */
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { DueFilter } from '../../shared/api/listFilters.js';
import type { DueWindow } from '../../shared/calendar/index.js';
import type { ComplaintCategory, ComplaintStatus } from '../../shared/complaints/lifecycle.js';
import type { ComplaintRow } from '../commands/complaints/records.js';
import type { Executor } from '../db/client.js';
import { complaintEvents, complaintEvidence, complaints, homepageChecks, users } from '../db/schema.js';

export interface QueueFilter {
  status?: ComplaintStatus | 'open' | 'all' | undefined;
  mine?: string | undefined;
  category?: ComplaintCategory | undefined;
  /** Open complaints due soon or past their limit, judged by `window` (shared/calendar/dueWindow.ts). */
  due?: { filter: DueFilter; window: DueWindow } | undefined;
}

/** An open complaint due soon or overdue: the queue's `due` filter and the dashboard's count (one condition). */
export function complaintDueCondition(filter: DueFilter, w: DueWindow): SQL {
  const due =
    filter === 'overdue'
      ? sql`${complaints.dueDate} < ${w.overdueBefore}`
      : sql`${complaints.dueDate} >= ${w.overdueBefore} and ${complaints.dueDate} < ${w.soonBefore}`;
  return sql`(${complaints.status} <> 'closed' and ${due})`;
}

/** Open complaints first (by due date: whatever is overdue comes first), then closed ones, newest first. */
export async function listComplaints(db: Executor, f: QueueFilter = {}, limit = 200): Promise<ComplaintRow[]> {
  const where = [];
  if (f.status === 'open') where.push(ne(complaints.status, 'closed'));
  else if (f.status && f.status !== 'all') where.push(eq(complaints.status, f.status));
  if (f.mine) where.push(eq(complaints.assignedHandlerId, f.mine));
  if (f.category) where.push(eq(complaints.category, f.category));
  if (f.due) where.push(complaintDueCondition(f.due.filter, f.due.window));
  return db
    .select()
    .from(complaints)
    .where(where.length ? and(...where) : undefined)
    .orderBy(
      sql`case when ${complaints.status} = 'closed' then 1 else 0 end`,
      sql`case when ${complaints.status} = 'closed' then null else ${complaints.dueDate} end asc nulls last`,
      desc(complaints.receivedAt),
    )
    .limit(limit);
}

export async function complaintTimeline(db: Executor, complaintId: string) {
  return db
    .select()
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, complaintId))
    .orderBy(asc(complaintEvents.id));
}

export async function complaintEvidenceList(db: Executor, complaintId: string) {
  return db
    .select()
    .from(complaintEvidence)
    .where(eq(complaintEvidence.complaintId, complaintId))
    .orderBy(asc(complaintEvidence.createdAt), asc(complaintEvidence.position));
}

/** The other complaints about the same target. */
export async function duplicatesOf(db: Executor, row: ComplaintRow): Promise<ComplaintRow[]> {
  return db
    .select()
    .from(complaints)
    .where(and(eq(complaints.targetKey, row.targetKey), ne(complaints.id, row.id)))
    .orderBy(desc(complaints.receivedAt))
    .limit(50);
}

/** How many complaints share each target key (for the queue's 重复 marker). */
export async function targetCounts(db: Executor, keys: string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = await db
    .select({ key: complaints.targetKey, n: sql<number>`count(*)::int` })
    .from(complaints)
    .where(inArray(complaints.targetKey, keys))
    .groupBy(complaints.targetKey);
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

export async function findByTrackingCode(db: Executor, code: string): Promise<ComplaintRow | undefined> {
  const [row] = await db.select().from(complaints).where(eq(complaints.trackingCode, code));
  return row;
}

/** Staff who may handle complaints (for assignment). */
export async function listHandlers(db: Executor) {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(sql`(${users.roles} && array['complaints','admin']::text[]) and not ${users.disabled}`);
  return rows.map((r) => ({ id: r.id, displayName: r.displayName }));
}

/** The homepage checks run for a complaint (`number_not_shown`), newest first: the monitor's evidence for it. */
export async function complaintHomepageChecks(db: Executor, complaintId: string) {
  const rows = await db
    .select({
      id: homepageChecks.id,
      filingId: homepageChecks.filingId,
      filingNumber: homepageChecks.filingNumber,
      homepageUrl: homepageChecks.homepageUrl,
      checkedAt: homepageChecks.checkedAt,
      result: homepageChecks.result,
      reason: homepageChecks.reason,
      finalUrl: homepageChecks.finalUrl,
      httpStatus: homepageChecks.httpStatus,
      evidence: homepageChecks.evidence,
    })
    .from(homepageChecks)
    .where(eq(homepageChecks.complaintId, complaintId))
    .orderBy(desc(homepageChecks.checkedAt))
    .limit(50);
  return rows.map(({ evidence, checkedAt, ...r }) => {
    const e = evidence as { sm3?: string | null; excerpt?: string };
    return { ...r, checkedAt: checkedAt.toISOString(), sm3: e.sm3 ?? null, excerpt: e.excerpt ?? '' };
  });
}
export type ComplaintHomepageCheck = Awaited<ReturnType<typeof complaintHomepageChecks>>[number];
