/** Pieces the portal's pages share: the search form, a status label, highlighting a term. */
import type { PublicStatus } from '../../../shared/filing/publicRecord.js';
import { type Html, html } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';

export function searchForm(pc: PageContext, q = '', id = 'q'): Html {
  const { t } = pc;
  return html`<form class="search" method="get" action="/public/filings" role="search">
<label class="visually-hidden" for="${id}">${t('portal:home.searchLabel')}</label>
<input type="search" id="${id}" name="q" value="${q}" maxlength="100" placeholder="${t('portal:home.searchPlaceholder')}">
<button type="submit">${t('portal:home.searchButton')}</button>
</form>`;
}

export function verifyForm(pc: PageContext, value = ''): Html {
  const { t } = pc;
  return html`<form class="search" method="get" action="/public/filings" data-testid="verify-form">
<label class="visually-hidden" for="number">${t('portal:home.verifyLabel')}</label>
<input type="text" id="number" name="number" value="${value}" maxlength="100" required placeholder="${t('portal:home.verifyPlaceholder')}">
<button type="submit">${t('portal:home.verifyButton')}</button>
</form>`;
}

export function statusLabel(pc: PageContext, status: PublicStatus): Html {
  return html`<span class="status status-${status}">${pc.t(`portal:status.${status}`)}</span>`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every case-insensitive occurrence of `term` in `<mark>` (both escaped). */
export function highlight(text: string, term: string): Html | string {
  const q = term.trim();
  if (!q) return text;
  const parts = text.split(new RegExp(`(${escapeRegExp(q)})`, 'giu'));
  return html`${parts.map((p, i) => (i % 2 === 1 ? html`<mark>${p}</mark>` : p))}`;
}

/** The host of an http(s) URL as the registry matches it, or the URL itself. */
export function hostOf(url: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1] ?? url;
}
