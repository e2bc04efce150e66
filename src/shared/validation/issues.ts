/**
 * A validator's finding as a code and parameters, rendered by each locale from the validation catalog
 * (shared/i18n/locales/validation.ts). The server sends `{ field, code, params, message }` — `message` is the Chinese
 * rendering, kept for API clients — and the web renders `code` in the UI's language.
 */
import type { $ZodRawIssue } from 'zod/v4/core';
import { type Segments, toFieldPath } from '../fieldPath.js';
import type { Lang, Messages } from '../i18n/index.js';
import { fieldKey, labelsCatalog } from '../i18n/locales/labels.js';
import { validationCatalog } from '../i18n/locales/validation.js';

export type IssueParams = Record<string, string | number>;

export interface Issue {
  /** A key of the validation catalog, e.g. `uscc.checkChar`, `required`, `zod.tooLong`. */
  code: string;
  /** Values the text names; `field` (a JSON path) is rendered as the field's name, `{{label}}`. */
  params?: IssueParams;
}

export const issue = (code: string, params?: IssueParams): Issue => (params ? { code, params } : { code });

function lookup(messages: Messages, path: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of path.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function interpolate(text: string, params: Record<string, unknown> = {}): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** Whether the catalog has a text for this code. */
export const isIssueCode = (code: string) => lookup(validationCatalog.resources['zh-CN'], code) !== undefined;

/** The codes of the validation catalog, e.g. `required`, `zod.tooLong`, `api.reasonRequired`. */
type CodesOf<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${CodesOf<T[K]>}` }[keyof T & string];
export type IssueCode = CodesOf<(typeof validationCatalog.resources)['zh-CN']>;

/**
 * The name of a field (JSON path) in a language: the labels catalog, the entry's list without its index
 * (`items[0].message` as `items.message`), or the path itself.
 */
export function fieldName(field: string, lang: Lang): string {
  const labels = labelsCatalog.resources[lang].field as Record<string, string>;
  return labels[fieldKey(field)] ?? labels[fieldKey(field.replace(/\[\d+\]/g, ''))] ?? field;
}

/** The text of an issue in a language; `labelOf` names fields (the web passes one that also numbers list entries). */
export function renderIssue(
  found: Issue,
  lang: Lang,
  labelOf: (field: string) => string = (f) => fieldName(f, lang),
): string {
  const text =
    lookup(validationCatalog.resources[lang] as Messages, found.code) ??
    lookup(validationCatalog.resources[lang] as Messages, 'zod.invalid') ??
    found.code;
  const params: Record<string, unknown> = { ...found.params };
  // A text naming its field says "the value" when the issue is about no field in particular.
  params.label = typeof params.field === 'string' ? labelOf(params.field) : lang === 'en' ? 'Value' : '该值';
  return interpolate(text, params);
}

/** Chinese text of an issue, or null: what the `check*` validators have always returned. */
export const zhText = (found: Issue | null): string | null => (found ? renderIssue(found, 'zh-CN') : null);

/**
 * A zod issue as a code of the catalog (its generic text when the schema gave none). Fed with what zod reports:
 * `code` and, for sizes, `origin` and `maximum`/`minimum`.
 */
export function zodIssue(raw: {
  code?: string;
  expected?: string;
  origin?: string;
  format?: string;
  maximum?: unknown;
  minimum?: unknown;
  divisor?: unknown;
}): Issue {
  const num = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : String(v));
  switch (raw.code) {
    case 'too_big':
      if (raw.origin === 'string') return issue('zod.tooLong', { maximum: num(raw.maximum) });
      if (raw.origin === 'array' || raw.origin === 'set')
        return issue('zod.tooManyItems', { maximum: num(raw.maximum) });
      return issue('zod.tooBig', { maximum: num(raw.maximum) });
    case 'too_small':
      if (raw.origin === 'string') return issue('zod.tooShort', { minimum: num(raw.minimum) });
      if (raw.origin === 'array' || raw.origin === 'set')
        return issue('zod.tooFewItems', { minimum: num(raw.minimum) });
      return issue('zod.tooSmall', { minimum: num(raw.minimum) });
    case 'invalid_format':
      if (raw.format === 'email') return issue('zod.invalidEmail');
      if (raw.format === 'url') return issue('zod.invalidUrl');
      if (raw.format === 'date' || raw.format === 'datetime') return issue('zod.invalidDate');
      return issue('zod.invalidFormat');
    case 'invalid_type':
      return issue(raw.expected === 'int' ? 'zod.int' : 'zod.invalidType');
    case 'invalid_value':
    case 'invalid_union':
      return issue('zod.invalidValue');
    case 'unrecognized_keys':
      return issue('zod.unrecognizedKey');
    case 'not_multiple_of':
      return issue('zod.notMultipleOf', { divisor: num(raw.divisor) });
    default:
      return issue('zod.invalid');
  }
}

/**
 * The language zod's messages are written in when an issue is reported: Chinese on the server (the API's language),
 * the UI's on the web (lib/zodConfig.ts follows the language switch), so a form showing a schema's message directly
 * shows it in the UI's language.
 */
let messageLang: Lang = 'zh-CN';
export const setIssueLanguage = (lang: Lang) => {
  messageLang = lang;
};

/**
 * A zod issue carries the catalog issue its message was written from as `params.catalog`: zod keeps a custom
 * issue's `params`, and for the other kinds `says` and `zodErrorMap` set it on the issue while zod asks them for the
 * message (zod copies the issue's keys after asking). fastify-type-provider-zod hands the issue's other keys on as a
 * validation error's `params`, so the server's error handler reads the code from there: never from the text, which
 * two codes may share.
 */
function written(raw: object, found: Issue): string {
  const carrier = raw as { params?: Record<string, unknown> };
  carrier.params = { ...carrier.params, catalog: found };
  return renderIssue(found, messageLang);
}

/** The catalog issue a zod issue carries (see `written`): given the issue, or a validation error's `params`. */
export function carriedIssue(raw: unknown): Issue | undefined {
  const found = (raw as { params?: { catalog?: unknown } } | null | undefined)?.params?.catalog;
  if (!found || typeof found !== 'object' || typeof (found as Issue).code !== 'string') return undefined;
  return found as Issue;
}

/**
 * A refinement's issue from the catalog, written now in the current language and carrying its code:
 * `c.addIssue(custom(issue))`, or `c.addIssue(writes('api.numberFormatChars'))` for a code of the catalog.
 */
export const custom = (found: Issue) => {
  const out = { code: 'custom' as const, message: '', params: {} as Record<string, unknown> };
  out.message = written(out, found);
  return out;
};
export const writes = (code: IssueCode, params?: IssueParams) => custom(issue(code, params));

type ReportedIssue = { path?: PropertyKey[] | Segments; minimum?: unknown; maximum?: unknown };

/** The field an issue is about, and the sizes zod reports, as parameters of the catalog's text. */
function reported(raw: ReportedIssue, params?: IssueParams): IssueParams {
  const out: IssueParams = {};
  const num = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined);
  const min = num(raw.minimum);
  const max = num(raw.maximum);
  if (min !== undefined) out.minimum = min;
  if (max !== undefined) out.maximum = max;
  const field = raw.path?.length ? toFieldPath(raw.path as Segments) : '';
  if (field) out.field = field;
  return { ...out, ...params };
}

/**
 * A schema's message as a code of the validation catalog: `.max(50, says('api.nameTooLong'))`. Written when zod
 * reports the issue, in the current language (`setIssueLanguage`), naming the field the issue's path points at; the
 * server's error handler sends the code and parameters beside the Chinese `message`.
 */
export function says(code: IssueCode, params?: IssueParams) {
  return { error: (raw: ReportedIssue) => written(raw, issue(code, reported(raw, params))) };
}

/**
 * For `z.config({ customError })`: zod's own messages (used when a schema gave none) from the catalog, naming the
 * field, in the current language (Chinese on the server).
 */
export function zodErrorMap(raw: $ZodRawIssue): string {
  const carried = carriedIssue(raw);
  if (carried) return renderIssue(carried, messageLang);
  const found = zodIssue(raw as Parameters<typeof zodIssue>[0]);
  return written(raw, issue(found.code, reported(raw as ReportedIssue, found.params)));
}
