/**
 * Working days counted in SQL (SPEC §3): a common table `wdi(day, n)` numbering the working days of a date range
 * (n grows by one on every working day), so that the working days after `a` up to and including `b` are
 * `n(b) − n(a)`, as shared/calendar's `workingDaysLeft` counts them. The calendar tables hold the official days
 * off and adjusted working days; a year without a schedule counts Monday–Friday, as the shared arithmetic does.
 */
import { type SQL, sql } from 'drizzle-orm';

/** `wdi as (…)` over the days from `lo` to `hi` (date expressions; null gives an empty table). */
export function workingDayIndex(lo: SQL, hi: SQL): SQL {
  return sql`wdi as (
    select g::date as day,
      sum(case when cd.kind = 'workday' then 1 when cd.kind = 'holiday' then 0
               when extract(isodow from g) < 6 then 1 else 0 end) over (order by g) as n
    from generate_series((${lo})::timestamp, (${hi})::timestamp, interval '1 day') g
    left join calendar_days cd on cd.date = g::date
  )`;
}
