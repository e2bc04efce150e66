/** Attachments of a filing: multipart upload per kind, download, replace, remove (SPEC §2). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentResponse } from '../../../shared/api/filings.js';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../../shared/attachments.js';
import { discardBlob, fileTooLarge, type StoredBlob, writeBlob } from '../../attachments/blobStore.js';
import {
  authorizeUpload,
  type OpenedAttachment,
  readAttachment,
  removeAttachment,
  uploadAttachment,
} from '../../commands/attachments.js';
import type { AppContext } from '../../context.js';
import { AppError, badRequest, said } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';
import { presentAttachment } from '../../presenters/filing.js';
import { attachmentKind, attachmentParams, downloadQuery, filingParams } from './schema.js';

const tags = ['附件 Attachments'];

interface ReadUpload {
  kind: AttachmentKind | undefined;
  fileName: string;
  /** The file, streamed into sealed chunks while the body was read. */
  blob: StoredBlob;
  /** The other text fields of the form (e.g. a change upload's `mode`). */
  fields: Record<string, string>;
}

/**
 * Reads the multipart body: one `file` part and a `kind` field, in either order. The file streams into the blob
 * store chunk by chunk and reading stops at the size limit (413). Call it only after the caller may upload.
 */
export async function readUpload(req: FastifyRequest, ctx: AppContext, maxBytes: number): Promise<ReadUpload> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 上传文件');
  let kindRaw: unknown = (req.query as { kind?: unknown } | undefined)?.kind;
  let file: { fileName: string; blob: StoredBlob } | undefined;
  const fields: Record<string, string> = {};
  const discard = () => (file ? discardBlob(ctx.db, file.blob.blobId).catch(() => {}) : undefined);
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes + 1, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw badRequest('file：文件字段应命名为 file', [said('file', 'api.fileFieldName', { name: 'file' })]);
        file = { fileName: part.filename, blob: await writeBlob(ctx, part.file, maxBytes) };
      } else if (part.fieldname === 'kind') {
        kindRaw = part.value;
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    await discard();
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxBytes);
    // The multipart parser throws plain errors on a malformed body (no boundary, truncated data): the client's fault.
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode !== undefined) throw err;
    throw new AppError(400, 'invalid_multipart', '请求体不是有效的 multipart/form-data');
  }
  const kind = kindRaw === undefined ? undefined : attachmentKind.safeParse(kindRaw);
  if (kind && !kind.success) {
    await discard();
    throw badRequest('kind：附件类别不正确', [
      said('kind', 'api.attachmentKind', { kinds: ATTACHMENT_KINDS.join(', ') }),
    ]);
  }
  if (!file) throw badRequest('file：请选择要上传的文件', [said('file', 'api.fileMissing')]);
  return { kind: kind?.data, ...file, fields };
}

/** Sends a decrypted attachment: its own type, never sniffed by the browser, never cached by proxies. */
export function sendAttachment(reply: FastifyReply, file: OpenedAttachment, inline: boolean) {
  return reply
    .header('content-type', file.meta.mime)
    .header('content-length', file.meta.size)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.meta.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('x-sm3-digest', file.meta.sm3)
    .send(file.body);
}

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post(
    '/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传附件（multipart：kind, file），文件类型按内容识别',
        params: filingParams,
        consumes: ['multipart/form-data'],
        response: { 201: attachmentResponse },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await authorizeUpload(ctx, user, req.params.id);
      const upload = await readUpload(req, ctx, await ctx.settings.get('upload.maxBytes'));
      if (!upload.kind) {
        await discardBlob(ctx.db, upload.blob.blobId);
        throw badRequest('kind：请指定附件类别', [said('kind', 'api.kindMissing')]);
      }
      const { fields: _fields, ...file } = upload;
      const row = await uploadAttachment(ctx, { user, filingId: req.params.id, ...file, kind: upload.kind });
      return reply.code(201).send({ attachment: presentAttachment(row) });
    },
  );

  app.put(
    '/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '替换附件（同一类别）',
        params: attachmentParams,
        consumes: ['multipart/form-data'],
        response: { 200: attachmentResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { replacedKind } = await authorizeUpload(ctx, user, req.params.id, req.params.attachmentId);
      const upload = await readUpload(req, ctx, await ctx.settings.get('upload.maxBytes'));
      const { fields: _fields, ...file } = upload;
      const row = await uploadAttachment(ctx, {
        user,
        filingId: req.params.id,
        ...file,
        kind: upload.kind ?? (replacedKind as AttachmentKind),
        replaceId: req.params.attachmentId,
      });
      return { attachment: presentAttachment(row) };
    },
  );

  app.get(
    '/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载附件', params: attachmentParams, querystring: downloadQuery } },
    async (req, reply) => {
      const user = requireUser(req);
      return sendAttachment(
        reply,
        await readAttachment(ctx, { user, filingId: req.params.id, attachmentId: req.params.attachmentId }),
        req.query.inline === '1',
      );
    },
  );

  app.delete(
    '/:id/attachments/:attachmentId',
    { schema: { tags, summary: '删除附件（草稿或待补正时）', params: attachmentParams } },
    async (req, reply) => {
      const user = requireUser(req);
      await removeAttachment(ctx, { user, filingId: req.params.id, attachmentId: req.params.attachmentId });
      return reply.code(204).send();
    },
  );
};
