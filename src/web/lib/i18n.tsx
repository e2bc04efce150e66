/**
 * UI language: Chinese first, English complete, on i18next (react-i18next). Texts live in catalogs
 * (shared/i18n/locales/<ns>.ts, `defineCatalog`) read with `useCatalog(catalog)`. Helpers for what is not a fixed
 * text: lib/labels.ts (field names, states, kinds), lib/errors.ts (API and validation errors by code),
 * lib/format.ts (dates and numbers by locale). The language also switches antd's locale (app/App.tsx) and dayjs's
 * (date pickers), here.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, use, useContext, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { FIELD_LABELS, type FieldPath } from '../../shared/filing/labels.js';
import {
  addCatalog,
  type Catalog,
  type Messages as CatalogMessages,
  createI18n,
  LANG_COOKIE,
} from '../../shared/i18n/index.js';
import { commonCatalog } from '../../shared/i18n/locales/common.js';
import { fieldKey, labelsCatalog } from '../../shared/i18n/locales/labels.js';

/**
 * The app's one i18next instance. New pages take their texts from a catalog (`shared/i18n/locales/<ns>.ts`) with
 * `useCatalog(catalog)`.
 */
export const i18n = createI18n(
  typeof localStorage !== 'undefined' && localStorage.getItem('vcp.lang') === 'en' ? 'en' : 'zh-CN',
  [commonCatalog],
);

/**
 * English on demand. In the build a catalog's English half is a chunk of its own (vite.config.ts
 * `vcp-english-on-demand`): each catalog module, when it runs, leaves a loader for it in `globalThis.__vcpEnglish`.
 * Before anything renders in English the English of every catalog loaded so far is fetched (main.tsx at start,
 * `setLang`, and lib/chunks.ts with each page's or dialog's code), so texts never show in Chinese meanwhile.
 * Without the build (tests, dev server) there are no loaders and the catalogs are whole.
 */
type EnglishLoader = () => Promise<CatalogMessages>;
const englishLoaders = (): Map<Catalog, EnglishLoader> | undefined =>
  (globalThis as unknown as { __vcpEnglish?: Map<Catalog, EnglishLoader> }).__vcpEnglish;
const englishLoads = new Map<Catalog, Promise<void>>();
const englishDone = new Set<Catalog>();

function englishOf(catalog: Catalog): Promise<void> | null {
  if (englishDone.has(catalog)) return null;
  const load = englishLoaders()?.get(catalog);
  if (!load) return null;
  let pending = englishLoads.get(catalog);
  if (!pending) {
    pending = load().then(
      (en) => {
        // In place: shared code reads `catalog.resources.en` directly (shared/validation/issues.ts).
        Object.assign(catalog.resources.en, en);
        i18n.addResourceBundle('en', catalog.ns, en, true, true);
        englishDone.add(catalog);
      },
      (err: unknown) => {
        englishLoads.delete(catalog);
        throw err;
      },
    );
    englishLoads.set(catalog, pending);
  }
  return pending;
}

/**
 * Fetches the English of every catalog loaded so far; null when there is nothing to fetch (all there already, or
 * no loaders: tests, dev server).
 */
export function loadEnglish(): Promise<void> | null {
  const pending = [...(englishLoaders()?.keys() ?? [])].map(englishOf).filter((p) => p !== null);
  return pending.length ? Promise.all(pending).then(() => undefined) : null;
}

/** True when the app shows English: what has been loaded must have its English before it renders. */
export const showsEnglish = () => i18n.language === 'en';

/** Registers a feature's catalog (in the feature's own chunk) and returns its `t`. */
export function useCatalog<T extends Catalog>(catalog: T) {
  addCatalog(i18n, catalog);
  // Only if a catalog's English was not fetched with its chunk (lib/chunks.ts): wait for it (Suspense).
  const pending = showsEnglish() ? englishOf(catalog) : null;
  if (pending) use(pending);
  return useTranslation(catalog.ns);
}

export type Lang = 'zh' | 'en';

interface I18n {
  lang: Lang;
  label: (field: FieldPath) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({
  lang,
  setLang,
  children,
}: {
  lang: Lang;
  setLang: (l: Lang) => void;
  children: ReactNode;
}) {
  const value = useMemo<I18n>(
    () => ({
      lang,
      label: (f) =>
        lang === 'en'
          ? ((labelsCatalog.resources.en.field as Record<string, string> | undefined)?.[fieldKey(f)] ?? FIELD_LABELS[f])
          : FIELD_LABELS[f],
      setLang,
    }),
    [lang, setLang],
  );
  // Before the children render, so date pickers and formatted dates use the new language at once.
  if (i18n.language !== (lang === 'en' ? 'en' : 'zh-CN')) void i18n.changeLanguage(lang === 'en' ? 'en' : 'zh-CN');
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [lang]);
  return (
    <I18nextProvider i18n={i18n}>
      <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
    </I18nextProvider>
  );
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export function useLangState(): [Lang, (l: Lang) => void] {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('vcp.lang') === 'en' ? 'en' : 'zh'));
  const setLang = (l: Lang) => {
    // English is shown once the English of what is on screen has arrived (see loadEnglish); a failed fetch leaves
    // the language as it was.
    const english = l === 'en' ? loadEnglish() : null;
    if (english)
      english.then(
        () => switchTo(l),
        () => undefined,
      );
    else switchTo(l);
  };
  const switchTo = (l: Lang) => {
    localStorage.setItem('vcp.lang', l);
    // The server-rendered public pages read the same choice (a fixed value: nothing to escape).
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser we serve
    document.cookie = `${LANG_COOKIE}=${l === 'en' ? 'en' : 'zh-CN'}; path=/; max-age=31536000; SameSite=Lax`;
    void i18n.changeLanguage(l === 'en' ? 'en' : 'zh-CN');
    document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
    setLangState(l);
  };
  return [lang, setLang];
}
