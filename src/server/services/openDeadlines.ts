/**
 * Every open deadline the law counts (SPEC §3 "Deadlines"), from the rows that hold it, with what it is counted from:
 * a filing's review (Art. 5, 10 working days), a change's review (the same clock), a change not yet filed (Art. 6, 30
 * calendar days, holiday-extended) and a complaint's handling limit (Art. 9, working days per category). Read by the
 * calendar import (which recomputes them), the staff's "year without a schedule" warning and the reminders.
 */
import { sql } from 'drizzle-orm';
import type { DeadlineKind } from '../../shared/api/calendar.js';
import {
  addCalendarDays,
  addWorkingDays,
  type CalendarData,
  type DueDate,
  type IsoDate,
} from '../../shared/calendar/index.js';
import { CHANGE_DEADLINE_DAYS } from '../../shared/filing/article6.js';
import { REVIEW_WORKING_DAYS } from '../commands/submitFiling.js';
import { type Executor, queryRows } from '../db/client.js';

export interface OpenDeadline {
  kind: DeadlineKind;
  /** The filing's, change's or complaint's id. */
  id: string;
  filingId: string | null;
  /** The account told about it as its owner (the applicant); null for complaints. */
  ownerId: string | null;
  /** The staff member it is assigned to; null: the whole queue's. */
  assigneeId: string | null;
  /** Platform name or tracking code: never personal data. */
  label: string;
  /** The China date the period is counted from (the day after is day 1). */
  from: IsoDate;
  due: IsoDate;
  provisional: boolean;
  /** Working days (review, complaint) or calendar days (change deadline). */
  period: number;
}

interface Row {
  kind: DeadlineKind;
  id: string;
  filing_id: string | null;
  owner_id: string | null;
  assignee_id: string | null;
  label: string | null;
  from_date: string;
  due_date: string;
  provisional: boolean;
  period: number;
}

/**
 * Open deadlines, optionally only those whose counting touches the years `[fromYear, toYear]` (counted from on or
 * before the last day, due on or after the first) or only provisional ones.
 */
export async function listOpenDeadlines(
  db: Executor,
  opts: { years?: { from: number; to: number }; provisionalOnly?: boolean } = {},
): Promise<OpenDeadline[]> {
  const first = opts.years ? `${opts.years.from}-01-01` : '0001-01-01';
  const last = opts.years ? `${opts.years.to}-12-31` : '9999-12-31';
  const prov = opts.provisionalOnly ? sql`true` : sql`false`;
  const rows = await queryRows<Row>(
    db,
    sql`select * from (
      select 'filing_review' as kind, f.id, f.id as filing_id, f.owner_id, f.assigned_reviewer_id as assignee_id,
        f.platform_name as label, f.received_date::text as from_date, f.due_date::text as due_date,
        f.due_provisional as provisional, ${REVIEW_WORKING_DAYS}::int as period
        from filings f where f.status = 'submitted' and f.due_date is not null and f.received_date is not null
      union all
      select 'change_review', c.id, c.filing_id, f.owner_id, null::uuid, coalesce(c.platform_name, f.platform_name),
        c.received_date::text, c.due_date::text, c.due_provisional, ${REVIEW_WORKING_DAYS}::int
        from filing_changes c join filings f on f.id = c.filing_id
        where c.status = 'submitted' and c.due_date is not null and c.received_date is not null
      union all
      select 'change_deadline', c.id, c.filing_id, f.owner_id, null::uuid, coalesce(c.platform_name, f.platform_name),
        c.change_date::text, c.change_deadline::text, c.deadline_provisional, ${CHANGE_DEADLINE_DAYS}::int
        from filing_changes c join filings f on f.id = c.filing_id
        where c.status in ('draft', 'correction_requested') and c.submitted_at is null
      union all
      select 'complaint', k.id, null::uuid, null::uuid, k.assigned_handler_id, k.tracking_code,
        k.received_date::text, k.due_date::text, k.due_provisional, k.limit_working_days
        from complaints k where k.status <> 'closed'
    ) d where d.from_date <= ${last} and d.due_date >= ${first} and (d.provisional or not ${prov})
    order by d.due_date, d.id`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    filingId: r.filing_id,
    ownerId: r.owner_id,
    assigneeId: r.assignee_id,
    label: r.label ?? '',
    from: r.from_date,
    due: r.due_date,
    provisional: r.provisional,
    period: r.period,
  }));
}

/** The deadline as the calendar `cal` counts it. */
export function recount(cal: CalendarData, d: OpenDeadline): DueDate {
  return d.kind === 'change_deadline' ? addCalendarDays(cal, d.from, d.period) : addWorkingDays(cal, d.from, d.period);
}
