/**
 * Between the antd form and the API: empty inputs are dropped, the shared zod schema shapes and normalises
 * the draft, and the shared completeness check gives the errors the server would give.
 */

import { toFieldPath } from '../../../../../shared/fieldPath.js';
import { checkFiling, type FieldError } from '../../../../../shared/filing/completeness.js';
import { type FilingDraft, filingDraftInput } from '../../../../../shared/filing/schema.js';

export function cleanValues(value: unknown): unknown {
  // List entries keep their places, so error paths like `capital.shareholders[1].name` still point at the right row.
  if (Array.isArray(value)) return value.map((v) => cleanValues(v) ?? (v && typeof v === 'object' ? {} : ''));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = cleanValues(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (value === '' || value === null) return undefined;
  return value;
}

export interface Validation {
  draft: FilingDraft;
  /** Shape errors: a draft with these cannot be saved. */
  shapeErrors: FieldError[];
  /** Everything the server would refuse at submit, shape errors included. */
  errors: FieldError[];
}

export function validateValues(values: unknown, attachmentKinds: string[], today: string): Validation {
  const cleaned = cleanValues(values) ?? {};
  const parsed = filingDraftInput.safeParse(cleaned);
  const shapeErrors = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ field: toFieldPath(i.path as (string | number)[]), message: i.message }));
  const draft = (parsed.success ? parsed.data : cleaned) as FilingDraft;
  return { draft, shapeErrors, errors: [...shapeErrors, ...checkFiling(draft, { attachmentKinds, today })] };
}
