/**
 * The public portal's server-rendered pages (SPEC §13; paths fixed there): `/`, `/public/filings?q=&page=`,
 * `/public/filings/:filingNumber`, `/badge/:filingNumber.svg`, `/guide`, `/self-check`, `/open-data`, `/transparency` (the log, SPEC §11), the stylesheet.
 * No session, no JavaScript; every page has an ETag and Cache-Control (ssr/respond.ts). Reads only the registry's
 * projection and public settings: nothing personal can reach these pages.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_STATUS, publicFilingUrl } from '../../../shared/filing/publicRecord.js';
import { createI18n } from '../../../shared/i18n/index.js';
import { portalCatalog } from '../../../shared/i18n/locales/portal.js';
import { transparencyCatalog } from '../../../shared/i18n/locales/transparency.js';
import { parseSelfCheck } from '../../../shared/portal/selfCheck.js';
import { type Html, html } from '../../ssr/html.js';
import { layout, type PageContext, pageContext } from '../../ssr/layout.js';
import { sendNotFoundPage } from '../../ssr/notFound.js';
import { sendBody, sendPage } from '../../ssr/respond.js';
import { STYLESHEET } from '../../ssr/styles.js';
import { publishHead } from '../../transparency/heads.js';
import { badgeSvg } from './badge.js';
import { guideView } from './guide.js';
import { homeView } from './home.js';
import { openDataView } from './openData.js';
import { recordNotFoundBody, recordView } from './record.js';
import { SEARCH_PAGE_SIZE, searchView } from './search.js';
import { selfCheckView } from './selfCheck.js';
import { transparencyView } from './transparency.js';

const catalogs = [portalCatalog, transparencyCatalog];
const badgeTranslators = { 'zh-CN': createI18n('zh-CN', catalogs).t, en: createI18n('en', catalogs).t };
const hide = { schema: { hide: true } };

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A page's 400 (bad page number, over-long term), naming what is wrong. */
function sendBadRequest(req: FastifyRequest, reply: FastifyReply, message: string) {
  const pc = pageContext(req, reply, catalogs);
  const main = html`<h1>${message}</h1><p><a href="/public/filings">${pc.t('site:notFound.search')}</a></p>`;
  return sendPage(req, reply, layout(pc, { title: message, main }), { status: 400, cacheControl: 'no-cache' });
}

