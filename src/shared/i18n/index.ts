/**
 * The UI's languages, on i18next, shared by the web app and the server-rendered public pages (SPEC §13:
 * Chinese first, English complete). A namespace's texts are one catalog in `locales/<ns>.ts`, written with
 * `defineCatalog`: the English half must have exactly the Chinese half's keys (a missing or extra key is a type
 * error, and `catalog.test.ts` also checks that both halves use the same `{{variables}}`).
 *
 * Web: `useCatalog(catalog)` (web/lib/i18n.tsx) registers a feature's catalog in the feature's own chunk.
 * Server: `createI18n(lang, [catalogs])` gives an instance per request.
 */
import { createInstance, type i18n as I18nInstance, type TFunction } from 'i18next';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

/** A nested dictionary of strings (i18next syntax: `{{name}}`, plurals with `_one`/`_other` keys in English). */
export interface Messages {
  [key: string]: string | Messages;
}

/** The same keys as T, each holding a string (or the same nesting). */
export type SameShape<T> = { [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };

export interface Catalog<T extends Messages = Messages> {
  ns: string;
  resources: { 'zh-CN': T; en: SameShape<T> };
}

export function defineCatalog<const T extends Messages>(ns: string, zh: T, en: SameShape<T>): Catalog<T> {
  return { ns, resources: { 'zh-CN': zh, en } };
}

/** Normalises a language tag or `Accept-Language` value to one of ours (anything English → en, else Chinese). */
export function pickLang(value: string | null | undefined): Lang {
  if (!value) return DEFAULT_LANG;
  const first = value.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : DEFAULT_LANG;
}

/** The cookie that carries the chosen language, read by the server-rendered pages and set by the web app. */
export const LANG_COOKIE = 'vcp_lang';

export function addCatalog(i18n: I18nInstance, catalog: Catalog): void {
  for (const lang of LANGS) {
    if (!i18n.hasResourceBundle(lang, catalog.ns)) {
      i18n.addResourceBundle(lang, catalog.ns, catalog.resources[lang], true, false);
    }
  }
}

/** A synchronous, self-contained instance (no global state): safe per request on the server. */
export function createI18n(lang: Lang, catalogs: readonly Catalog[] = []): I18nInstance {
  const i18n = createInstance();
  void i18n.init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: [...LANGS],
    initAsync: false,
    resources: {},
    interpolation: { escapeValue: false }, // React and our SSR templates escape
    returnNull: false,
  });
  for (const c of catalogs) addCatalog(i18n, c);
  return i18n;
}

export type { I18nInstance, TFunction };
