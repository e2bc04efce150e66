/**
 * What a delivery attempt records and logs about itself: a status code or an error's kind, short, and with
 * anything that looks like an email address blanked. Never the payload.
 */
import { scrubErrorText } from '../lib/logging.js';

const EMAIL_LIKE = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g;

export function safeDetail(text: string, max = 200): string {
  const clean = text.replace(EMAIL_LIKE, '[地址]').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** An error as `<code or name>: <message>` (and its cause's code, e.g. ECONNREFUSED behind "fetch failed"). */
export function errorDetail(err: unknown): string {
  if (!(err instanceof Error)) return safeDetail(String(err));
  const e = err as Error & { code?: unknown; responseCode?: unknown; cause?: unknown };
  const cause = e.cause as { code?: unknown } | undefined;
  const parts = [typeof e.code === 'string' ? e.code : e.name];
  if (typeof e.responseCode === 'number') parts.push(String(e.responseCode));
  if (typeof cause?.code === 'string') parts.push(cause.code);
  return safeDetail(`${parts.join(' ')}: ${scrubErrorText(e.message)}`);
}
