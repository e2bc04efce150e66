/**
 * The field-by-field diff of two versions of the 附件1 form (Article 6, SPEC §5/§8: `diff: [{ field, before, after }]`),
 * with field paths as the API names them (`platform.publishUrls[0]`, `people.principal.mobile`). Personal values
 * (ID numbers, names of people and of an individual sponsor, phones, emails) are masked in the diff.
 */
import { toFieldPath } from '../fieldPath.js';
import { maskEmail, maskIdNumber, maskMobile, maskPersonName } from '../validators/mask.js';
import type { FilingDraft } from './schema.js';

export type DiffValue = string | number | boolean | null;

export interface DiffEntry {
  field: string;
  before: DiffValue;
  after: DiffValue;
}

/** Attachment files, compared by kind: their names and digests. */
export interface AttachmentFile {
  kind: string;
  fileName: string;
  sm3: string;
}

function flatten(value: unknown, path: (string | number)[], out: Map<string, DiffValue>): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) flatten(v, [...path, i], out);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, [...path, k], out);
    return;
  }
  if (value === undefined) return;
  out.set(toFieldPath(path), value as DiffValue);
}

const PERSON = /^people\.(principal|contact)\.(name|mobile|email)$/;

function masker(field: string, individual: boolean): ((v: string) => string) | null {
  if (field === 'sponsor.idNumber') return maskIdNumber;
  if (field === 'sponsor.name' && individual) return maskPersonName;
  const m = PERSON.exec(field);
  if (!m) return null;
  return m[2] === 'mobile' ? maskMobile : m[2] === 'email' ? maskEmail : maskPersonName;
}

function mask(field: string, v: DiffValue, individual: boolean): DiffValue {
  const fn = masker(field, individual);
  return fn && typeof v === 'string' ? fn(v) : v;
}

const describeFiles = (files: AttachmentFile[]): DiffValue =>
  files.length ? files.map((f) => `${f.fileName}（SM3 ${f.sm3.slice(0, 12)}）`).join('、') : null;

/** Every field whose value differs, in the order of the later form; removed fields after them. */
export function diffForms(
  before: FilingDraft,
  after: FilingDraft,
  attachments?: { before: AttachmentFile[]; after: AttachmentFile[] },
): DiffEntry[] {
  const a = new Map<string, DiffValue>();
  const b = new Map<string, DiffValue>();
  flatten(before, [], a);
  flatten(after, [], b);
  const individual = before.sponsor?.type === 'individual' || after.sponsor?.type === 'individual';
  const fields = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  const out: DiffEntry[] = [];
  for (const field of fields) {
    const x = a.get(field) ?? null;
    const y = b.get(field) ?? null;
    if (x === y) continue;
    out.push({ field, before: mask(field, x, individual), after: mask(field, y, individual) });
  }
  if (attachments) {
    const kinds = [...new Set([...attachments.before, ...attachments.after].map((f) => f.kind))];
    for (const kind of kinds) {
      const x = attachments.before.filter((f) => f.kind === kind);
      const y = attachments.after.filter((f) => f.kind === kind);
      const same = x.length === y.length && x.every((f, i) => f.sm3 === y[i]?.sm3 && f.fileName === y[i]?.fileName);
      if (!same) out.push({ field: `attachments.${kind}`, before: describeFiles(x), after: describeFiles(y) });
    }
  }
  return out;
}
