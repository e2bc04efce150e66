/**
 * Calendar dates in China time.
 *
 * A date is a plain 'YYYY-MM-DD' string (years 0000–9999, proleptic Gregorian calendar) naming a
 * day in Asia/Shanghai. China has used UTC+8 without daylight saving time since 1991, so an instant
 * maps to its China date by adding 8 hours to the epoch milliseconds and reading the UTC calendar
 * fields — no Intl / tz database needed, and the result never depends on the host's time zone.
 *
 * Internally dates are converted to day numbers (days since 1970-01-01) with exact integer
 * arithmetic (Howard Hinnant's days_from_civil / civil_from_days), which is equivalent to
 * `Date.UTC(y, m - 1, d) / 86_400_000` but also correct for years 0–99 and never touches local time.
 *
 * Pure and isomorphic: no `node:` imports, usable in the browser and in Node.
 */

/** A calendar day in China time, formatted 'YYYY-MM-DD'. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai offset from UTC (constant: no DST since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A timestamp with an explicit zone: 'Z' or ±HH:MM / ±HHMM / ±HH. Seconds and fraction optional. */
const ZONED_TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;
/** A date followed by a time but no zone designator (ambiguous: rejected). */
const LOCAL_TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/i;

/** Day numbers of 0000-01-01 and 9999-12-31: the representable range. */
const MIN_DAY = -719_528;
const MAX_DAY = 2_932_896;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (m 1–12, d 1–31). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // [0, 399]
  const mp = (m + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146_097 + doe - 719_468;
}

/** Inverse of daysFromCivil. */
function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719_468;
  const era = Math.floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Parse strict 'YYYY-MM-DD'; undefined when malformed or not a real date. */
function parseFields(s: string): { y: number; m: number; d: number } | undefined {
  const match = ISO_DATE_RE.exec(s);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

/** True for a strict 'YYYY-MM-DD' string naming a real date (e.g. '2024-02-29' yes, '2025-02-29' no). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parseFields(s) !== undefined;
}

/** Day number (days since 1970-01-01) of a date; throws RangeError if `d` is not a valid IsoDate. */
export function toDayNumber(d: IsoDate): number {
  const f = typeof d === 'string' ? parseFields(d) : undefined;
  if (!f) throw new RangeError(`Invalid date ${JSON.stringify(d)}: expected a real date formatted YYYY-MM-DD`);
  return daysFromCivil(f.y, f.m, f.d);
}

/** The IsoDate of a day number; throws RangeError outside years 0000–9999. */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n) || n < MIN_DAY || n > MAX_DAY) {
    throw new RangeError(`Day number ${n} is outside the supported range 0000-01-01..9999-12-31`);
  }
  const { y, m, d } = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** The year of a date (e.g. 2026 for '2026-02-14'). */
export function yearOf(d: IsoDate): number {
  toDayNumber(d); // validate
  return Number(d.slice(0, 4));
}

/** The China-time calendar date of an instant given as epoch milliseconds. */
function chinaDateOfEpochMs(ms: number): IsoDate {
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return fromDayNumber(Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY));
}

/**
 * The date in China (Asia/Shanghai) of `input`.
 *
 * - a `Date` (an instant): its China calendar date;
 * - a plain 'YYYY-MM-DD' string: validated and returned as is (it already names a China date);
 * - an ISO 8601 timestamp with a zone ('2026-01-30T17:00:00Z', '2026-01-30T09:00:00+08:00'):
 *   converted to the China date of that instant ('2026-01-31' and '2026-01-30' here).
 *
 * A timestamp without zone ('2026-01-30T17:00:00') is ambiguous and rejected with a RangeError, as is
 * anything else that is not one of the above.
 */
export function toChinaDate(input: Date | string): IsoDate {
  if (input instanceof Date) return chinaDateOfEpochMs(input.getTime());
  if (typeof input !== 'string') {
    throw new RangeError(`toChinaDate expects a Date or a string, got ${typeof input}`);
  }
  if (ISO_DATE_RE.test(input)) {
    toDayNumber(input); // throws on '2026-02-30' etc.
    return input;
  }
  const match = ZONED_TIMESTAMP_RE.exec(input);
  if (match) {
    const [, ys, mos, ds, hs, mis, ss, frac, z, sign, ohs, oms] = match;
    const dayNumber = toDayNumber(`${ys}-${mos}-${ds}`);
    const h = Number(hs);
    const mi = Number(mis);
    const s = ss === undefined ? 0 : Number(ss);
    const oh = ohs === undefined ? 0 : Number(ohs);
    const om = oms === undefined ? 0 : Number(oms);
    if (h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) {
      throw new RangeError(`Invalid timestamp ${JSON.stringify(input)}: time or zone offset out of range`);
    }
    // Fractional seconds never move the date by themselves, but keep the instant exact anyway.
    const fracMs = frac === undefined ? 0 : Number(`0.${frac}`) * 1000;
    const offsetMs = z ? 0 : (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
    const utcMs = dayNumber * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + fracMs - offsetMs;
    return chinaDateOfEpochMs(utcMs);
  }
  if (LOCAL_TIMESTAMP_RE.test(input)) {
    throw new RangeError(
      `Timestamp ${JSON.stringify(input)} has no time zone: add 'Z' or an offset such as '+08:00', or pass a plain YYYY-MM-DD date`,
    );
  }
  throw new RangeError(
    `Invalid date ${JSON.stringify(input)}: expected YYYY-MM-DD or an ISO 8601 timestamp with a time zone`,
  );
}

/** Today's date in China. */
export function chinaToday(now: Date = new Date()): IsoDate {
  return chinaDateOfEpochMs(now.getTime());
}

/** `d` plus `n` calendar days (`n` a safe integer, may be negative or zero). */
export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays: day count must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(d) + n);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of the week: 0 = Sunday, 1 = Monday, …, 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(d) + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday. */
export function isWeekend(d: IsoDate): boolean {
  const dow = dayOfWeek(d);
  return dow === 0 || dow === 6;
}

/** Comparator for sorting: negative if a < b, 0 if equal, positive if a > b (validates both). */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const x = toDayNumber(a);
  const y = toDayNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
