/**
 * Dates, times, numbers and sizes in the UI's language. Times are shown in China time, whatever the browser's
 * zone, like the dates the law counts in. The language is read when called, so a page shows the new one as soon
 * as it re-renders after the switch.
 */
import { i18n } from './i18n.js';

type Tag = 'zh-CN' | 'en';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const tag = (): Tag => (i18n.language === 'en' ? 'en' : 'zh-CN');
/** The Intl locale of the UI language: British English shows day before month and a 24-hour clock. */
const intlLocale = (t: Tag) => (t === 'en' ? 'en-GB' : 'zh-CN');

const DATE_TIME: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};
const DATE: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
};
const TIME: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};

function dt(kind: string, opts: Intl.DateTimeFormatOptions, lang: Tag) {
  return formatter(`${kind}:${lang}`, () => new Intl.DateTimeFormat(intlLocale(lang), opts));
}

/**
 * Chinese dates are written 2026-12-03, as the API's calendar dates (due dates, received dates) are shown on every
 * page: Intl's zh-CN form (2026/12/03) would put two ways of writing a date side by side.
 */
function format(kind: string, opts: Intl.DateTimeFormatOptions, lang: Tag, date: Date): string {
  const f = dt(kind, opts, lang);
  if (lang === 'en') return f.format(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => f.formatToParts(date).find((p) => p.type === type)?.value;
  const day = opts.year ? `${part('year')}-${part('month')}-${part('day')}` : '';
  const time = opts.hour ? `${part('hour')}:${part('minute')}` : '';
  return [day, time].filter(Boolean).join(' ');
}

/** 2026-12-03 14:05 in Chinese, 03/12/2026, 14:05 in English; '' for no date. */
export const formatDateTime = (d: Date | string | null | undefined, lang: Tag = tag()) =>
  d ? format('dt', DATE_TIME, lang, new Date(d)) : '';

/** A calendar date ('YYYY-MM-DD' from the API, a China date) or an instant, as a date. */
export const formatDate = (d: Date | string | null | undefined, lang: Tag = tag()) => {
  if (!d) return '';
  const date = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T12:00:00+08:00`) : new Date(d);
  return format('d', DATE, lang, date);
};

export const formatTime = (d: Date | string, lang: Tag = tag()) => format('t', TIME, lang, new Date(d));

export const formatNumber = (n: number, opts: Intl.NumberFormatOptions = {}, lang: Tag = tag()) =>
  formatter(`n:${lang}:${JSON.stringify(opts)}`, () => new Intl.NumberFormat(intlLocale(lang), opts)).format(n);

export function formatSize(bytes: number, lang: Tag = tag()): string {
  const one = { maximumFractionDigits: 1, minimumFractionDigits: 1 };
  if (bytes < 1024) return `${formatNumber(bytes, {}, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, one, lang)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, one, lang)} MB`;
}