export const portalRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const max = ctx.config.rateLimits.public;
  const config = { rateLimit: max > 0 ? { max, timeWindow: '1 minute' } : (false as const) };
  const opts = { ...hide, config };
  // Registry pages and the portal's fixed pages, which depend only on the URL, the language and what a public event
  // or a settings change drops: kept by the public fast path.
  const kept = { ...hide, config: { ...config, publicCache: true } };

  app.get(STYLESHEET.path, hide, async (req, reply) =>
    sendBody(req, reply, STYLESHEET.body, {
      type: 'text/css; charset=utf-8',
      cacheControl: 'public, max-age=31536000, immutable',
      vary: null,
    }),
  );

  /**
   * The other pages are rendered once per language and query and kept with the registry's reads (the same expiry;
   * a public event or a settings change drops them), so a visit costs no database read and no rendering.
   */
  const rendered = (pc: PageContext, render: () => Promise<Html>) =>
    ctx.registry.memo(`page\n${pc.path}\n${pc.lang}\n${pc.query}`, async () => (await render()).value);

  app.get('/', kept, async (req, reply) => {
    const pc = pageContext(req, reply, catalogs);
    const body = await rendered(pc, async () => {
      const [counts, phone, email] = await Promise.all([
        ctx.registry.counts(),
        ctx.settings.get('complaints.phone'),
        ctx.settings.get('complaints.email'),
      ]);
      const main = homeView(pc, { counts, complaints: { phone, email } });
      return layout(pc, { title: pc.t('common:appName'), description: pc.t('portal:home.lead'), main });
    });
    return sendBody(req, reply, body);
  });

  app.get('/guide', kept, async (req, reply) => {
    const pc = pageContext(req, reply, catalogs);
    const body = await rendered(pc, async () => {
      const main = guideView(pc, await ctx.settings.get('measures.effectiveDate'));
      return layout(pc, { title: pc.t('portal:guide.title'), main });
    });
    return sendBody(req, reply, body);
  });

  app.get('/open-data', kept, async (req, reply) => {
    const pc = pageContext(req, reply, catalogs);
    const body = await rendered(pc, async () =>
      layout(pc, { title: pc.t('portal:openData.title'), main: openDataView(pc) }),
    );
    return sendBody(req, reply, body);
  });

  app.get('/transparency', kept, async (req, reply) => {
    const pc = pageContext(req, reply, catalogs);
    const body = await rendered(pc, async () => {
      const main = transparencyView(pc, await publishHead(ctx), ctx.config.publicBaseUrl);
      return layout(pc, { title: pc.t('transparency:title'), main });
    });
    return sendBody(req, reply, body);
  });

  app.get('/self-check', kept, async (req, reply) => {
    const pc = pageContext(req, reply, catalogs);
    const body = await rendered(pc, async () => {
      const answers = parseSelfCheck(req.query as Query);
      const main = selfCheckView(pc, answers, await ctx.settings.get('measures.effectiveDate'));
      return layout(pc, { title: pc.t('portal:selfCheck.title'), main });
    });
    return sendBody(req, reply, body);
  });

  app.get('/public/filings', kept, async (req, reply) => {
    const query = req.query as Query;
    const number = one(query.number)?.trim();
    if (number) return reply.redirect(`/public/filings/${encodeURIComponent(number)}`, 303);
    const q = (one(query.q) ?? '').trim();
    const pageText = one(query.page) ?? '';
    const page = pageText === '' ? 1 : Number(pageText);
    const pc = pageContext(req, reply, catalogs);
    if (q.length > 100) return sendBadRequest(req, reply, pc.t('portal:search.badTerm'));
    if (!Number.isInteger(page) || page < 1 || page > 10_000) {
      return sendBadRequest(req, reply, pc.t('portal:search.badPage'));
    }
    // The rendered page depends on the registry and the language only: kept with the registry's reads.
    const body = await ctx.registry.memo(`search\n${pc.lang}\n${pc.query}`, async () => {
      const result = await ctx.registry.search({ q, page, pageSize: SEARCH_PAGE_SIZE });
      const title = q ? pc.t('portal:search.titleWithTerm', { q }) : pc.t('portal:search.title');
      return layout(pc, { title, main: searchView(pc, q, page, result) }).value;
    });
    return sendBody(req, reply, body);
  });

  app.get<{ Params: { filingNumber: string } }>('/public/filings/:filingNumber', kept, async (req, reply) => {
    const number = req.params.filingNumber.trim();
    const row = number.length <= 100 ? await ctx.registry.record(number) : undefined;
    if (!row) {
      const pc = pageContext(req, reply, catalogs);
      return sendNotFoundPage(req, reply, {
        pc,
        title: pc.t('portal:record.notFoundTitle'),
        body: recordNotFoundBody(pc, number),
        testId: 'public-filing-not-found',
      });
    }
    const pc = pageContext(req, reply, catalogs);
    const body = await ctx.registry.memo(`record\n${pc.lang}\n${number}\n${pc.query}`, async () => {
      const history = await ctx.registry.history(number);
      const page = publicFilingUrl(ctx.config.publicBaseUrl, number);
      const badge = `${ctx.config.publicBaseUrl}/badge/${encodeURIComponent(number)}.svg`;
      return layout(pc, {
        title: `${row.record.platformName} ${number}`,
        main: recordView(pc, row, history, { page, badge }),
        head: html`<link rel="canonical" href="${page}">`,
      }).value;
    });
    return sendBody(req, reply, body);
  });

  app.get<{ Params: { file: string } }>('/badge/:file', opts, async (req, reply) => {
    const { file } = req.params;
    if (!file.endsWith('.svg')) return sendNotFoundPage(req, reply);
    const number = file.slice(0, -4).trim();
    const lang = one((req.query as Query).lang) === 'en' ? 'en' : 'zh-CN';
    const t = badgeTranslators[lang];
    const row = number.length <= 100 ? await ctx.registry.record(number) : undefined;
    const svg = row
      ? badgeSvg(
          t('portal:badge.label'),
          `${number} ${lang === 'en' ? t(`portal:status.${row.status}`) : PUBLIC_STATUS[row.status]}`,
          row.status,
        )
      : badgeSvg(t('portal:badge.label'), t('portal:badge.unknown'), 'unknown');
    return sendBody(req, reply, svg, {
      status: row ? 200 : 404,
      type: 'image/svg+xml; charset=utf-8',
      cacheControl: row ? 'public, max-age=300' : 'no-cache',
      vary: null,
    });
  });
};
