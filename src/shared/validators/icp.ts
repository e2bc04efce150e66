/**
 * ICP备案号 (ICP filing number), e.g. 京ICP备16020626号 or 京ICP备16020626号-8.
 * Only the filing ("备") form is accepted; the ICP operating licence
 * ("京ICP证030173号") is a different document and is rejected.
 */
import { type Issue, issue, zhText } from '../validation/issues.js';
import { toHalfWidth } from './text.js';

/** Single-character abbreviations of the 31 mainland provincial-level divisions. */
export const ICP_PROVINCE_ABBRS = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// Hyphen-like characters people paste in place of '-': hyphen, non-breaking
// hyphen, figure dash, en dash, em dash, horizontal bar, minus sign, small
// hyphen-minus. Full-width '－' (U+FF0D) is handled by toHalfWidth.
const DASH_RE = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63]/g;

const ICP_RE = new RegExp(`^[${ICP_PROVINCE_ABBRS}]ICP备\\d{5,10}号(?:-[1-9]\\d{0,3})?$`);

/**
 * Normalize an ICP filing number: full-width → half-width, remove all
 * whitespace (incl. U+3000), unify dash variants to '-', uppercase 'icp'.
 */
export function normalizeIcpNumber(v: string): string {
  return toHalfWidth(v).replace(/\s+/g, '').replace(DASH_RE, '-').replace(/icp/gi, 'ICP');
}

/**
 * Validate an ICP filing number. The input is normalized with
 * {@link normalizeIcpNumber} first.
 * Returns null when valid, otherwise a short Chinese error message.
 */
export function icpNumberIssue(v: string): Issue | null {
  const n = normalizeIcpNumber(v);
  if (n === '') return issue('icp.required');
  if (ICP_RE.test(n)) return null;
  const first = n.charAt(0);
  if (!ICP_PROVINCE_ABBRS.includes(first)) return issue('icp.province');
  if (n.startsWith(`${first}ICP证`)) return issue('icp.licence');
  return issue('icp.format');
}

/** The same check, as the Chinese text it has always returned (the API's `message`). */
export function checkIcpNumber(v: string): string | null {
  return zhText(icpNumberIssue(v));
}
