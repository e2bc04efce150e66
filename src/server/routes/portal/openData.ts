/** `/open-data` (SPEC §11, §13): what the open data files hold and where they are. */
import { type Html, html } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';

const FILES: [key: string, path: string][] = [
  ['json', '/api/public/open-data/filings.json'],
  ['csv', '/api/public/open-data/filings.csv'],
  ['datapackage', '/api/public/open-data/datapackage.json'],
  ['atom', '/api/public/open-data/events.atom'],
];

export function openDataView(pc: PageContext): Html {
  const { t } = pc;
  return html`<h1>${t('portal:openData.title')}</h1>
<p>${t('portal:openData.lead')}</p>
<section aria-labelledby="h-files">
<h2 id="h-files">${t('portal:openData.files')}</h2>
<dl class="record" data-testid="open-data-files">
${FILES.map(([k, path]) => html`<dt><a href="${path}">${path.split('/').pop()}</a></dt><dd>${t(`portal:openData.${k}`)}</dd>`)}
</dl>
</section>
<section aria-labelledby="h-fields">
<h2 id="h-fields">${t('portal:openData.fields')}</h2>
<p>${t('portal:openData.fieldsLead')}</p>
</section>
<section aria-labelledby="h-api">
<h2 id="h-api">${t('portal:openData.api')}</h2>
<p>${t('portal:openData.apiLead', { search: 'GET /api/public/filings?q=&page=', record: 'GET /api/public/filings/:filingNumber' })}</p>
<p><a href="/api/docs">/api/docs</a></p>
</section>
<section aria-labelledby="h-log">
<h2 id="h-log">${t('transparency:title')}</h2>
<p><a href="/transparency">${t('transparency:headTitle')} · ${t('transparency:stepsTitle')}</a></p>
</section>`;
}
