/** The public site's 404 page (SPEC §13: unknown numbers and paths answer 404), sent with status 404. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Catalog } from '../../shared/i18n/index.js';
import { type Html, html } from './html.js';
import { layout, type PageContext, pageContext } from './layout.js';
import { sendPage } from './respond.js';

export function sendNotFoundPage(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { catalogs?: readonly Catalog[]; title?: string; body?: Html; testId?: string; pc?: PageContext } = {},
) {
  const pc = opts.pc ?? pageContext(req, reply, opts.catalogs);
  const { t } = pc;
  const title = opts.title ?? t('site:notFound.title');
  const main = html`<div data-testid="${opts.testId ?? 'not-found'}">
<h1>${title}</h1>
${opts.body ?? html`<p>${t('site:notFound.body', { path: pc.path })}</p>`}
<p><a href="/">${t('site:notFound.back')}</a> · <a href="/public/filings">${t('site:notFound.search')}</a></p>
</div>`;
  return sendPage(req, reply, layout(pc, { title, main }), { status: 404, cacheControl: 'no-cache' });
}
