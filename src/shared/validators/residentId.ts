/**
 * 居民身份证号码 (citizen identification number), GB 11643-1999.
 *
 * Layout (18 chars):
 *   1–6    address code (GB/T 2260); 1–2 = province-level code
 *   7–14   birth date YYYYMMDD
 *   15–17  sequence code
 *   18     check character (ISO 7064 MOD 11-2), digit or 'X'
 */
import { type Issue, issue, zhText } from '../validation/issues.js';
import { toHalfWidth } from './text.js';

/** Province-level codes of GB/T 2260 (incl. 71 Taiwan, 81 Hong Kong, 82 Macao). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** W_i = 2^(17-i) mod 11 for i = 0..16. */
export const RESIDENT_ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

const SHAPE_RE = /^\d{17}[\dX]$/;
const FIRST17_RE = /^\d{17}$/;
const MIN_BIRTH = 19000101;
/** China Standard Time is a fixed UTC+8 (no DST since 1991). */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Trim, convert full-width characters to half-width, uppercase 'x' to 'X'. */
export function normalizeResidentId(v: string): string {
  return toHalfWidth(v).trim().toUpperCase();
}

/**
 * Compute the check character (position 18) for the first 17 digits.
 * Throws a RangeError if the input is not exactly 17 digits.
 */
export function residentIdCheckChar(first17: string): string {
  if (!FIRST17_RE.test(first17)) {
    throw new RangeError('residentIdCheckChar expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17.charAt(i)) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** The calendar date of `d` in China Standard Time as a YYYYMMDD integer. */
function cstDateNumber(d: Date): number {
  const cst = new Date(d.getTime() + CST_OFFSET_MS);
  return cst.getUTCFullYear() * 10000 + (cst.getUTCMonth() + 1) * 100 + cst.getUTCDate();
}

/**
 * Validate a resident identity card number. The input is normalized with
 * {@link normalizeResidentId} first. `today` (default: now) bounds the birth
 * date; it is interpreted as a calendar date in China Standard Time (UTC+8).
 * Returns null when valid, otherwise a short Chinese error message.
 */
export function residentIdIssue(v: string, today: Date = new Date()): Issue | null {
  const id = normalizeResidentId(v);
  if (id === '') return issue('residentId.required');
  if (id.length !== 18) return issue('residentId.length');
  if (!SHAPE_RE.test(id)) return issue('residentId.shape');
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return issue('residentId.province');
  if (id.slice(2, 6) === '0000') return issue('residentId.address');

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return issue('residentId.birth');
  }
  const birth = year * 10000 + month * 100 + day;
  if (birth < MIN_BIRTH || birth > cstDateNumber(today)) return issue('residentId.birthRange');

  if (residentIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) return issue('residentId.checkChar');
  return null;
}

/** The same check, as the Chinese text it has always returned (the API's `message`). */
export function checkResidentId(v: string, today: Date = new Date()): string | null {
  return zhText(residentIdIssue(v, today));
}
