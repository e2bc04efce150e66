/** `/self-check` (SPEC §13, Article 2): the questions as a GET form, and the reasoned answer once submitted. */
import {
  judgeSelfCheck,
  SELF_CHECK_QUESTIONS,
  type SelfCheckAnswers,
  type SelfCheckResult,
} from '../../../shared/portal/selfCheck.js';
import { type Html, html } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';

export function selfCheckForm(pc: PageContext, answers: SelfCheckAnswers): Html {
  const { t } = pc;
  const radio = (q: string, value: 'yes' | 'no', checked: boolean) =>
    html`<label><input type="radio" name="${q}" value="${value}"${checked ? html` checked` : ''} required> ${t(`portal:selfCheck.${value}`)}</label>`;
  return html`<form method="get" action="/self-check" data-testid="self-check-form">
${SELF_CHECK_QUESTIONS.map(
  (q) => html`<fieldset>
<legend>${t(`portal:selfCheck.q.${q}`)}</legend>
${radio(q, 'yes', answers[q] === true)} ${radio(q, 'no', answers[q] === false)}
</fieldset>`,
)}
<button type="submit">${t('portal:selfCheck.submit')}</button>
</form>`;
}

function answerText(pc: PageContext, result: SelfCheckResult, effectiveDate: string): Html {
  const { t } = pc;
  switch (result.kind) {
    case 'incomplete':
      return html`<p>${t('portal:selfCheck.incomplete')}</p>`;
    case 'mustFile':
      return html`<p><strong>${t('portal:selfCheck.result.mustFile')}</strong></p>
<p>${t(`portal:selfCheck.result.${result.timing}`, { date: effectiveDate })}</p>
<p><a class="button" href="/login">${t('portal:selfCheck.startFiling')}</a> <a href="/guide">${t('site:nav.guide')}</a></p>`;
    default:
      return html`<p><strong>${t(`portal:selfCheck.result.${result.kind}`)}</strong></p>`;
  }
}

export function selfCheckView(pc: PageContext, answers: SelfCheckAnswers, effectiveDate: string): Html {
  const { t } = pc;
  const asked = Object.keys(answers).length > 0;
  const result = judgeSelfCheck(answers);
  return html`<h1>${t('portal:selfCheck.title')}</h1>
<p>${t('portal:selfCheck.lead')}</p>
${
  asked
    ? html`<section class="card answer" aria-labelledby="h-answer" data-testid="self-check-answer" data-result="${result.kind}">
<h2 id="h-answer">${t('portal:selfCheck.answerTitle')}</h2>
${answerText(pc, result, effectiveDate)}
<p><a href="/self-check">${t('portal:selfCheck.again')}</a></p>
</section>`
    : ''
}
${selfCheckForm(pc, answers)}`;
}
