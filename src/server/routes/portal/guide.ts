/** `/guide` 办事指南 (SPEC §13): who must file, what to prepare, the steps and the time limits, articles cited. */
import { type Html, html } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';

const MATERIALS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'];
const STEPS = ['s1', 's2', 's3', 's4', 's5'];
const LIMITS: [key: string, article: number][] = [
  ['review', 5],
  ['launch', 8],
  ['online', 8],
  ['change', 6],
  ['end', 7],
];

export function guideView(pc: PageContext, effectiveDate: string): Html {
  const { t } = pc;
  return html`<h1>${t('portal:guide.title')}</h1>
<p class="muted">${t('portal:guide.lead')}</p>
<section aria-labelledby="h-who">
<h2 id="h-who">${t('portal:guide.whoTitle')}</h2>
<p>${t('portal:guide.who')}</p>
<p><a href="/self-check">${t('portal:guide.selfCheckLink')}</a></p>
</section>
<section aria-labelledby="h-what">
<h2 id="h-what">${t('portal:guide.whatTitle')}</h2>
<ol>${MATERIALS.map((m) => html`<li>${t(`portal:guide.what.${m}`)}</li>`)}</ol>
</section>
<section aria-labelledby="h-steps">
<h2 id="h-steps">${t('portal:guide.stepsTitle')}</h2>
<ol>${STEPS.map((s) => html`<li>${t(`portal:guide.steps.${s}`)}</li>`)}</ol>
</section>
<section aria-labelledby="h-limits">
<h2 id="h-limits">${t('portal:guide.limitsTitle')}</h2>
<table data-testid="time-limits">
<thead><tr><th scope="col">${t('portal:guide.limitsWhat')}</th><th scope="col">${t('portal:guide.limitsWhen')}</th><th scope="col">${t('portal:guide.limitsArticle')}</th></tr></thead>
<tbody>
${LIMITS.map(
  ([k, n]) =>
    html`<tr><th scope="row">${t(`portal:guide.limits.${k}What`)}</th><td>${t(`portal:guide.limits.${k}When`, { date: effectiveDate })}</td><td>${t('portal:guide.article', { n })}</td></tr>`,
)}
</tbody>
</table>
<h3>${t('portal:guide.countingTitle')}</h3>
<p>${t('portal:guide.counting')}</p>
</section>`;
}
