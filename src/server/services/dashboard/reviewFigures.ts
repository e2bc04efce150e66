/**
 * The review side of the staff dashboard (Articles 5, 6, 8; SPEC §3, §8, §10), counted in the database. Each count
 * uses the review queue's own conditions (services/reviewFilters.ts), so it equals the total of the list it links to.
 */
import { sql } from 'drizzle-orm';
import type { ReviewSection } from '../../../shared/api/dashboard.js';
import { STAFF_CHANGE_STATUSES, STAFF_FILING_STATUSES } from '../../../shared/api/dashboard.js';
import { HOMEPAGE_CHECK_RESULTS } from '../../../shared/api/homepageChecks.js';
import type { DueWindow } from '../../../shared/calendar/index.js';
import { REVIEW_WORKING_DAYS } from '../../commands/submitFiling.js';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { dueCondition, launchDueCondition } from '../reviewFilters.js';
import { workingDayIndex } from './workingDayIndex.js';

/** Review time buckets in working days: the last one is past the limit. */
const BUCKETS: { from: number; to: number | null }[] = [
  { from: 0, to: 2 },
  { from: 3, to: 5 },
  { from: 6, to: 8 },
  { from: 9, to: REVIEW_WORKING_DAYS },
  { from: REVIEW_WORKING_DAYS + 1, to: null },
];

const n = (v: unknown) => Number(v ?? 0);

function byState<S extends string>(states: readonly S[], rows: { state: string; count: unknown }[]) {
  const got = new Map(rows.map((r) => [r.state, n(r.count)]));
  return states.map((state) => ({ state, count: got.get(state) ?? 0 }));
}

async function stateCounts(ctx: AppContext) {
  const [filingRows, changeRows] = await Promise.all([
    queryRows<{ state: string; count: unknown }>(
      ctx.db,
      sql`select status::text as state, count(*) as count from filings where status <> 'draft' group by status`,
    ),
    queryRows<{ state: string; count: unknown }>(
      ctx.db,
      sql`select status::text as state, count(*) as count from filing_changes where status <> 'draft' group by status`,
    ),
  ]);
  return {
    filingsByState: byState(STAFF_FILING_STATUSES, filingRows),
    changesByState: byState(STAFF_CHANGE_STATUSES, changeRows),
  };
}

async function dueAndLate(ctx: AppContext, w: DueWindow) {
  const f = { status: sql`f.status`, dueDate: sql`f.due_date` };
  const c = { status: sql`c.status`, dueDate: sql`c.due_date` };
  const launchDue = await launchDueCondition(ctx);
  const [filing, change] = await Promise.all([
    queryRows<Record<string, unknown>>(
      ctx.db,
      sql`select count(*) filter (where ${dueCondition(f, 'soon', w)}) as soon,
        count(*) filter (where ${dueCondition(f, 'overdue', w)}) as overdue,
        count(*) filter (where f.late) as late,
        count(*) filter (where ${launchDue}) as launch_due
      from filings f where f.status <> 'draft'`,
    ),
    queryRows<Record<string, unknown>>(
      ctx.db,
      sql`select count(*) filter (where ${dueCondition(c, 'soon', w)}) as soon,
        count(*) filter (where ${dueCondition(c, 'overdue', w)}) as overdue,
        count(*) filter (where c.late) as late
      from filing_changes c where c.status <> 'draft'`,
    ),
  ]);
  const fr = filing[0] ?? {};
  const cr = change[0] ?? {};
  return {
    due: { filing: { soon: n(fr.soon), overdue: n(fr.overdue) }, change: { soon: n(cr.soon), overdue: n(cr.overdue) } },
    late: { article6: n(cr.late), article8: n(fr.late), launchDue: n(fr.launch_due) },
  };
}

/**
 * Every decision's review time: the working days from receipt to the decision's China date. The due date is the
 * 10th working day after receipt, so that is 10 − (working days after the decision up to the due date), read
 * from the working-day index; `late` is what the decision recorded (decided after its due date).
 */
async function reviewTimes(ctx: AppContext): Promise<ReviewSection['reviewTimes']> {
  const limit = REVIEW_WORKING_DAYS;
  const rows = await queryRows<{ days: unknown; late: boolean; count: unknown }>(
    ctx.db,
    sql`with d as (
        select rd.overdue, rd.due_date, (rd.created_at at time zone 'Asia/Shanghai')::date as decided_on
        from review_decisions rd where rd.due_date is not null
      ),
      ${workingDayIndex(sql`(select least(min(due_date), min(decided_on)) from d)`, sql`(select greatest(max(due_date), max(decided_on)) from d)`)}
      select ${limit} - (due.n - decided.n) as days, d.overdue as late, count(*) as count
      from d join wdi due on due.day = d.due_date join wdi decided on decided.day = d.decided_on
      group by 1, 2 order by 1`,
  );
  let decisions = 0;
  let late = 0;
  const buckets = BUCKETS.map((b) => ({ ...b, count: 0 }));
  const spread: { days: number; count: number }[] = [];
  for (const r of rows) {
    const days = Math.max(0, n(r.days));
    const count = n(r.count);
    decisions += count;
    if (r.late) late += count;
    const bucket = buckets.find((b) => days >= b.from && (b.to === null || days <= b.to));
    if (bucket) bucket.count += count;
    spread.push({ days, count });
  }
  return {
    limitDays: limit,
    decisions,
    onTime: decisions - late,
    late,
    onTimeShare: decisions ? (decisions - late) / decisions : null,
    medianDays: median(spread, decisions),
    buckets,
  };
}

/** The median of a sorted frequency table (the mean of the two middle values for an even total). */
function median(spread: { days: number; count: number }[], total: number): number | null {
  if (!total) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const s of [...spread].sort((a, b) => a.days - b.days)) {
      seen += s.count;
      if (seen > k) return s.days;
    }
    return 0;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** The homepage monitor over valid filings: each one's last result, the flagged ones, those never checked. */
async function monitorFigures(ctx: AppContext): Promise<ReviewSection['monitor']> {
  const [row] = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select count(*) as valid, count(m.filing_id) as checked,
        count(*) filter (where m.flagged_at is not null) as flagged,
        ${sql.join(
          HOMEPAGE_CHECK_RESULTS.map(
            (r) => sql`count(*) filter (where m.last_result::text = ${r}) as ${sql.identifier(r)}`,
          ),
          sql`, `,
        )}
      from filings f left join homepage_monitor m on m.filing_id = f.id where f.status = 'approved'`,
  );
  const r = row ?? {};
  const checked = n(r.checked);
  const compliant = n(r.compliant);
  return {
    valid: n(r.valid),
    checked,
    results: HOMEPAGE_CHECK_RESULTS.map((result) => ({ result, count: n(r[result]) })),
    flagged: n(r.flagged),
    unchecked: n(r.valid) - checked,
    complianceRate: checked ? compliant / checked : null,
  };
}

export async function reviewFigures(ctx: AppContext, window: DueWindow): Promise<ReviewSection> {
  const [states, dl, times, monitor] = await Promise.all([
    stateCounts(ctx),
    dueAndLate(ctx, window),
    reviewTimes(ctx),
    monitorFigures(ctx),
  ]);
  return { ...states, ...dl, reviewTimes: times, monitor };
}
