/**
 * The public complaint pages' markup (SPEC §13 `/complaints/new`, `/complaints/:trackingCode`; §9; Article 9):
 * the form (categories explained, target, description, evidence, optional contact, the ALTCHA widget), and the
 * status page (state, due date, public steps, reply; nothing about the complainant). Escaped by `html`.
 */
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_MEASURE_LABELS,
  COMPLAINT_MEASURES,
  COMPLAINT_STATUS_LABELS,
  type ComplaintMeasure,
} from '../../../shared/complaints/lifecycle.js';
import type { FieldError } from '../../../shared/filing/completeness.js';
import { isIssueCode, renderIssue } from '../../../shared/validation/issues.js';
import type { ComplaintRow } from '../../commands/complaints/records.js';
import type { complaintEvents } from '../../db/schema.js';
import { type Html, html } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';

export const ALTCHA_VERSION = '2.3.0';
export const ALTCHA_ASSETS = {
  script: `/static/altcha/${ALTCHA_VERSION}/altcha.js`,
  worker: `/static/altcha/${ALTCHA_VERSION}/worker.js`,
  css: `/static/altcha/${ALTCHA_VERSION}/altcha.css`,
} as const;

export interface FormValues {
  category?: string;
  targetFilingNumber?: string;
  targetName?: string;
  targetUrl?: string;
  description?: string;
  contact?: { name?: string; phone?: string; email?: string };
}

const WIDGET_KEYS = [
  'ariaLinkLabel',
  'enterCode',
  'enterCodeAria',
  'error',
  'expired',
  'footer',
  'getAudioChallenge',
  'label',
  'loading',
  'reload',
  'verificationRequired',
  'verified',
  'verifying',
  'waitAlert',
] as const;

const label = (pc: PageContext, l: { zh: string; en: string }) => (pc.lang === 'en' ? l.en : l.zh);

/** A field error in the page's language: its catalog code, naming the field; else the server's (Chinese) text. */
const errorText = (pc: PageContext, e: FieldError) =>
  e.code && isIssueCode(e.code)
    ? renderIssue({ code: e.code, params: { field: e.field, ...e.params } }, pc.lang)
    : e.message;

/** An error without fields (the request as a whole) in the page's language: by its code, else by its status. */
function requestErrorText(pc: PageContext, e: { message: string; code?: string; status?: number }): string {
  if (pc.lang !== 'en') return e.message;
  const missing = '\u0000';
  const byCode = e.code ? pc.t(`apiErrors:code.${e.code}`, { defaultValue: missing }) : missing;
  if (byCode !== missing) return byCode;
  const byStatus = pc.t(`apiErrors:status.s${e.status ?? 400}`, { defaultValue: missing });
  return byStatus !== missing ? byStatus : pc.t('apiErrors:status.s400');
}

function fieldError(pc: PageContext, errors: FieldError[], field: string): Html | '' {
  const e = errors.find((x) => x.field === field || x.field.startsWith(`${field}[`) || x.field.startsWith(`${field}.`));
  return e ? html`<p class="field-error" id="err-${field}">${errorText(pc, e)}</p>` : '';
}

