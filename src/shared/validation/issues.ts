/**
 * A validator's finding as a code and parameters, rendered by each locale from the validation catalog
 * (shared/i18n/locales/validation.ts). The server sends `{ field, code, params, message }` — `message` is the Chinese
 * rendering, kept for API clients — and the web renders `code` in the UI's language.
 */
import type { $ZodRawIssue } from 'zod/v4/core';
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

/** The name of a field (JSON path) in a language: the labels catalog, or the path itself. */
export function fieldName(field: string, lang: Lang): string {
  const labels = labelsCatalog.resources[lang].field as Record<string, string>;
  return labels[fieldKey(field)] ?? field;
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
  if (typeof params.field === 'string') params.label = labelOf(params.field);
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
      return issue('zod.invalidType');
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
 * For `z.config({ customError })`: zod's own messages (used when a schema gave none) from the catalog, in Chinese
 * (the API's language); the web renders the code of the same issue in the UI's language.
 */
export function zodErrorMap(raw: $ZodRawIssue): string {
  return renderIssue(zodIssue(raw as Parameters<typeof zodIssue>[0]), 'zh-CN');
}
