/**
 * Working-day (工作日) arithmetic for statutory deadlines.
 *
 * Rules:
 * - The day of the event is not counted: a period starts the next day.
 * - A working day is Monday–Friday, minus statutory days off (放假日) and plus adjusted working days
 *   (调休上班) from the State Council's yearly notice.
 * - For a year with no schedule, only weekends are known: Monday–Friday count as working days and
 *   any result that depends on such a year is marked `provisional`.
 * - Calendar-day periods add N days; if the last day is not a working day the period ends on the next
 *   working day.
 *
 * Entries in `holidays` / `workdays` are applied whenever present (a notice may name a day of the
 * previous year, e.g. an adjusted Saturday on 31 December); `provisional` depends only on whether the
 * date's year is in `years`.
 */
import { dayOfWeek, fromDayNumber, type IsoDate, isIsoDate, toDayNumber, yearOf } from './dates.js';
import type { YearSchedule } from './schedules.js';

export interface CalendarData {
  /** Years for which an official schedule is known. */
  years: ReadonlySet<number>;
  /** Days off (放假日) → holiday name. May include weekend days. */
  holidays: ReadonlyMap<IsoDate, string>;
  /** Adjusted working days (调休上班) → holiday name. */
  workdays: ReadonlyMap<IsoDate, string>;
}

export interface DayInfo {
  working: boolean;
  /** The date's year has no official schedule: `working` only reflects the weekend. */
  provisional: boolean;
  /** Name of the holiday period when the date is a listed day off. */
  holiday?: string;
  /** Name of the holiday period when the date is an adjusted working day. */
  adjustedWorkday?: string;
}

export interface DueDate {
  due: IsoDate;
  provisional: boolean;
}

/** Longest period accepted by addWorkingDays / addCalendarDays. */
export const MAX_PERIOD_DAYS = 3650;

/**
 * Build calendar data from yearly schedules. Throws RangeError on invalid dates, on a year given twice,
 * on a date that is both a day off and an adjusted working day, or on an adjusted working day that is
 * not a Saturday or Sunday.
 */
export function calendarFromSchedules(schedules: readonly YearSchedule[]): CalendarData {
  const years = new Set<number>();
  const holidays = new Map<IsoDate, string>();
  const workdays = new Map<IsoDate, string>();
  for (const s of schedules) {
    if (!Number.isInteger(s.year) || s.year < 0 || s.year > 9999) {
      throw new RangeError(`Invalid schedule year ${s.year}`);
    }
    if (years.has(s.year)) throw new RangeError(`Duplicate schedule for year ${s.year}`);
    years.add(s.year);
    for (const { date, name } of s.holidays) {
      if (!isIsoDate(date)) throw new RangeError(`Schedule ${s.year}: invalid holiday date ${JSON.stringify(date)}`);
      holidays.set(date, name);
    }
    for (const { date, name } of s.workdays) {
      if (!isIsoDate(date)) throw new RangeError(`Schedule ${s.year}: invalid workday date ${JSON.stringify(date)}`);
      const dow = dayOfWeek(date);
      if (dow !== 0 && dow !== 6) {
        throw new RangeError(`Schedule ${s.year}: adjusted workday ${date} is not a Saturday or Sunday`);
      }
      workdays.set(date, name);
    }
  }
  for (const date of workdays.keys()) {
    if (holidays.has(date)) throw new RangeError(`${date} is listed both as a day off and as an adjusted workday`);
  }
  return { years, holidays, workdays };
}

/** Working status of one date. An adjusted working day wins over a listed day off. */
export function dayInfo(cal: CalendarData, d: IsoDate): DayInfo {
  const dow = dayOfWeek(d); // validates d
  const provisional = !cal.years.has(yearOf(d));
  const adjustedWorkday = cal.workdays.get(d);
  const holiday = cal.holidays.get(d);
  const info: DayInfo = {
    working: adjustedWorkday !== undefined || (holiday === undefined && dow !== 0 && dow !== 6),
    provisional,
  };
  if (holiday !== undefined) info.holiday = holiday;
  if (adjustedWorkday !== undefined) info.adjustedWorkday = adjustedWorkday;
  return info;
}

