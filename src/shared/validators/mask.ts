/**
 * Masking helpers for staff/public views. All functions operate on Unicode
 * code points (not UTF-16 units) so CJK and astral characters are safe.
 */
import { normalizeMobile } from './contact.js';

function stars(n: number): string {
  return n > 0 ? '*'.repeat(n) : '';
}

/**
 * Keep the first character, replace every remaining character with '*'.
 * '张三' → '张*', '欧阳娜娜' → '欧***', 'John' → 'J***'. A one-character
 * name is fully masked ('*').
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return `${chars[0]}${stars(chars.length - 1)}`;
}

/**
 * Keep the first 6 and last 4 characters of an ID number (length > 10),
 * e.g. '11010519491231002X' → '110105********002X'. Shorter values keep only
 * the first and last character (3–10 chars) or are fully masked (≤2 chars).
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id.trim());
  const n = chars.length;
  if (n === 0) return '';
  if (n > 10) return `${chars.slice(0, 6).join('')}${stars(n - 10)}${chars.slice(-4).join('')}`;
  if (n >= 3) return `${chars[0]}${stars(n - 2)}${chars[n - 1]}`;
  return stars(n);
}

/**
 * Mask a mobile number (normalized first): keep the first 3 and last 4 digits,
 * e.g. '13812345678' → '138****5678'. Values of 7 chars or fewer are fully masked.
 */
export function maskMobile(mobile: string): string {
  const chars = Array.from(normalizeMobile(mobile));
  const n = chars.length;
  if (n <= 7) return stars(n);
  return `${chars.slice(0, 3).join('')}${stars(n - 7)}${chars.slice(-4).join('')}`;
}

/**
 * Mask the local part of an e-mail address, keeping its first character and
 * using a fixed '***' so the length is not revealed:
 * 'zhangsan@example.com' → 'z***@example.com'. Without an '@' the whole value
 * is treated as the local part.
 */
export function maskEmail(email: string): string {
  const s = email.trim();
  if (s === '') return '';
  const at = s.lastIndexOf('@');
  const local = at >= 0 ? s.slice(0, at) : s;
  const domain = at >= 0 ? s.slice(at) : '';
  const first = Array.from(local)[0] ?? '';
  return `${first}***${domain}`;
}
