/**
 * A calendar problem as a code of the calendarProblems catalog and its parameters, and its text in a language. The
 * server sends both (the Chinese text as `message`, which the CLI prints); the admin page renders the code.
 * Parameters named `…Weekday` are 0 (Sunday) to 6 and are said as the language's weekday; a `line` parameter puts
 * "line N:" before the text (the API's preview of a pasted notice).
 */
import type { Lang, Messages } from '../i18n/index.js';
import { calendarProblemsCatalog } from '../i18n/locales/calendarProblems.js';

type Zh = (typeof calendarProblemsCatalog.resources)['zh-CN'];
export type CalendarProblemCode = `schedule.${keyof Zh['schedule'] & string}` | `notice.${keyof Zh['notice'] & string}`;
export type CalendarProblemParams = Record<string, string | number>;

export interface CalendarProblem {
  code: CalendarProblemCode;
  params?: CalendarProblemParams;
}

const WEEKDAYS = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;

/** Whether `code` is one of the catalog's calendar problems (the page falls back to `message` otherwise). */
export function isCalendarProblemCode(code: string | undefined): code is CalendarProblemCode {
  return code !== undefined && /^(schedule|notice)\./.test(code) && textOf(code, 'zh-CN') !== undefined;
}

function textOf(code: string, lang: Lang): string | undefined {
  let node: string | Messages | undefined = calendarProblemsCatalog.resources[lang] as Messages;
  for (const part of code.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(text: string, params: CalendarProblemParams, lang: Lang): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name: string) => {
    const v = params[name];
    if (v === undefined) return all;
    if (name.endsWith('Weekday') && typeof v === 'number') return WEEKDAYS[lang][v] ?? String(v);
    return String(v);
  });
}

export function renderCalendarProblem(p: CalendarProblem, lang: Lang = 'zh-CN'): string {
  const params = p.params ?? {};
  const text = interpolate(textOf(p.code, lang) ?? p.code, params, lang);
  if (params.line === undefined) return text;
  return interpolate(textOf('atLine', lang) ?? '{{text}}', { line: params.line, text }, lang);
}

/** The problem with its Chinese text, the shape the API and the CLI carry. */
export const withMessage = <T extends CalendarProblem>(p: T): T & { message: string } => ({
  ...p,
  message: renderCalendarProblem(p),
});
