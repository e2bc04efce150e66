/**
 * The rules a year's schedule must keep before it is saved (SPEC §3), as field errors with the JSON paths of
 * shared/api/calendar.ts (`holidays[3].date`), so the admin page marks the very row: every date in that year, none
 * twice, adjusted working days (调休上班) on a Saturday or Sunday and never also a day off. And the calendar with one
 * year replaced, to count deadlines with it before it is stored.
 */
import { type IsoDate, isIsoDate, isWeekend, yearOf } from './dates.js';
import type { YearSchedule } from './schedules.js';
import type { CalendarData } from './workingDays.js';

export interface ScheduleError {
  field: string;
  message: string;
}

export function checkSchedule(s: YearSchedule): ScheduleError[] {
  const errors: ScheduleError[] = [];
  const off = new Set<IsoDate>();
  const on = new Set<IsoDate>();
  const check = (list: 'holidays' | 'workdays', i: number, date: IsoDate, seen: Set<IsoDate>) => {
    const field = `${list}[${i}].date`;
    if (!isIsoDate(date)) return errors.push({ field, message: '不是有效的日期' });
    if (yearOf(date) !== s.year) return errors.push({ field, message: `${date} 不在 ${s.year} 年` });
    if (seen.has(date)) return errors.push({ field, message: `${date} 重复` });
    seen.add(date);
    if (list === 'workdays' && !isWeekend(date)) {
      return errors.push({ field, message: `${date} 不是周六或周日：调休上班日只会是周末` });
    }
    if (list === 'workdays' && off.has(date)) {
      return errors.push({ field, message: `${date} 已列为放假日，不能同时是上班日` });
    }
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
