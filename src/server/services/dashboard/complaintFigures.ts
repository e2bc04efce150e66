/**
 * The complaint side of the staff dashboard (Article 9, SPEC §9), counted in the database: by category and state,
 * and the open complaints due soon or past their category's handling limit, with the complaint queue's own
 * condition (services/complaintQueries.ts), so each count is the total of the list it links to.
 */
import { sql } from 'drizzle-orm';
import type { ComplaintSection } from '../../../shared/api/dashboard.js';
import type { DueWindow } from '../../../shared/calendar/index.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintStatus,
} from '../../../shared/complaints/lifecycle.js';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { complaintDueCondition } from '../complaintQueries.js';

export async function complaintFigures(ctx: AppContext, window: DueWindow): Promise<ComplaintSection> {
  const [cells, due] = await Promise.all([
    queryRows<{ category: ComplaintCategory; state: ComplaintStatus; count: unknown }>(
      ctx.db,
      sql`select category::text as category, status::text as state, count(*) as count
        from complaints group by category, status`,
    ),
    queryRows<{ soon: unknown; overdue: unknown }>(
      ctx.db,
      sql`select count(*) filter (where ${complaintDueCondition('soon', window)}) as soon,
        count(*) filter (where ${complaintDueCondition('overdue', window)}) as overdue from complaints`,
    ),
  ]);
  const byCategoryAndState = cells
    .map((c) => ({ category: c.category, state: c.state, count: Number(c.count) }))
    .sort(
      (a, b) =>
        COMPLAINT_CATEGORIES.indexOf(a.category) - COMPLAINT_CATEGORIES.indexOf(b.category) ||
        COMPLAINT_STATUSES.indexOf(a.state) - COMPLAINT_STATUSES.indexOf(b.state),
    );
  const sum = <K extends 'category' | 'state'>(key: K, value: (typeof byCategoryAndState)[number][K]) =>
    byCategoryAndState.filter((c) => c[key] === value).reduce((s, c) => s + c.count, 0);
  return {
    byState: COMPLAINT_STATUSES.map((state) => ({ state, count: sum('state', state) })),
    byCategory: COMPLAINT_CATEGORIES.map((category) => ({ category, count: sum('category', category) })),
    byCategoryAndState,
    due: { soon: Number(due[0]?.soon ?? 0), overdue: Number(due[0]?.overdue ?? 0) },
  };
}
