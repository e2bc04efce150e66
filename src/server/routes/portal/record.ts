/**
 * `/public/filings/:filingNumber` (SPEC §4, §13): the record page that footers and QR codes link to: the §4 fields,
 * the status, the public history, the badge and the footer snippet to copy (Article 5: the number at the bottom of
 * the homepage, linking here).
 */

import { toChinaDate } from '../../../shared/calendar/dates.js';
import { footerSnippet } from '../../../shared/filing/publicRecord.js';
import type { HistoryLine, RegistryRow } from '../../services/publicRegistry.js';
import { type Html, html } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';
import { statusLabel, verifyForm } from './fragments.js';

export function recordView(
  pc: PageContext,
  row: RegistryRow,
  history: HistoryLine[],
  urls: { page: string; badge: string },
): Html {
  const { t } = pc;
  const r = row.record;
  const none = html`<span class="muted">${t('portal:record.none')}</span>`;
  const list = (items: Html[]) => (items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : none);
  const number = r.filingNumber;
  const snippet = footerSnippet(urls.page, number);
  const badgeSnippet = `<a href="${urls.page}" target="_blank" rel="noopener"><img src="${urls.badge}" alt="${number}" height="20"></a> ${snippet}`;
  return html`<div data-testid="public-filing">
<h1>${r.platformName}</h1>
<p data-testid="public-status">${statusLabel(pc, row.status)} ${t(`portal:record.${row.status}Note`)}</p>
<section class="card" aria-labelledby="h-record">
<h2 id="h-record">${t('portal:record.title')}</h2>
<dl class="record">
<dt>${t('portal:record.filingNumber')}</dt><dd data-testid="filing-number">${number}</dd>
<dt>${t('portal:record.platformName')}</dt><dd>${r.platformName}</dd>
<dt>${t('portal:record.homepageUrl')}</dt><dd><a href="${safeUrl(r.homepageUrl)}" rel="nofollow noopener">${r.homepageUrl}</a></dd>
<dt>${t('portal:record.icpNumber')}</dt><dd>${r.icpNumber}</dd>
<dt>${t('portal:record.publishUrls')}</dt><dd>${list(r.publishUrls.map((u) => html`<a href="${safeUrl(u)}" rel="nofollow noopener">${u}</a>`))}</dd>
<dt>${t('portal:record.socialAccounts')}</dt><dd>${list(r.socialAccounts.map((s) => html`${s.app}${t('portal:colon')}${s.account}`))}</dd>
<dt>${t('portal:record.sponsorName')}</dt><dd>${r.sponsorName}</dd>
<dt>${t('portal:record.sponsorType')}</dt><dd>${t(`portal:sponsorType.${r.sponsorType}`, { defaultValue: r.sponsorTypeLabel })}</dd>
<dt>${t('portal:record.filingDate')}</dt><dd>${r.filingDate}</dd>
<dt>${t('portal:record.status')}</dt><dd>${statusLabel(pc, row.status)}</dd>
<dt>${t('portal:record.lastChangeDate')}</dt><dd>${r.lastChangeDate ?? none}</dd>
</dl>
<p class="small"><a href="/api/public/filings/${encodeURIComponent(number)}">${t('portal:record.api')}</a></p>
</section>
<section aria-labelledby="h-history">
<h2 id="h-history">${t('portal:record.history')}</h2>
<table data-testid="public-history">
<thead><tr><th scope="col">${t('portal:record.historyAt')}</th><th scope="col">${t('portal:record.historyEvent')}</th><th scope="col">${t('portal:record.historyWhat')}</th></tr></thead>
<tbody>
${history.map(
  (e) =>
    html`<tr><td>${toChinaDate(e.at)}</td><td>${t(`portal:record.events.${e.type}`, { defaultValue: e.type })}</td><td>${t(
      'portal:record.eventRecord',
      { name: e.platformName, status: t(`portal:status.${e.status}`) },
    )}</td></tr>`,
)}
</tbody>
</table>
</section>
<section class="card" aria-labelledby="h-badge">
<h2 id="h-badge">${t('portal:record.badgeTitle')}</h2>
<p><img src="${new URL(urls.badge).pathname}" alt="${t('portal:record.badgeAlt', { number })}" height="20"></p>
<p>${t('portal:record.badgeLead')}</p>
<label for="snippet">${t('portal:record.snippetLabel')}</label>
<textarea id="snippet" rows="3" readonly data-testid="footer-snippet">${badgeSnippet}</textarea>
</section>
</div>`;
}

/** Only http(s) links are made clickable (the record was validated at filing; this guards against anything else). */
function safeUrl(u: string): string {
  return /^https?:\/\//i.test(u) ? u : '#';
}

export function recordNotFoundBody(pc: PageContext, number: string): Html {
  const { t } = pc;
  return html`<p>${t('portal:record.notFoundBody', { number })}</p>
<h2>${t('portal:record.verifyAgain')}</h2>
${verifyForm(pc)}`;
}
