/**
 * The in-app notifications (and their e-mails) as a key of the notifications catalog and parameters, so each locale
 * renders them: the server stores `{ key, params }` beside the Chinese title and body it also sends by e-mail, the
 * web renders the message in the UI's language (an old row without one shows its stored text).
 *
 * A catalog text (`notice.<key>.title`, `.body`) names parameters as `{{name}}`. A line that is just `{{items}}` or
 * `{{moves}}` is the list's lines; a `{ due, provisional }` value is a date marked provisional; `deadline`,
 * `category` and `subject` are codes named in the language; a boolean names the notice's own text of that name when
 * true. The authority's and the applicant's own words (a reason, a platform's name) are marked as data.
 */
import { COMPLAINT_CATEGORY_LABELS, type ComplaintCategory } from './complaints/lifecycle.js';
import type { Lang, Messages } from './i18n/index.js';

/** A date the law counts to, marked when the year's holidays are not yet known. */
export interface NoticeDue {
  due: string;
  provisional: boolean;
}
/** A field to correct and the reviewer's reason. */
export interface NoticeItem {
  field: string;
  message: string;
}
/** A deadline moved by a new year's calendar. */
export interface NoticeMove {
  deadline: string;
  label: string;
  before: NoticeDue;
  after: NoticeDue;
}
export type NoticeValue = string | number | boolean | NoticeDue | NoticeItem[] | NoticeMove[];
export type NoticeParams = Record<string, NoticeValue>;
/** The API's schema is shared/api/notifications.ts (kept there, so the web's page does not load zod for it). */
export interface NoticeMessage {
  key: string;
  params: NoticeParams;
}

export const NOTICE_KEYS = [
  'approved',
  'revoked',
  'change_approved',
  'correction_requested',
  'change_correction_requested',
  'deregistration_scheduled',
  'deregistered',
  'complaint_interview',
  'complaint_rectify',
  'homepage_number_missing',
  'deadline_recounted',
  'deadline_recounted_staff',
  'reminder_duty_open',
  'reminder_duty_soon',
  'reminder_duty_passed',
  'reminder_overdue',
  'reminder_due_soon',
  'reminder_correction',
  'reminder_coverage',
] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

export const notice = (key: NoticeKey, params: NoticeParams = {}): NoticeMessage => ({ key, params });

/** A piece of a rendered line: the catalog's words, or data (`data`: someone's own words; `code`: markup to copy). */
export interface NoticeSegment {
  text: string;
  data?: boolean;
  code?: boolean;
}
export interface RenderedNotice {
  title: string;
  /** The body's lines, each a list of segments. */
  lines: NoticeSegment[][];
}

/** What the renderer needs from its side: the catalog's raw texts, and how dates and fields are written. */
export interface NoticeLocale {
  lang: Lang;
  /** The notifications catalog's text at a dotted key, uninterpolated; undefined when there is none. */
  raw: (key: string) => string | undefined;
  /** A calendar date 'YYYY-MM-DD'. */
  date?: (d: string) => string;
  /** An instant (ISO string). */
  dateTime?: (d: string) => string;
  /** A field's name (a JSON path). */
  field?: (path: string) => string;
}

const DATA = new Set(['name', 'label', 'reason', 'instructions', 'summary', 'number', 'url', 'message']);
const CODE = new Set(['snippet']);
const DATES = new Set(['date', 'earliest']);
const DATE_TIMES = new Set(['checkedAt']);

/** 2026-12-03 14:05, China time: how the Chinese text writes an instant. */
export const chinaDateTime = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
};

function valueText(
  loc: NoticeLocale,
  key: string,
  name: string,
  v: unknown,
  isTitle: boolean,
): NoticeSegment | undefined {
  const date = loc.date ?? ((d: string) => d);
  if (typeof v === 'boolean') return { text: v ? (loc.raw(`notice.${key}.${name}`) ?? '') : '' };
  if (v && typeof v === 'object' && 'due' in v) {
    const d = v as NoticeDue;
    return { text: `${date(d.due)}${d.provisional ? (loc.raw('provisional') ?? '') : ''}` };
  }
  if (typeof v === 'number') return { text: String(v) };
  if (typeof v !== 'string') return undefined;
  if (name === 'deadline') return { text: loc.raw(`deadlineKind.${v}`) ?? v };
  if (name === 'subject') return { text: loc.raw(`subject.${v}`) ?? v };
  if (name === 'category') {
    const labels = COMPLAINT_CATEGORY_LABELS[v as ComplaintCategory];
    return { text: labels ? (loc.lang === 'en' ? labels.en : labels.zh) : v };
  }
  if (DATES.has(name)) return { text: date(v) };
  if (DATE_TIMES.has(name)) return { text: (loc.dateTime ?? chinaDateTime)(v) };
  if (isTitle) return { text: v };
  if (CODE.has(name)) return { text: v, code: true };
  return DATA.has(name) ? { text: v, data: true } : { text: v };
}

