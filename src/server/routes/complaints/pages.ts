/**
 * The public complaint pages, rendered on the server (SPEC §13 paths `/complaints/new`, `/complaints/:trackingCode`;
 * §9; Article 9): the form posts multipart to `/complaints/new` through the same command as the API (ALTCHA spent
 * once, rate limit, evidence typed from bytes); success redirects to the status page with the tracking code and the
 * advice to keep it, a refusal renders the form again with the values and the errors by field. The ALTCHA widget
 * (the `altcha` package's CSP-friendly build: script, worker and stylesheet from our origin) and a small script that
 * checks the filing number as it is typed are the only JavaScript; no page is cached by shared caches.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { publicComplaintBody, trackingCodeParam } from '../../../shared/api/complaints.js';
import { apiErrorsCatalog } from '../../../shared/i18n/locales/apiErrors.js';
import { complaintsCatalog } from '../../../shared/i18n/locales/complaints.js';
import { portalCatalog } from '../../../shared/i18n/locales/portal.js';
import { MAX_EVIDENCE_FILES, receiveComplaint } from '../../commands/complaints/receiveComplaint.js';
import { normaliseTrackingCode } from '../../commands/complaints/records.js';
import { AppError } from '../../lib/errors.js';
import { complaintTimeline, findByTrackingCode } from '../../services/complaintQueries.js';
import { html } from '../../ssr/html.js';
import { layout, pageContext } from '../../ssr/layout.js';
import { sendNotFoundPage } from '../../ssr/notFound.js';
import { sendBody, sendPage } from '../../ssr/respond.js';
import { readComplaintRequest } from './form.js';
import {
  ALTCHA_ASSETS,
  complaintFormView,
  complaintStatusView,
  FORM_SCRIPT,
  type FormValues,
  statusNotFoundBody,
} from './views.js';

const catalogs = [portalCatalog, complaintsCatalog, apiErrorsCatalog];
const hide = { schema: { hide: true } };
const FORM_SCRIPT_PATH = '/static/complaints/form.v1.js';

const PAGE_CSS = `form.complaint label{display:block;margin:.6rem 0 .2rem;font-weight:600}
form.complaint label.choice{display:flex;gap:.5rem;font-weight:400;align-items:flex-start}
form.complaint input[type=text],form.complaint input[type=tel],form.complaint input[type=email],form.complaint textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem .65rem;border:1px solid #8c959f;border-radius:6px}
form.complaint input[type=file]{max-width:100%}
.field-error{color:#b42318;margin:.25rem 0}
.card.error{border-left:4px solid #b42318}
.code{font-size:1.4rem;letter-spacing:.08em;word-break:break-all}
ol.timeline{padding-left:1.2rem}ol.timeline time{color:#57606a;margin-right:.5rem}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
.reply{white-space:pre-wrap}
altcha-widget{display:block;max-width:100%}`;

/** The widget's files, read once from the installed package. */
function altchaFiles() {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('altcha/external'));
  return {
    script: readFileSync(path.join(dir, 'altcha.js')),
    worker: readFileSync(path.join(dir, 'worker.js')),
    css: readFileSync(path.join(dir, 'altcha.css')),
  };
}

function head(withWidget: boolean) {
  return html`<style>${PAGE_CSS}</style>
${withWidget ? html`<link rel="stylesheet" href="${ALTCHA_ASSETS.css}"><script type="module" src="${ALTCHA_ASSETS.script}"></script><script src="${FORM_SCRIPT_PATH}" defer></script>` : ''}
<meta name="robots" content="noindex">`;
}

