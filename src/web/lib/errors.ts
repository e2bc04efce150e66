/**
 * What went wrong, in the UI's language: an API error by its code (apiErrors catalog), a field error by its
 * validation code (validation catalog, the shared validators' codes), with the server's Chinese `message` as the
 * fallback in Chinese and a text by HTTP status in English.
 */
import { apiErrorsCatalog } from '../../shared/i18n/locales/apiErrors.js';
import { validationCatalog } from '../../shared/i18n/locales/validation.js';
import { isIssueCode, renderIssue } from '../../shared/validation/issues.js';
import { ApiError, type FieldError } from './api.js';
import { useCatalog, useI18n } from './i18n.js';
import { fieldLabel } from './labels.js';

type Lang = 'zh' | 'en';

/** A field error (shared/api/common.ts), or a finding of the web's own checks without a field. */
type IssueLike = Partial<FieldError>;

/**
 * A field error's text: its code rendered in the language (the catalog's texts name the field when it is not
 * otherwise plain), else the server's message (Chinese).
 */
export function issueText(e: IssueLike, lang: Lang): string {
  const params = e.field && e.params?.field === undefined ? { ...e.params, field: e.field } : e.params;
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const label = (f: string) => fieldLabel(f, lang);
  if (e.code && isIssueCode(e.code)) return renderIssue({ code: e.code, params }, locale, label);
  if (lang === 'zh' && e.message) return e.message;
  return renderIssue({ code: 'zod.invalid', params }, locale, label);
}

/** `const text = useIssueText(); text(fieldError)` — for the editor's and every form's field errors. */
export function useIssueText() {
  useCatalog(validationCatalog);
  const { lang } = useI18n();
  return (e: IssueLike) => issueText(e, lang);
}

/** `const text = useApiErrorText(); message.error(text(err))` — an error from `api()` (or any error) as one line. */
export function useApiErrorText() {
  const { t } = useCatalog(apiErrorsCatalog);
  const { lang } = useI18n();
  return (err: unknown): string => {
    if (!(err instanceof ApiError)) return t('status.other', { status: '—' });
    const first = err.errors[0] as FieldError | undefined;
    if (first && (err.status === 400 || err.status === 422)) {
      const text = issueText(first, lang);
      const label = fieldLabel(first.field, lang);
      return text.includes(label) ? text : `${label}${lang === 'en' ? ': ' : '：'}${text}`;
    }
    if (lang === 'zh' && err.message) return err.message;
    if (i18nHas(t, `code.${err.code}`)) return t(`code.${err.code}`);
    const s = err.status;
    if (s >= 500) return t('status.s5xx');
    if ([400, 401, 403, 404, 409, 413, 422, 429].includes(s)) return t(`status.s${s}`);
    return t('status.other', { status: s || '—' });
  };
}

function i18nHas(t: (key: string, opts?: Record<string, unknown>) => string, key: string): boolean {
  const missing = '\u0000missing';
  return t(key, { defaultValue: missing }) !== missing;
}

/** The field errors of an API error as `{ [field]: text }` in the language, for a form to show beside each field. */
export function useFieldErrors() {
  const text = useIssueText();
  return (err: unknown): Record<string, string> =>
    err instanceof ApiError ? Object.fromEntries(err.errors.map((e) => [e.field, text(e)])) : {};
}
