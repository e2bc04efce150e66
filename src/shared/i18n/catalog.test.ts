import { describe, expect, it } from 'vitest';
import { type Catalog, createI18n, type Messages, pickLang } from './index.js';
import { accountCatalog } from './locales/account.js';
import { apiErrorsCatalog } from './locales/apiErrors.js';
import { calendarCatalog } from './locales/calendar.js';
import { calendarProblemsCatalog } from './locales/calendarProblems.js';
import { changesCatalog } from './locales/changes.js';
import { commonCatalog } from './locales/common.js';
import { complaintsCatalog } from './locales/complaints.js';
import { dashboardCatalog } from './locales/dashboard.js';
import { deliveriesCatalog } from './locales/deliveries.js';
import { editorCatalog } from './locales/editor.js';
import { filingStatusCatalog } from './locales/filingStatus.js';
import { handlingCatalog } from './locales/handling.js';
import { labelsCatalog } from './locales/labels.js';
import { lifecycleCatalog } from './locales/lifecycle.js';
import { monitorCatalog } from './locales/monitor.js';
import { notificationsCatalog } from './locales/notifications.js';
import { portalCatalog } from './locales/portal.js';
import { queueFiltersCatalog } from './locales/queueFilters.js';
import { reviewCatalog } from './locales/review.js';
import { reviewLifecycleCatalog } from './locales/reviewLifecycle.js';
import { siteCatalog } from './locales/site.js';
import { transparencyCatalog } from './locales/transparency.js';
import { validationCatalog } from './locales/validation.js';

/** Every catalog of the app; a new one is added here so its two halves are checked. */
const catalogs: Catalog[] = [
  commonCatalog,
  lifecycleCatalog,
  changesCatalog,
  reviewLifecycleCatalog,
  siteCatalog,
  portalCatalog,
  filingStatusCatalog,
  editorCatalog,
  complaintsCatalog,
  handlingCatalog,
  monitorCatalog,
  labelsCatalog,
  validationCatalog,
  apiErrorsCatalog,
  notificationsCatalog,
  calendarCatalog,
  calendarProblemsCatalog,
  dashboardCatalog,
  queueFiltersCatalog,
  transparencyCatalog,
  reviewCatalog,
  deliveriesCatalog,
  accountCatalog,
];

function flatten(m: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const vars = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
/** English plural forms (`key_one`, `key_other`) stand for one Chinese key. */
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

describe.each(catalogs.map((c) => [c.ns, c] as const))('catalog %s', (_ns, catalog) => {
  const zh = flatten(catalog.resources['zh-CN']);
  const en = flatten(catalog.resources.en as Messages);

  it('has every key in both languages, with the same variables', () => {
    expect([...new Set([...en.keys()].map(base))].sort()).toEqual([...new Set([...zh.keys()].map(base))].sort());
    for (const [k, v] of en) {
      const zhText = zh.get(k) ?? zh.get(base(k)) ?? zh.get(`${base(k)}_other`);
      expect(zhText, k).toBeDefined();
      expect(vars(v), k).toEqual(vars(zhText ?? ''));
    }
  });

  it('has no empty text and no untranslated Chinese in English', () => {
    for (const [k, v] of zh) expect(v.trim(), k).not.toBe('');
    for (const [k, v] of en) {
      expect(v.trim(), k).not.toBe('');
      // The language switch names the other language; everything else in English has no Han characters.
      if (k !== 'switchLanguage') expect(/\p{Script=Han}/u.test(v), `${catalog.ns}:${k} = ${v}`).toBe(false);
    }
  });
});

describe('createI18n', () => {
  it('speaks the language asked for, with Chinese as the fallback', () => {
    expect(createI18n('en', [commonCatalog]).t('common:appShort')).toBe('VCP Filing');
    expect(createI18n('zh-CN', [commonCatalog]).t('common:appShort')).toBe('漏洞收集平台备案');
  });

  it('reads Accept-Language and tags', () => {
    expect(pickLang('en-US,en;q=0.9')).toBe('en');
    expect(pickLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLang(undefined)).toBe('zh-CN');
  });
});
