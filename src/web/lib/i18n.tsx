/**
 * UI language: Chinese first, English complete, on i18next (react-i18next). Texts live in catalogs
 * (shared/i18n/locales/<ns>.ts, `defineCatalog`) read with `useCatalog(catalog)`. Helpers for what is not a fixed
 * text: lib/labels.ts (field names, states, kinds), lib/errors.ts (API and validation errors by code),
 * lib/format.ts (dates and numbers by locale). The language also switches antd's locale (app/App.tsx) and dayjs's
 * (date pickers), here.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { FIELD_LABELS, type FieldPath } from '../../shared/filing/labels.js';
import { addCatalog, type Catalog, createI18n, LANG_COOKIE } from '../../shared/i18n/index.js';
import { commonCatalog } from '../../shared/i18n/locales/common.js';
import { FIELD_LABELS_EN } from '../../shared/i18n/locales/labels.js';

/**
 * The app's one i18next instance. New pages take their texts from a catalog (`shared/i18n/locales/<ns>.ts`) with
 * `useCatalog(catalog)`.
 */
export const i18n = createI18n(
  typeof localStorage !== 'undefined' && localStorage.getItem('vcp.lang') === 'en' ? 'en' : 'zh-CN',
  [commonCatalog],
);

/** Registers a feature's catalog (in the feature's own chunk) and returns its `t`. */
export function useCatalog<T extends Catalog>(catalog: T) {
  addCatalog(i18n, catalog);
  return useTranslation(catalog.ns);
}

export type Lang = 'zh' | 'en';

/** @deprecated Field names come from the labels catalog: `fieldLabel` / `useLabels` in lib/labels.ts. */
export { FIELD_LABELS_EN } from '../../shared/i18n/locales/labels.js';

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
      label: (f) => (lang === 'en' ? FIELD_LABELS_EN[f] : FIELD_LABELS[f]),
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
