/**
 * Contact-detail validators: mainland mobile number, e-mail address, http(s) URL.
 */
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
export function checkMobile(v: string): string | null {
  const n = normalizeMobile(v);
  if (n === '') return '请填写手机号码';
  if (!MOBILE_RE.test(n)) return '手机号码格式错误，应为11位中国大陆手机号';
  return null;
}

/**
 * Pragmatic e-mail check: exactly one '@', non-empty local part (≤64),
 * a domain with at least one dot and no empty labels, no whitespace, ≤254 chars.
 * Surrounding whitespace is ignored.
 */
export function checkEmail(v: string): string | null {
  const s = v.trim();
  if (s === '') return '请填写电子邮箱';
  if (s.length > EMAIL_MAX) return '电子邮箱过长';
  if (/\s/.test(s)) return '电子邮箱不能包含空格';
  const parts = s.split('@');
  if (parts.length !== 2) return '电子邮箱格式错误';
  const [local = '', domain = ''] = parts;
  if (local === '' || local.length > EMAIL_LOCAL_MAX) return '电子邮箱格式错误';
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return '电子邮箱格式错误';
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l === '' || l.startsWith('-') || l.endsWith('-'))) {
    return '电子邮箱域名格式错误';
  }
  return null;
}

/**
 * Validate an absolute http(s) URL: parseable by `new URL`, protocol http: or
 * https:, hostname containing a dot (so "localhost" and bare names are
 * rejected), no embedded credentials, ≤2048 chars. Surrounding whitespace is ignored.
 */
export function checkHttpUrl(v: string): string | null {
  const s = v.trim();
  if (s === '') return '请填写网址';
  if (s.length > URL_MAX) return '网址过长（不超过2048个字符）';
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return '网址格式错误';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '网址必须以 http:// 或 https:// 开头';
  const host = url.hostname;
  if (!host.includes('.') || host.startsWith('.') || host.endsWith('.') || host.includes('..')) {
    return '网址域名无效';
  }
  if (url.username !== '' || url.password !== '') return '网址不能包含用户名或密码';
  return null;
}
