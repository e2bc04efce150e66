/**
 * Reading a complaint from a request (SPEC §5): JSON, or multipart with the same fields (contact as `contact.name`,
 * `contact.phone`, `contact.email`) plus up to 5 `evidence` files, each streamed into sealed chunks and stopped at
 * the size limit (413). Empty strings are absent (an HTML form sends every field). Field errors are 400 naming the
 * field; files already stored are removed when the request is refused.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { toFieldPath } from '../../../shared/fieldPath.js';
import { carriedIssue } from '../../../shared/validation/issues.js';
import { discardBlob, fileTooLarge, writeBlob } from '../../attachments/blobStore.js';
import { type EvidenceUpload, MAX_EVIDENCE_FILES } from '../../commands/complaints/receiveComplaint.js';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, said } from '../../lib/errors.js';

export interface ReadComplaint<T> {
  body: T;
  evidence: EvidenceUpload[];
}

/** Drops empty strings and empty objects, so an HTML form's blank inputs count as not given. */
export function dropEmpty(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = dropEmpty(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(dropEmpty(input) ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => {
    const keys = (i as { keys?: string[] }).keys;
    const path = i.code === 'unrecognized_keys' && keys?.length ? [...i.path, keys[0] as string] : i.path;
    const field = toFieldPath(path) || 'body';
    if (i.code === 'unrecognized_keys') return said(field, 'zod.unrecognizedKey', { field });
    // The catalog issue the zod issue carries (`says`, or zod's own), beside the Chinese message.
    return { field, message: i.message, ...carriedIssue(i) };
  });
  const first = errors[0];
  throw badRequest(first ? `${first.field}：${first.message}` : '请求格式不正确', errors);
}

export async function readComplaintRequest<S extends z.ZodType>(
  req: FastifyRequest,
  ctx: AppContext,
  schema: S,
  /** Told the raw fields before they are checked (a page re-renders them with the errors). */
  seen?: (fields: Record<string, unknown>) => void,
): Promise<ReadComplaint<z.output<S>>> {
  if (!req.isMultipart()) {
    if (req.body && typeof req.body === 'object') seen?.(req.body as Record<string, unknown>);
    return { body: parseOr400(schema, req.body), evidence: [] };
  }
  const maxBytes = await ctx.settings.get('complaints.evidenceMaxBytes');
  const fields: Record<string, unknown> = {};
  const evidence: EvidenceUpload[] = [];
  const discard = async () => {
    for (const e of evidence) await discardBlob(ctx.db, e.blob.blobId).catch(() => {});
  };
  try {
    const parts = req.parts({
      limits: { fileSize: maxBytes + 1, files: MAX_EVIDENCE_FILES, fields: 20, parts: 30, fieldSize: 64 * 1024 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'evidence') {
          part.file.resume();
          throw badRequest('evidence：文件字段应命名为 evidence', [
            said('evidence', 'api.fileFieldName', { name: 'evidence' }),
          ]);
        }
        // A file input left empty still sends a part without a name and without bytes.
        const blob = await writeBlob(ctx, part.file, maxBytes);
        if (blob.size === 0 && !part.filename) {
          await discardBlob(ctx.db, blob.blobId);
          continue;
        }
        evidence.push({ fileName: part.filename, blob });
      } else if (typeof part.value === 'string') {
        const [head, sub] = part.fieldname.split('.');
        if (head === 'contact' && sub) {
          fields.contact = { ...((fields.contact as object) ?? {}), [sub]: part.value };
        } else if (head) fields[head] = part.value;
      }
    }
  } catch (err) {
    await discard();
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || (err instanceof AppError && err.code === 'file_too_large')) {
      const e = fileTooLarge(maxBytes);
      throw new AppError(413, e.code, e.message, [{ field: 'evidence', message: e.errors?.[0]?.message ?? e.message }]);
    }
    if (code === 'FST_FILES_LIMIT') {
      throw new AppError(413, 'too_many_files', `证据材料最多 ${MAX_EVIDENCE_FILES} 个`, [
        said('evidence', 'api.evidenceMax', { maximum: MAX_EVIDENCE_FILES }),
      ]);
    }
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode !== undefined) throw err;
    throw new AppError(400, 'invalid_multipart', '请求体不是有效的 multipart/form-data');
  }
  seen?.(fields);
  try {
    return { body: parseOr400(schema, fields), evidence };
  } catch (err) {
    await discard();
    throw err;
  }
}
