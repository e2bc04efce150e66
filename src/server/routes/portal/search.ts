/** `/public/filings?q=&page=` (SPEC §13): search results, paged, with the term marked in each result. */

import type { RegistryPage } from '../../services/publicRegistry.js';
import { type Html, html, queryString } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';
import { highlight, hostOf, searchForm, statusLabel } from './fragments.js';

export const SEARCH_PAGE_SIZE = 20;

export function searchView(pc: PageContext, q: string, page: number, result: RegistryPage): Html {
  const { t } = pc;
  const pages = Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE));
  const link = (p: number) => `/public/filings${queryString({ q, page: p > 1 ? p : undefined })}`;
  const title = q ? t('portal:search.titleWithTerm', { q }) : t('portal:search.title');
  return html`<h1>${title}</h1>
${searchForm(pc, q)}
<p data-testid="result-count">${t('portal:search.found', { total: result.total })}</p>
${
  result.items.length === 0
    ? html`<p>${t('portal:search.none')}</p><p class="muted">${t('portal:search.noneHint')}</p>`
    : html`<ol class="results" data-testid="results">
${result.items.map(({ status, record: r }) => {
  const sponsor = r.sponsorType === 'individual' ? r.sponsorName : highlight(r.sponsorName, q);
  return html`<li>
<h2><a href="/public/filings/${encodeURIComponent(r.filingNumber)}">${highlight(r.platformName, q)}</a></h2>
<p>${highlight(r.filingNumber, q)} · ${statusLabel(pc, status)}</p>
<p class="small">${highlight(hostOf(r.homepageUrl), q)} · ${t('portal:search.sponsor')}${t('portal:colon')}${sponsor} · ${t('portal:search.filingDate')}${t('portal:colon')}${r.filingDate}</p>
</li>`;
})}
</ol>`
}
${
  pages > 1
    ? html`<nav class="pager" aria-label="${t('portal:search.pager')}"><ul>
${page > 1 ? html`<li><a href="${link(page - 1)}" rel="prev">${t('portal:search.prev')}</a></li>` : ''}
<li><span aria-current="page">${t('portal:search.pageOf', { page, pages })}</span></li>
${page < pages ? html`<li><a href="${link(page + 1)}" rel="next">${t('portal:search.next')}</a></li>` : ''}
</ul></nav>`
    : ''
}`;
}