/** One line of a catalog text with its `{{params}}` replaced. */
function fill(
  loc: NoticeLocale,
  key: string,
  line: string,
  params: Record<string, unknown>,
  isTitle = false,
): NoticeSegment[] {
  const out: NoticeSegment[] = [];
  let at = 0;
  for (const m of line.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    if (m.index > at) out.push({ text: line.slice(at, m.index) });
    const name = m[1] as string;
    out.push(name in params ? (valueText(loc, key, name, params[name], isTitle) ?? { text: '' }) : { text: m[0] });
    at = m.index + m[0].length;
  }
  if (at < line.length) out.push({ text: line.slice(at) });
  return out.filter((s) => s.text !== '');
}

/** A message in a language: its title and body lines. */
export function renderNotice(m: NoticeMessage, loc: NoticeLocale): RenderedNotice {
  const params = m.params as Record<string, unknown>;
  const title = fill(loc, m.key, loc.raw(`notice.${m.key}.title`) ?? m.key, params, true)
    .map((s) => s.text)
    .join('');
  const lines: NoticeSegment[][] = [];
  for (const line of (loc.raw(`notice.${m.key}.body`) ?? '').split('\n')) {
    const list = /^\{\{(items|moves)\}\}$/.exec(line.trim())?.[1];
    if (list === 'items') {
      const items = (params.items as NoticeItem[] | undefined) ?? [];
      items.forEach((it, n) => {
        const field = loc.field?.(it.field) ?? it.field;
        lines.push(fill(loc, m.key, loc.raw('itemLine') ?? '', { n: n + 1, field, message: it.message }));
      });
    } else if (list === 'moves') {
      for (const mv of (params.moves as NoticeMove[] | undefined) ?? [])
        lines.push(fill(loc, m.key, loc.raw('moveLine') ?? '', { ...mv }));
    } else lines.push(fill(loc, m.key, line, params));
  }
  return { title, lines };
}

/** The plain text of a rendered body. */
export const noticeBodyText = (r: RenderedNotice) => r.lines.map((l) => l.map((s) => s.text).join('')).join('\n');

/** The raw text at a dotted key of a catalog's half. */
export function catalogText(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

// Builders for the events that tell someone: the params each text names.
type Due = NoticeDue;
export const notices = {
  approved: (p: { name: string; number: string }) => notice('approved', p),
  revoked: (p: { name: string; number: string; reason: string }) => notice('revoked', p),
  changeApproved: (p: { name: string; number: string; version: number }) => notice('change_approved', p),
  correction: (change: boolean, p: { summary: string; items: NoticeItem[] }) =>
    notice(change ? 'change_correction_requested' : 'correction_requested', p),
  deregistrationScheduled: (p: { name: string; number: string; date: string }) => notice('deregistration_scheduled', p),
  deregistered: (p: { name: string; number: string; date: string; changeCancelled: boolean }) =>
    notice('deregistered', p),
  complaintInterview: (p: { name: string; number: string; instructions: string }) => notice('complaint_interview', p),
  complaintRectify: (p: { name: string; number: string; instructions: string; category: string }) =>
    notice('complaint_rectify', p),
  homepageNumberMissing: (p: { misses: number; checkedAt: string; url: string; number: string; snippet: string }) =>
    notice('homepage_number_missing', p),
  deadlineRecounted: (p: { deadline: string; label: string; before: Due; after: Due; year: number }) =>
    notice('deadline_recounted', p),
  deadlineRecountedStaff: (p: { year: number; count: number; moves: NoticeMove[] }) =>
    notice('deadline_recounted_staff', p),
};
