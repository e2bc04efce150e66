/**
 * Contact-detail validators: mainland mobile number, e-mail address, http(s) URL.
 */
import { type Issue, issue, zhText } from '../validation/issues.js';
import { toHalfWidth } from './text.js';

const MOBILE_RE = /^1[3-9]\d{9}$/;
const EMAIL_MAX = 254;
const EMAIL_LOCAL_MAX = 64;
const URL_MAX = 2048;

/**
 * Normalize a mobile number: full-width → half-width, strip whitespace and
 * hyphens, drop an optional "+86" / "0086" country prefix.
 */
export function normalizeMobile(v: string): string {
  const s = toHalfWidth(v).replace(/[\s-]+/g, '');
  if (s.startsWith('+86')) return s.slice(3);
  if (s.startsWith('0086')) return s.slice(4);
  return s;
}

/** Validate a mainland China mobile number (after {@link normalizeMobile}). */
export function mobileIssue(v: string): Issue | null {
  const n = normalizeMobile(v);
  if (n === '') return issue('mobile.required');
  if (!MOBILE_RE.test(n)) return issue('mobile.format');
  return null;
}

/** The same check, as the Chinese text it has always returned (the API's `message`). */
export function checkMobile(v: string): string | null {
  return zhText(mobileIssue(v));
}

/**
 * Pragmatic e-mail check: exactly one '@', non-empty local part (≤64),
 * a domain with at least one dot and no empty labels, no whitespace, ≤254 chars.
 * Surrounding whitespace is ignored.
 */
export function emailIssue(v: string): Issue | null {
  const s = v.trim();
  if (s === '') return issue('email.required');
  if (s.length > EMAIL_MAX) return issue('email.tooLong');
  if (/\s/.test(s)) return issue('email.space');
  const parts = s.split('@');
  if (parts.length !== 2) return issue('email.format');
  const [local = '', domain = ''] = parts;
  if (local === '' || local.length > EMAIL_LOCAL_MAX) return issue('email.format');
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return issue('email.format');
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l === '' || l.startsWith('-') || l.endsWith('-'))) {
    return issue('email.domain');
  }
  return null;
}

/** The same check, as the Chinese text it has always returned (the API's `message`). */
export function checkEmail(v: string): string | null {
  return zhText(emailIssue(v));
}

/**
 * Validate an absolute http(s) URL: parseable by `new URL`, protocol http: or
 * https:, hostname containing a dot (so "localhost" and bare names are
 * rejected), no embedded credentials, ≤2048 chars. Surrounding whitespace is ignored.
 */
export function httpUrlIssue(v: string): Issue | null {
  const s = v.trim();
  if (s === '') return issue('url.required');
  if (s.length > URL_MAX) return issue('url.tooLong');
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return issue('url.format');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return issue('url.protocol');
  const host = url.hostname;
  if (!host.includes('.') || host.startsWith('.') || host.endsWith('.') || host.includes('..')) {
    return issue('url.host');
  }
  if (url.username !== '' || url.password !== '') return issue('url.credentials');
  return null;
}

/** The same check, as the Chinese text it has always returned (the API's `message`). */
export function checkHttpUrl(v: string): string | null {
  return zhText(httpUrlIssue(v));
}
