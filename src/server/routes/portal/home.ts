/**
 * The home page `/` (SPEC §13): what the system is, the search box, 查验备案编号, the counts, 办事指南 in brief,
 * the Article 2 self-check, 投诉举报 with the admin-set phone and email (Article 9), and the no-endorsement notice.
 */

import type { RegistryCounts } from '../../services/publicRegistry.js';
import { type Html, html } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';
import { searchForm, verifyForm } from './fragments.js';
import { selfCheckForm } from './selfCheck.js';

export interface HomeData {
  counts: RegistryCounts;
  complaints: { phone: string; email: string };
}

export function homeView(pc: PageContext, data: HomeData): Html {
  const { t } = pc;
  const { counts, complaints } = data;
  const unset = html`<span class="muted">${t('portal:home.complaintsUnset')}</span>`;
  return html`<h1>${t('portal:home.title')}</h1>
<p>${t('portal:home.lead')}</p>
<section class="card" aria-labelledby="h-search">
<h2 id="h-search">${t('portal:home.searchTitle')}</h2>
${searchForm(pc)}
</section>
<section class="card" aria-labelledby="h-verify">
<h2 id="h-verify">${t('portal:home.verifyTitle')}</h2>
<p>${t('portal:home.verifyLead')}</p>
${verifyForm(pc)}
</section>
<section aria-labelledby="h-counts">
<h2 id="h-counts">${t('portal:home.countsTitle')}</h2>
<ul class="counts" data-testid="counts">
<li><strong>${counts.total}</strong>${t('portal:counts.total')}</li>
<li><strong>${counts.valid}</strong>${t('portal:counts.valid')}</li>
<li><strong>${counts.deregistered}</strong>${t('portal:counts.deregistered')}</li>
<li><strong>${counts.revoked}</strong>${t('portal:counts.revoked')}</li>
</ul>
</section>
<section aria-labelledby="h-guide">
<h2 id="h-guide">${t('portal:home.guideTitle')}</h2>
<p>${t('portal:home.guideLead')}</p>
<ol>
<li>${t('portal:guide.steps.s1')}</li>
<li>${t('portal:guide.steps.s2')}</li>
<li>${t('portal:guide.steps.s3')}</li>
<li>${t('portal:guide.steps.s4')}</li>
<li>${t('portal:guide.steps.s5')}</li>
</ol>
<p><a href="/guide">${t('portal:home.guideLink')}</a></p>
</section>
<section class="card" aria-labelledby="h-self">
<h2 id="h-self">${t('portal:home.selfCheckTitle')}</h2>
<p>${t('portal:home.selfCheckLead')}</p>
${selfCheckForm(pc, {})}
</section>
<section class="card" id="complaints" aria-labelledby="h-complaints" data-testid="complaints">
<h2 id="h-complaints">${t('portal:home.complaintsTitle')}</h2>
<p>${t('portal:home.complaintsLead')}</p>
<ul>
<li>${t('portal:home.complaintsPhone')}${t('portal:colon')}${complaints.phone ? html`<a href="tel:${complaints.phone.replace(/[^\d+]/g, '')}">${complaints.phone}</a>` : unset}</li>
<li>${t('portal:home.complaintsEmail')}${t('portal:colon')}${complaints.email ? html`<a href="mailto:${complaints.email}">${complaints.email}</a>` : unset}</li>
</ul>
<p><a class="button" href="/complaints/new">${t('portal:home.complaintsForm')}</a> <a href="/complaints/new#h-track">${t('portal:home.complaintsTrack')}</a></p>
</section>
<section aria-labelledby="h-apply">
<h2 id="h-apply">${t('portal:home.applyTitle')}</h2>
<p>${t('portal:home.applyLead')} <a href="/login">${t('portal:home.applyLink')}</a></p>
</section>
<section class="notice" aria-labelledby="h-disclaimer" data-testid="disclaimer">
<h2 id="h-disclaimer">${t('portal:home.disclaimerTitle')}</h2>
<p>${t('portal:home.disclaimer')}</p>
</section>`;
}