export const complaintPageRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const files = altchaFiles();
  const perHour = ctx.config.rateLimits.complaints;
  const submitLimit = perHour > 0 ? { max: perHour, timeWindow: '1 hour' } : (false as const);
  const readMax = ctx.config.rateLimits.public;
  const readLimit = readMax > 0 ? { max: readMax, timeWindow: '1 minute' } : (false as const);
  const immutable = { cacheControl: 'public, max-age=31536000, immutable', vary: null } as const;

  app.get(ALTCHA_ASSETS.script, hide, (req, reply) =>
    sendBody(req, reply, files.script, { type: 'text/javascript; charset=utf-8', ...immutable }),
  );
  app.get(ALTCHA_ASSETS.worker, hide, (req, reply) =>
    sendBody(req, reply, files.worker, { type: 'text/javascript; charset=utf-8', ...immutable }),
  );
  app.get(ALTCHA_ASSETS.css, hide, (req, reply) =>
    sendBody(req, reply, files.css, { type: 'text/css; charset=utf-8', ...immutable }),
  );
  app.get(FORM_SCRIPT_PATH, hide, (req, reply) =>
    sendBody(req, reply, FORM_SCRIPT, { type: 'text/javascript; charset=utf-8', ...immutable }),
  );

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { status?: number; values?: FormValues; errors?: AppError['errors']; message?: string; code?: string } = {},
  ) => {
    const pc = pageContext(req, reply, catalogs);
    const maxMb = Math.round(((await ctx.settings.get('complaints.evidenceMaxBytes')) / 1024 / 1024) * 10) / 10;
    const main = complaintFormView(pc, {
      maxFiles: MAX_EVIDENCE_FILES,
      maxMb,
      ...(opts.values ? { values: opts.values } : {}),
      ...(opts.errors ? { errors: opts.errors } : {}),
      ...(opts.message ? { message: opts.message } : {}),
      ...(opts.code ? { code: opts.code } : {}),
      ...(opts.status ? { status: opts.status } : {}),
    });
    return sendPage(req, reply, layout(pc, { title: pc.t('complaints:form.title'), main, head: head(true) }), {
      status: opts.status ?? 200,
      cacheControl: 'no-store',
    });
  };

  app.get('/complaints/new', { ...hide, config: { rateLimit: readLimit } }, (req, reply) => renderForm(req, reply));

  app.post('/complaints/new', { ...hide, config: { rateLimit: submitLimit } }, async (req, reply) => {
    let values: FormValues = {};
    try {
      const read = await readComplaintRequest(req, ctx, publicComplaintBody, (raw) => {
        const { altcha: _a, ...rest } = raw;
        values = rest as FormValues;
      });
      const { altcha, ...fields } = read.body;
      const row = await receiveComplaint(ctx, { channel: 'web', fields, evidence: read.evidence, altcha });
      return reply.redirect(`/complaints/${row.trackingCode}?created=1`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return renderForm(req, reply, {
        status: err.status,
        values,
        ...(err.errors ? { errors: err.errors } : {}),
        message: err.message,
        code: err.code,
      });
    }
  });

  app.get('/complaints/track', { ...hide, config: { rateLimit: readLimit } }, async (req, reply) => {
    const code = normaliseTrackingCode(String((req.query as { code?: unknown }).code ?? '')).slice(0, 40);
    return reply.redirect(`/complaints/${encodeURIComponent(code)}`, 303);
  });

  app.get<{ Params: { trackingCode: string } }>(
    '/complaints/:trackingCode',
    { ...hide, config: { rateLimit: readLimit } },
    async (req, reply) => {
      const code = normaliseTrackingCode(req.params.trackingCode);
      const row = trackingCodeParam.safeParse(code).success ? await findByTrackingCode(ctx.db, code) : undefined;
      const pc = pageContext(req, reply, catalogs);
      if (!row) {
        return sendNotFoundPage(req, reply, {
          pc,
          title: pc.t('complaints:status.notFoundTitle'),
          body: statusNotFoundBody(pc),
          testId: 'complaint-not-found',
        });
      }
      const created = (req.query as { created?: string }).created === '1';
      const main = complaintStatusView(pc, row, await complaintTimeline(ctx.db, row.id), created);
      return sendPage(req, reply, layout(pc, { title: pc.t('complaints:status.title'), main, head: head(false) }), {
        cacheControl: 'private, no-store',
      });
    },
  );
};
