/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 *
 * Layout (18 chars):
 *   1      registration authority code
 *   2      institution type code
 *   3–8    administrative division code (GB/T 2260, 6 digits)
 *   9–17   organisation code (GB 11714 body)
 *   18     check character (modulo 31)
 */
import { type Issue, issue, zhText } from '../validation/issues.js';
import { toHalfWidth } from './text.js';

/** The 31-character alphabet of GB 32100 (no I, O, S, V, Z). Index = numeric value. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights W_i = 3^(i-1) mod 31 for positions 1–17. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Registration authority codes accepted at position 1. */
export const USCC_AUTHORITY_CODES: ReadonlySet<string> = new Set([
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'A',
  'N',
  'Y',
]);

const CHARSET_RE = /^[0-9A-HJ-NPQRTUWXY]*$/;
const DIVISION_RE = /^\d{6}$/;

/** Trim, convert full-width characters to half-width and uppercase. */
export function normalizeUscc(v: string): string {
  return toHalfWidth(v).trim().toUpperCase();
}

/**
 * Compute the check character (position 18) for the first 17 characters.
 * Throws a RangeError if the input is not 17 characters of the USCC charset.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17 || !CHARSET_RE.test(first17)) {
    throw new RangeError('usccCheckChar expects 17 characters from the USCC charset');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARSET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c === 31 ? 0 : c);
}

/**
 * Validate a 统一社会信用代码. The input is normalized with {@link normalizeUscc} first.
 * Returns null when valid, otherwise a short Chinese error message.
 */
export function usccIssue(v: string): Issue | null {
  const code = normalizeUscc(v);
  if (code === '') return issue('uscc.required');
  if (code.length !== 18) return issue('uscc.length');
  if (!CHARSET_RE.test(code)) return issue('uscc.charset');
  if (!USCC_AUTHORITY_CODES.has(code.charAt(0))) return issue('uscc.authority');
  if (!DIVISION_RE.test(code.slice(2, 8))) return issue('uscc.division');
  if (usccCheckChar(code.slice(0, 17)) !== code.charAt(17)) return issue('uscc.checkChar');
  return null;
}

/** The same check, as the Chinese text it has always returned (the API's `message`). */
export function checkUscc(v: string): string | null {
  return zhText(usccIssue(v));
}
/**
 * Whether a code's only fault is its check character: right length, charset, authority and division code, but
 * position 18 is not the GB 32100 one. Codes issued early in pilot regions look like this and are genuine (SPEC §2:
 * accepted when the applicant confirms the code against the business licence).
 */
export function usccOnlyCheckCharWrong(v: string): boolean {
  const code = normalizeUscc(v);
  if (code.length !== 18 || !CHARSET_RE.test(code)) return false;
  if (!USCC_AUTHORITY_CODES.has(code.charAt(0)) || !DIVISION_RE.test(code.slice(2, 8))) return false;
  return usccCheckChar(code.slice(0, 17)) !== code.charAt(17);
}

/** The message for a code whose only fault is its check character, while the applicant has not confirmed it. */
export const USCC_CONFIRM_MESSAGE = zhText(issue('uscc.confirmCheckChar')) as string;
