/**
 * Names of what the API sends as codes — fields of 附件1 by JSON path, filing states, attachment kinds, sponsor
 * types — in the UI's language, from the labels catalog (shared/i18n/locales/labels.ts).
 */
import { addCatalog } from '../../shared/i18n/index.js';
import { fieldKey, labelsCatalog } from '../../shared/i18n/locales/labels.js';
import { i18n, useCatalog } from './i18n.js';

// Registered at once: fieldLabel is also called outside components.
addCatalog(i18n, labelsCatalog);

type Lang = 'zh' | 'en';

function fixedT(lang: Lang) {
  return i18n.getFixedT(lang === 'en' ? 'en' : 'zh-CN', 'labels');
}

/**
 * The name of a field path such as `platform.publishUrls[1]` or `capital.shareholders[0].percent`: the longest known
 * prefix's label, then the entry's number and the rest of the path.
 */
export function fieldLabel(field: string, lang: Lang): string {
  const t = fixedT(lang);
  const known = (path: string) => {
    const key = `field.${fieldKey(path)}`;
    return i18n.exists(key, { ns: 'labels' }) ? t(key) : undefined;
  };
  const direct = known(field);
  if (direct) return direct;
  if (field.startsWith('attachments.')) {
    const kind = field.slice('attachments.'.length);
    if (i18n.exists(`attachmentKind.${kind}`, { ns: 'labels' })) return t(`attachmentKind.${kind}`);
  }
  const m = /^(.*?)\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (m) {
    const [, head = '', index = '0', sub] = m;
    const base = known(head) ?? head;
    const part = sub ? ` · ${i18n.exists(`sub.${sub}`, { ns: 'labels' }) ? t(`sub.${sub}`) : sub}` : '';
    return `${base} ${Number(index) + 1}${part}`;
  }
  return field;
}

/** `const l = useLabels(); l.field('platform.name'); l.status('approved')` — in the current language. */
export function useLabels() {
  const { t, i18n: inst } = useCatalog(labelsCatalog);
  const lang: Lang = inst.language === 'en' ? 'en' : 'zh';
  const pick = (group: string, code: string) =>
    i18n.exists(`${group}.${code}`, { ns: 'labels' }) ? t(`${group}.${code}`) : code;
  return {
    field: (path: string) => fieldLabel(path, lang),
    status: (s: string) => pick('status', s),
    attachmentKind: (k: string) => pick('attachmentKind', k),
    sponsorType: (s: string) => pick('sponsorType', s),
    /** A partner agency by its id (`mps`, `cac`); the server's name when it is not one we know. */
    partner: (id: string, fallback?: string) =>
      i18n.exists(`partner.${id}`, { ns: 'labels' }) ? t(`partner.${id}`) : (fallback ?? id),
    complaintStatus: (s: string) => pick('complaintStatus', s),
    complaintCategory: (c: string) => pick('complaintCategory', c),
    /** A change filing's state (Article 6). */
    changeStatus: (s: string) => pick('changeStatus', s),
  };
}