function checkPeriod(n: number, fn: string): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERIOD_DAYS) {
    throw new RangeError(`${fn}: period must be an integer from 1 to ${MAX_PERIOD_DAYS}, got ${n}`);
  }
}

/**
 * The `n`th working day after `from` (`from` itself is not counted, whatever it is).
 * Provisional when any day counted or skipped lies in a year without a schedule.
 */
export function addWorkingDays(cal: CalendarData, from: IsoDate, n: number): DueDate {
  checkPeriod(n, 'addWorkingDays');
  let day = toDayNumber(from);
  let provisional = false;
  let counted = 0;
  while (counted < n) {
    day += 1;
    const info = dayInfo(cal, fromDayNumber(day));
    if (info.provisional) provisional = true;
    if (info.working) counted += 1;
  }
  return { due: fromDayNumber(day), provisional };
}

/**
 * `from` plus `n` calendar days; when that day is not a working day, the next working day.
 * Provisional when the last day or any day rolled over lies in a year without a schedule.
 */
export function addCalendarDays(cal: CalendarData, from: IsoDate, n: number): DueDate {
  checkPeriod(n, 'addCalendarDays');
  let day = toDayNumber(from) + n;
  let provisional = false;
  for (;;) {
    const info = dayInfo(cal, fromDayNumber(day));
    if (info.provisional) provisional = true;
    if (info.working) break;
    day += 1;
  }
  return { due: fromDayNumber(day), provisional };
}

/** Monday–Friday days in the day-number range [a, b] (0 when a > b). */
function weekdaysBetween(a: number, b: number): number {
  if (a > b) return 0;
  const length = b - a + 1;
  let count = Math.floor(length / 7) * 5;
  // The leftover (< 7) days start at weekday (a + 4) mod 7, 1970-01-01 being a Thursday.
  const startDow = (((a + 4) % 7) + 7) % 7;
  for (let i = 0; i < length % 7; i++) {
    const dow = (startDow + i) % 7;
    if (dow !== 0 && dow !== 6) count += 1;
  }
  return count;
}

/** Working days in the day-number range [a, b], and whether any of its years lacks a schedule. */
function workingDaysBetween(cal: CalendarData, a: number, b: number): { days: number; provisional: boolean } {
  if (a > b) return { days: 0, provisional: false };
  let days = weekdaysBetween(a, b);
  for (const date of cal.holidays.keys()) {
    const n = toDayNumber(date);
    if (n < a || n > b || cal.workdays.has(date)) continue;
    const dow = dayOfWeek(date);
    if (dow !== 0 && dow !== 6) days -= 1; // a weekday off
  }
  for (const date of cal.workdays.keys()) {
    const n = toDayNumber(date);
    if (n < a || n > b) continue;
    const dow = dayOfWeek(date);
    if (dow === 0 || dow === 6) days += 1; // a weekend day worked
  }
  let provisional = false;
  const lastYear = yearOf(fromDayNumber(b));
  for (let y = yearOf(fromDayNumber(a)); y <= lastYear; y++) {
    if (!cal.years.has(y)) {
      provisional = true;
      break;
    }
  }
  return { days, provisional };
}

/**
 * Working days left before a deadline: the working days after `today` up to and including `due`.
 * 0 when `due` is today. When `today` is past `due`, minus the working days overdue: the working days
 * after `due` up to and including `today` (due Monday, today Wednesday → -2).
 * Provisional when the days counted touch a year without a schedule.
 */
export function workingDaysLeft(
  cal: CalendarData,
  today: IsoDate,
  due: IsoDate,
): { days: number; provisional: boolean } {
  const t = toDayNumber(today);
  const d = toDayNumber(due);
  if (t <= d) return workingDaysBetween(cal, t + 1, d);
  const overdue = workingDaysBetween(cal, d + 1, t);
  // Never return -0 (e.g. due Friday, today Saturday: nothing overdue yet).
  return { days: overdue.days === 0 ? 0 : -overdue.days, provisional: overdue.provisional };
}