export function complaintFormView(
  pc: PageContext,
  opts: {
    values?: FormValues;
    errors?: FieldError[];
    message?: string;
    /** The refusal's code and status, to say `message` in English. */
    code?: string;
    status?: number;
    maxFiles: number;
    maxMb: number;
  },
): Html {
  const { t } = pc;
  const v = opts.values ?? {};
  const errors = opts.errors ?? [];
  const strings = JSON.stringify(Object.fromEntries(WIDGET_KEYS.map((k) => [k, t(`complaints:widget.${k}`)])));
  const input = (name: string, value: string | undefined, attrs: Html | string = '') =>
    html`<input type="text" id="${name}" name="${name}" value="${value ?? ''}"${attrs}${errors.some((e) => e.field === name) ? html` aria-invalid="true" aria-describedby="err-${name}"` : ''}>`;
  return html`<h1>${t('complaints:form.title')}</h1>
<p>${t('complaints:form.lead')}</p>
<p class="muted">${t('complaints:form.anonymous')}</p>
${
  opts.message || errors.length
    ? html`<div class="card error" role="alert" data-testid="complaint-errors">
<p><strong>${t('complaints:form.errorsTitle')}</strong></p>
<ul>${errors.length ? errors.map((e) => html`<li>${errorText(pc, e)}</li>`) : html`<li>${requestErrorText(pc, { message: opts.message ?? '', ...(opts.code ? { code: opts.code } : {}), ...(opts.status ? { status: opts.status } : {}) })}</li>`}</ul>
</div>`
    : ''
}
<form method="post" action="/complaints/new" enctype="multipart/form-data" class="complaint" data-testid="complaint-form" novalidate>
<fieldset>
<legend>${t('complaints:form.categoryLegend')}</legend>
${fieldError(pc, errors, 'category')}
${COMPLAINT_CATEGORIES.map(
  (
    c,
  ) => html`<label class="choice"><input type="radio" name="category" value="${c}"${v.category === c ? html` checked` : ''} required>
<span><strong>${label(pc, COMPLAINT_CATEGORY_LABELS[c])}</strong><br><span class="muted">${t(`complaints:form.help.${c}`)}</span></span></label>`,
)}
</fieldset>
<fieldset>
<legend>${t('complaints:form.targetLegend')}</legend>
<p class="muted">${t('complaints:form.targetHint')}</p>
<label for="targetFilingNumber">${t('complaints:form.filingNumber')}</label>
${input('targetFilingNumber', v.targetFilingNumber, html` placeholder="${t('complaints:form.filingNumberPlaceholder')}" maxlength="64" autocomplete="off"`)}
<p id="filing-check" class="muted" aria-live="polite" data-found="${t('complaints:form.filingFound')}" data-not-found="${t('complaints:form.filingNotFound')}" data-status-valid="${t('portal:status.valid')}" data-status-deregistered="${t('portal:status.deregistered')}" data-status-revoked="${t('portal:status.revoked')}"></p>
${fieldError(pc, errors, 'targetFilingNumber')}
<label for="targetName">${t('complaints:form.targetName')}</label>
${input('targetName', v.targetName, html` maxlength="200"`)}
${fieldError(pc, errors, 'targetName')}
<label for="targetUrl">${t('complaints:form.targetUrl')}</label>
${input('targetUrl', v.targetUrl, html` inputmode="url" placeholder="https://" maxlength="2048"`)}
${fieldError(pc, errors, 'targetUrl')}
</fieldset>
<label for="description">${t('complaints:form.description')}</label>
<p class="muted">${t('complaints:form.descriptionHint')}</p>
<textarea id="description" name="description" rows="8" maxlength="10000" required${errors.some((e) => e.field === 'description') ? html` aria-invalid="true"` : ''}>${v.description ?? ''}</textarea>
${fieldError(pc, errors, 'description')}
<label for="evidence">${t('complaints:form.evidence')}</label>
<p class="muted">${t('complaints:form.evidenceHint', { count: opts.maxFiles, mb: opts.maxMb })}</p>
<input type="file" id="evidence" name="evidence" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png">
${fieldError(pc, errors, 'evidence')}
<fieldset>
<legend>${t('complaints:form.contactLegend')}</legend>
<label for="contact.name">${t('complaints:form.contactName')}</label>
${input('contact.name', v.contact?.name, html` maxlength="100" autocomplete="name"`)}
<label for="contact.phone">${t('complaints:form.contactPhone')}</label>
<input type="tel" id="contact.phone" name="contact.phone" value="${v.contact?.phone ?? ''}" maxlength="30" autocomplete="tel">
${fieldError(pc, errors, 'contact.phone')}
<label for="contact.email">${t('complaints:form.contactEmail')}</label>
<input type="email" id="contact.email" name="contact.email" value="${v.contact?.email ?? ''}" maxlength="254" autocomplete="email">
<p class="muted">${t('complaints:form.contactEmailHint')}</p>
${fieldError(pc, errors, 'contact.email')}
</fieldset>
<fieldset>
<legend>${t('complaints:form.verifyLegend')}</legend>
<p class="muted">${t('complaints:form.verifyHint')}</p>
<altcha-widget challengeurl="/api/public/complaints/challenge" workerurl="${ALTCHA_ASSETS.worker}" name="altcha" hidelogo strings="${strings}" data-testid="altcha"></altcha-widget>
<noscript><p>${t('complaints:form.noscript')}</p></noscript>
${fieldError(pc, errors, 'altcha')}
</fieldset>
<p><button type="submit" data-testid="complaint-submit">${t('complaints:form.submit')}</button></p>
</form>
${trackForm(pc)}`;
}

