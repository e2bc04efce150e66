/**
 * The filing number's form, a setting (SPEC §3): `{year}` and `{seq:N}` (zero-padded to N digits) are replaced.
 * Default 工信漏备{year}{seq:5}号 → 工信漏备202600001号.
 */ import { type Issue, issue, zhText } from '../validation/issues.js';

export const DEFAULT_NUMBER_FORMAT = '工信漏备{year}{seq:5}号';

export function formatFilingNumber(format: string, year: number, seq: number): string {
  return format
    .replace(/\{year\}/g, String(year))
    .replace(/\{seq(?::(\d+))?\}/g, (_m, width?: string) => String(seq).padStart(width ? Number(width) : 1, '0'));
}

/** A format is usable when it holds the sequence (so numbers differ) and the year (so they differ across years). */
export function numberFormatIssue(format: string): Issue | null {
  if (!/\{seq(?::\d+)?\}/.test(format)) return issue('api.numberFormatSeq');
  if (!format.includes('{year}')) return issue('api.numberFormatYear');
  return null;
}

/** The same check, as the Chinese text it has always returned. */
export const checkNumberFormat = (format: string): string | null => zhText(numberFormatIssue(format));
