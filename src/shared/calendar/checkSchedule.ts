/**
 * The rules a year's schedule must keep before it is saved (SPEC §3), as field errors with the JSON paths of
 * shared/api/calendar.ts (`holidays[3].date`), so the admin page marks the very row: every date in that year, none
 * twice, adjusted working days (调休上班) on a Saturday or Sunday and never also a day off. And the calendar with one
 * year replaced, to count deadlines with it before it is stored.
 */
import { type IsoDate, isIsoDate, isWeekend, yearOf } from './dates.js';
import { type CalendarProblem, type CalendarProblemParams, renderCalendarProblem } from './problems.js';
import type { YearSchedule } from './schedules.js';
import type { CalendarData } from './workingDays.js';

/** A broken rule: its code and parameters (calendarProblems catalog) and the Chinese text the API sends. */
export interface ScheduleError extends CalendarProblem {
  field: string;
  message: string;
  params: CalendarProblemParams;
}

export function checkSchedule(s: YearSchedule): ScheduleError[] {
  const errors: ScheduleError[] = [];
  const off = new Set<IsoDate>();
  const on = new Set<IsoDate>();
  const check = (list: 'holidays' | 'workdays', i: number, date: IsoDate, seen: Set<IsoDate>) => {
    const field = `${list}[${i}].date`;
    const fail = (code: `schedule.${string}` & CalendarProblem['code'], params: CalendarProblemParams) =>
      errors.push({ field, code, params, message: renderCalendarProblem({ code, params }) });
    if (!isIsoDate(date)) return fail('schedule.invalidDate', {});
    if (yearOf(date) !== s.year) return fail('schedule.outsideYear', { date, year: s.year });
    if (seen.has(date)) return fail('schedule.duplicate', { date });
    seen.add(date);
    if (list === 'workdays' && !isWeekend(date)) return fail('schedule.workdayNotWeekend', { date });
    if (list === 'workdays' && off.has(date)) return fail('schedule.workdayAlsoHoliday', { date });
    return 0;
  };
  for (const [i, h] of s.holidays.entries()) check('holidays', i, h.date, off);
  for (const [i, w] of s.workdays.entries()) check('workdays', i, w.date, on);
  return errors;
}

/** `cal` with year `s.year` taken out and `s` put in (its days and its place among the known years). */
export function replaceYear(cal: CalendarData, s: YearSchedule): CalendarData {
  const prefix = `${String(s.year).padStart(4, '0')}-`;
  const keep = (m: ReadonlyMap<IsoDate, string>) => new Map([...m].filter(([d]) => !d.startsWith(prefix)));
  const holidays = keep(cal.holidays);
  const workdays = keep(cal.workdays);
  for (const h of s.holidays) holidays.set(h.date, h.name);
  for (const w of s.workdays) workdays.set(w.date, w.name);
  return { years: new Set([...cal.years, s.year]), holidays, workdays };
}
