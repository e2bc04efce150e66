/**
 * The review queue's query (Article 5, SPEC §8): filings and change filings in one list, soonest due first, and the
 * Article 8 view of platforms not yet online whose planned launch is near or past while not approved. Drafts of
 * either kind are the applicant's own and never listed. The dashboard's filters (due, late, monitor, decided) are
 * the conditions of services/reviewFilters.ts, which its counts use too.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { QueueQuery } from '../../shared/api/reviewQueue.js';
import { chinaToday, dueWindow } from '../../shared/calendar/index.js';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { decidedCondition, dueCondition, launchDueCondition, monitorCondition } from './reviewFilters.js';

export interface QueueRow {
  kind: 'filing' | 'change';
  filing_id: string;
  change_id: string | null;
  status: string;
  platform_name: string | null;
  received_date: string | null;
  due_date: string | null;
  due_provisional: boolean;
  late: boolean;
  filing_number: string | null;
  assigned_reviewer_id: string | null;
  reviewer_name: string | null;
  data: unknown;
  personal_enc: string | null;
  total: number;
}

const and = (parts: (SQL | null)[]) => {
  const list = parts.filter((p): p is SQL => p !== null);
  return list.length ? sql.join(list, sql` and `) : sql`true`;
};

export async function queryQueue(
  ctx: AppContext,
  userId: string,
  q: Required<Pick<QueueQuery, 'status' | 'kind' | 'assignee' | 'page' | 'pageSize'>> & QueueQuery,
): Promise<QueueRow[]> {
  const launchDue = q.launch === 'due';
  const window = q.due ? dueWindow(await ctx.calendar.get(), chinaToday(ctx.now())) : null;
  const status = (col: SQL) => (q.status === 'all' ? null : sql`${col}::text = ${q.status}`);
  const assignee =
    q.assignee === 'any'
      ? null
      : q.assignee === 'me'
        ? sql`f.assigned_reviewer_id = ${userId}`
        : q.assignee === 'unassigned'
          ? sql`f.assigned_reviewer_id is null`
          : sql`f.assigned_reviewer_id = ${q.assignee}`;
  const late = q.late !== undefined;
  const filingWhere = and([
    sql`f.status <> 'draft'`,
    launchDue ? await launchDueCondition(ctx, q.launchWithinDays) : status(sql`f.status`),
    assignee,
    q.due && window ? dueCondition({ status: sql`f.status`, dueDate: sql`f.due_date` }, q.due, window) : null,
    late ? sql`f.late` : null,
    q.monitor ? monitorCondition(sql`f.id`, q.monitor) : null,
    q.decided ? decidedCondition({ filingId: sql`f.id`, changeId: null }, q.decided) : null,
  ]);
  // Changes are not assigned: they are "unassigned" for the filter, and absent from one reviewer's list. The
  // homepage monitor judges filings, not changes.
  const changeWhere = and([
    sql`c.status <> 'draft'`,
    status(sql`c.status`),
    q.assignee === 'any' || q.assignee === 'unassigned' ? null : sql`false`,
    q.due && window ? dueCondition({ status: sql`c.status`, dueDate: sql`c.due_date` }, q.due, window) : null,
    late ? sql`c.late` : null,
    q.monitor ? sql`false` : null,
    q.decided ? decidedCondition({ filingId: sql`c.filing_id`, changeId: sql`c.id` }, q.decided) : null,
  ]);
  const parts: SQL[] = [];
  if (q.kind !== 'change') {
    parts.push(sql`select 'filing' as kind, f.id as filing_id, null::uuid as change_id, f.status::text as status,
      f.platform_name, f.received_date, f.due_date, f.due_provisional, f.late, f.filing_number,
      f.assigned_reviewer_id, u.display_name as reviewer_name, f.data, f.personal_enc, f.submitted_at
      from filings f left join users u on u.id = f.assigned_reviewer_id where ${filingWhere}`);
  }
  if (q.kind !== 'filing' && !launchDue) {
    parts.push(sql`select 'change' as kind, c.filing_id, c.id as change_id, c.status::text as status,
      coalesce(c.platform_name, f.platform_name) as platform_name, c.received_date, c.due_date, c.due_provisional,
      c.late, f.filing_number, null::uuid as assigned_reviewer_id, null::text as reviewer_name, c.data,
      c.personal_enc, c.submitted_at
      from filing_changes c join filings f on f.id = c.filing_id where ${changeWhere}`);
  }
  if (!parts.length) return [];
  const union = sql.join(parts, sql` union all `);
  return queryRows<QueueRow>(
    ctx.db,
    sql`select q.*, count(*) over ()::int as total from (${union}) q
      order by q.due_date asc nulls last, q.submitted_at asc nulls last, q.filing_id
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
}
