/**
 * Server-rendered HTML (SPEC §13), escaped by default. `html\`…\`` is a tagged template: every interpolated value is
 * HTML-escaped unless it is itself `Html` (the result of another `html` call, or of `raw()` for text the code owns),
 * so text from the database or the request can never become markup. Arrays are joined; null, undefined and false
 * render nothing (for `cond && html\`…\``). Attribute values must be quoted in the template: escaping covers `"` and `'`.
 *
 * Our own ~40 lines rather than a template engine: the pages are small, typed TypeScript functions, and the one rule
 * that matters (escape unless told otherwise) is easiest to audit here.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Markup that is already safe: made by `html` or declared with `raw`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function render(v: Interpolation): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** Trusted markup the code itself wrote (never pass request or database text). */
export const raw = (s: string): Html => new Html(s);

/** `?a=1&b=x` from the pairs whose value is set, each part URL-encoded (the result still goes through `html`). */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
