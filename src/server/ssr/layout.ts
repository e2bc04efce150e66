/**
 * The frame of every server-rendered public page (SPEC §13): `lang="zh-CN"` or `"en"`, a skip link, the header
 * with the main navigation, `<main>`, and the site's footer with the no-endorsement notice. One stylesheet, no script.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Catalog, createI18n, type Lang, type TFunction } from '../../shared/i18n/index.js';
import { commonCatalog } from '../../shared/i18n/locales/common.js';
import { siteCatalog } from '../../shared/i18n/locales/site.js';
import { type Html, html } from './html.js';
import { langOf, rememberLang } from './lang.js';
import { STYLESHEET } from './styles.js';

/** What a page's view needs to speak the visitor's language. */
export interface PageContext {
  lang: Lang;
  t: TFunction;
  /** The request's path without the query (for `aria-current` and the language switch). */
  path: string;
  /** The request's query without `lang`, for the language switch's link. */
  query: URLSearchParams;
}

/** Reads the language (storing a `?lang=` choice) and gives a translator with the site's and the page's catalogs. */
export function pageContext(req: FastifyRequest, reply: FastifyReply, catalogs: readonly Catalog[] = []): PageContext {
  const { lang, fromQuery } = langOf(req);
  if (fromQuery) rememberLang(reply, lang);
  const url = new URL(req.url, 'http://x');
  url.searchParams.delete('lang');
  return { lang, t: translator(lang, catalogs), path: url.pathname, query: url.searchParams };
}

/** One i18next instance per language and set of catalogs, made once: the catalogs never change at run time. */
const translators = new Map<string, TFunction>();
function translator(lang: Lang, catalogs: readonly Catalog[]): TFunction {
  const key = `${lang}|${catalogs.map((c) => c.ns).join(',')}`;
  let t = translators.get(key);
  if (!t) {
    const i18n = createI18n(lang, [commonCatalog, siteCatalog, ...catalogs]);
    t = remembering(i18n.t.bind(i18n) as TFunction);
    translators.set(key, t);
  }
  return t;
}

const MAX_REMEMBERED = 10_000;

/**
 * `t` that remembers the text of a key asked without parameters (or with a default value only): a page asks for a
 * hundred fixed texts (navigation, labels, footer), and i18next resolving each of them again was a third of the
 * main thread's time on a record page rendered for the first time (`npm run bench:public`, the uncached cases).
 * Texts with parameters vary with them and go to i18next every time. The catalogs are fixed, so a text never goes stale.
 */
export function remembering(t: TFunction): TFunction {
  const known = new Map<string, string>();
  const call = t as unknown as (...a: unknown[]) => unknown;
  const wrapped = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key !== 'string' || args.length > 2) return call(...args);
    let memo: string | undefined;
    if (options === undefined) memo = key;
    else if (isDefaultOnly(options)) memo = `${key}\u0000${options.defaultValue}`;
    if (memo === undefined) return call(...args);
    let text = known.get(memo);
    if (text === undefined) {
      const out = call(...args);
      if (typeof out !== 'string') return out;
      text = out;
      // Keys are the code's own, but one built from data should not grow this without end.
      if (known.size < MAX_REMEMBERED) known.set(memo, text);
    }
    return text;
  };
  return wrapped as unknown as TFunction;
}

const isDefaultOnly = (o: unknown): o is { defaultValue: string } => {
  if (typeof o !== 'object' || o === null) return false;
  const keys = Object.keys(o);
  return (
    keys.length === 1 && keys[0] === 'defaultValue' && typeof (o as { defaultValue: unknown }).defaultValue === 'string'
  );
};

/** The main navigation; a section's pages mark their entry as current by path prefix. */
export const SITE_NAV: readonly { key: string; href: string; match: (path: string) => boolean }[] = [
  { key: 'home', href: '/', match: (p) => p === '/' },
  { key: 'search', href: '/public/filings', match: (p) => p.startsWith('/public/filings') },
  { key: 'guide', href: '/guide', match: (p) => p === '/guide' },
  { key: 'selfCheck', href: '/self-check', match: (p) => p === '/self-check' },
  { key: 'complaints', href: '/complaints/new', match: (p) => p.startsWith('/complaints') },
  { key: 'openData', href: '/open-data', match: (p) => p === '/open-data' },
  { key: 'apply', href: '/login', match: () => false },
];

export interface LayoutProps {
  title: string;
  description?: string;
  main: Html;
  /** Extra `<head>` content (a feed link, a canonical URL). */
  head?: Html;
}

export function layout(pc: PageContext, props: LayoutProps): Html {
  const { t, lang } = pc;
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
  const switchQuery = new URLSearchParams(pc.query);
  switchQuery.set('lang', other);
  const siteName = t('common:appName');
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${props.title === siteName ? siteName : `${props.title} · ${siteName}`}</title>
${props.description ? html`<meta name="description" content="${props.description}">` : ''}
<link rel="stylesheet" href="${STYLESHEET.path}">
<link rel="alternate" type="application/atom+xml" href="/api/public/open-data/events.atom" title="${t('site:feed')}">
${props.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${t('site:skip')}</a>
<header class="site">
<div class="wrap">
<a class="brand" href="/">${siteName}</a>
<nav class="main" aria-label="${t('site:nav.label')}">
<ul>
${SITE_NAV.map(
  (n) =>
    html`<li><a href="${n.href}"${n.match(pc.path) ? html` aria-current="page"` : ''}>${t(`site:nav.${n.key}`)}</a></li>`,
)}
</ul>
</nav>
<a class="lang" href="${pc.path}?${switchQuery.toString()}" hreflang="${other}" lang="${other}">${t('site:switchLanguage')}</a>
</div>
</header>
<main id="main" class="wrap">
${props.main}
</main>
<footer class="site">
<div class="wrap">
<p>${t('site:footer.basis')}</p>
<p><strong>${t('site:footer.disclaimer')}</strong></p>
<nav aria-label="${t('site:footer.links')}">
<ul>
${SITE_NAV.map((n) => html`<li><a href="${n.href}">${t(`site:nav.${n.key}`)}</a></li>`)}
<li><a href="/api/docs">${t('site:footer.api')}</a></li>
</ul>
</nav>
<p>${siteName}</p>
</div>
</footer>
</body>
</html>
`;
}