export function trackForm(pc: PageContext): Html {
  const { t } = pc;
  return html`<section class="card" aria-labelledby="h-track">
<h2 id="h-track">${t('complaints:form.trackTitle')}</h2>
<form method="get" action="/complaints/track" class="search">
<label for="code" class="visually-hidden">${t('complaints:form.trackLabel')}</label>
<input type="text" id="code" name="code" placeholder="TS4K-9QXM-2B7D-H8PA" maxlength="40" autocomplete="off" required>
<button type="submit">${t('complaints:form.trackButton')}</button>
</form>
</section>`;
}

type EventRow = typeof complaintEvents.$inferSelect;

function stepText(pc: PageContext, e: EventRow): string {
  const { t } = pc;
  if ((COMPLAINT_MEASURES as readonly string[]).includes(e.action)) {
    return t('complaints:status.measure', {
      measure: label(pc, COMPLAINT_MEASURE_LABELS[e.action as ComplaintMeasure]),
    });
  }
  return t(`complaints:status.step.${e.status}`);
}

const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(d)
    .replace(/\//g, '-');

export function complaintStatusView(pc: PageContext, row: ComplaintRow, events: EventRow[], created: boolean): Html {
  const { t } = pc;
  const open = row.status !== 'closed';
  return html`<h1>${created ? t('complaints:status.createdTitle') : t('complaints:status.title')}</h1>
${
  created
    ? html`<div class="card answer" role="status" data-testid="complaint-created"><p>${t('complaints:status.createdLead')}</p>
<p class="code"><strong data-testid="tracking-code">${row.trackingCode}</strong></p></div>`
    : ''
}
<section class="card" data-testid="complaint-status" data-status="${row.status}">
<dl class="fields">
<dt>${t('complaints:status.code')}</dt><dd>${row.trackingCode}</dd>
<dt>${t('complaints:status.category')}</dt><dd>${label(pc, COMPLAINT_CATEGORY_LABELS[row.category])}</dd>
<dt>${t('complaints:status.state')}</dt><dd><strong data-testid="complaint-state">${label(pc, COMPLAINT_STATUS_LABELS[row.status])}</strong></dd>
<dt>${t('complaints:status.submittedAt')}</dt><dd>${dateTime(row.receivedAt)}</dd>
${open ? html`<dt>${t('complaints:status.dueDate')}</dt><dd>${row.dueDate}${row.dueProvisional ? html` <span class="muted">(${t('complaints:status.provisional')})</span>` : ''}</dd>` : ''}
</dl>
</section>
<section class="card" aria-labelledby="h-timeline">
<h2 id="h-timeline">${t('complaints:status.timeline')}</h2>
<ol class="timeline">
${events.filter((e) => e.public).map((e) => html`<li><time datetime="${e.at.toISOString()}">${dateTime(e.at)}</time> ${stepText(pc, e)}</li>`)}
</ol>
</section>
<section class="card" aria-labelledby="h-reply">
<h2 id="h-reply">${t('complaints:status.reply')}</h2>
${row.status === 'closed' && row.reply ? html`<p class="reply" data-testid="complaint-reply">${row.reply}</p>` : html`<p class="muted">${t('complaints:status.noReply')}</p>`}
</section>
<p><a href="/complaints/new">${t('complaints:status.newComplaint')}</a></p>`;
}

export function statusNotFoundBody(pc: PageContext): Html {
  const { t } = pc;
  return html`<p>${t('complaints:status.notFound')}</p>${trackForm(pc)}`;
}

/** Progressive enhancement of the form: checks the filing number as it is typed (the page works without it). */
export const FORM_SCRIPT = `(function(){
var input=document.getElementById('targetFilingNumber');var out=document.getElementById('filing-check');
if(!input||!out)return;var timer,seq=0;
function show(text){out.textContent=text;}
input.addEventListener('input',function(){clearTimeout(timer);var v=input.value.trim();if(!v){show('');return;}
timer=setTimeout(function(){var mine=++seq;fetch('/api/public/filings/'+encodeURIComponent(v),{headers:{accept:'application/json'}})
.then(function(r){return r.ok?r.json():null;}).then(function(b){if(mine!==seq)return;
if(b&&b.filing){show(out.dataset.found.replace('{{name}}',b.filing.platformName||'').replace('{{status}}',out.dataset['status'+b.filing.status.charAt(0).toUpperCase()+b.filing.status.slice(1)]||b.filing.status));}
else show(out.dataset.notFound);}).catch(function(){});},400);});
})();`;
