/**
 * The review queue's narrowing conditions as SQL, written once for the queue (services/reviewQueue.ts) and for the
 * dashboard's counts (services/dashboard/reviewFigures.ts), so that a figure is the total of the list it links to.
 * Each takes the columns of the row it judges: a filing (`f`) or a change filing (`c`).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DecidedFilter, DueFilter, MonitorFilter } from '../../shared/api/listFilters.js';
import type { DueWindow } from '../../shared/calendar/index.js';
import { addDays, chinaToday } from '../../shared/calendar/index.js';
import type { AppContext } from '../context.js';

/** Waiting for a decision (`submitted`) and due soon or past due (shared/calendar/dueWindow.ts). */
export function dueCondition(row: { status: SQL; dueDate: SQL }, filter: DueFilter, w: DueWindow): SQL {
  const due =
    filter === 'overdue'
      ? sql`${row.dueDate} < ${w.overdueBefore}`
      : sql`${row.dueDate} >= ${w.overdueBefore} and ${row.dueDate} < ${w.soonBefore}`;
  return sql`(${row.status}::text = 'submitted' and ${due})`;
}

/** The homepage monitor's state of a filing (Art. 5, SPEC §10); it has one only once approved and checked. */
export function monitorCondition(filingId: SQL, filter: MonitorFilter): SQL {
  if (filter === 'unchecked') return sql`not exists (select 1 from homepage_monitor m where m.filing_id = ${filingId})`;
  const which = filter === 'flagged' ? sql`m.flagged_at is not null` : sql`m.last_result::text = ${filter}`;
  return sql`exists (select 1 from homepage_monitor m where m.filing_id = ${filingId} and ${which})`;
}

/**
 * Decisions against the 10-working-day limit: `late` has a decision taken after its due date; `on_time` has
 * decisions, none of them late. A filing's own decisions are those without a change.
 */
export function decidedCondition(subject: { filingId: SQL; changeId: SQL | null }, filter: DecidedFilter): SQL {
  const of = subject.changeId
    ? sql`d.change_id = ${subject.changeId}`
    : sql`d.filing_id = ${subject.filingId} and d.change_id is null`;
  const late = sql`exists (select 1 from review_decisions d where ${of} and d.overdue)`;
  if (filter === 'late') return late;
  return sql`(exists (select 1 from review_decisions d where ${of}) and not ${late})`;
}

/**
 * Article 8: filings of platforms not yet online, waiting for a decision or a correction, whose planned launch is
 * within `withinDays` (the setting by default) or past.
 */
export async function launchDueCondition(ctx: AppContext, withinDays?: number): Promise<SQL> {
  const days = withinDays ?? (await ctx.settings.get('article8.launchWarningDays'));
  const horizon = addDays(chinaToday(ctx.now()), days);
  return sql`(f.status in ('submitted', 'correction_requested')
    and (f.data->'operation'->>'alreadyOnline') = 'false' and (f.data->'operation'->>'launchDate') <= ${horizon})`;
}
