/**
 * Passwords found in breach corpora and lists of the most used ones (zxcvbn-ts's common list, about 49,000), which
 * a guesser tries first. A password is refused when it is one of them, or one of them with digits or symbols
 * appended (`password2026!`), case ignored.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  const base = lower.replace(/[\d\W_]+$/u, '');
  return base.length >= 4 && base !== lower && common.has(base);
}
