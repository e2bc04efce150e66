import { and, eq } from 'drizzle-orm';
import { ATTACHMENT_KIND_LABELS, type AttachmentKind, isTypeAllowed } from '../../shared/attachments.js';
import { detectFileType } from '../attachments/sniff.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { sm3Hex } from '../crypto/sm3.js';
import { attachments } from '../db/schema.js';
import { AppError, badRequest, notFound } from '../lib/errors.js';
import { authorizeFiling } from '../policies/filing.js';
import { authorizeReview } from '../policies/review.js';
import { loadFiling } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

export const MAX_FILES_PER_KIND = 10;

export interface UploadProps {
  user: SessionUser;
  filingId: string;
  kind: AttachmentKind;
  fileName: string;
  bytes: Buffer;
  /** Replace this attachment (same kind) instead of adding one. */
  replaceId?: string | undefined;
}

const aad = (id: string) => `attachment:${id}`;

/** Keeps the last path segment, drops control characters, and bounds the length. */
export function cleanFileName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '')
    .trim()
    .slice(0, 200);
  return base || `file.${ext}`;
}

/** Checks the bytes, hashes them with SM3, seals them with SM4 and stores them with the filing. */
export async function uploadAttachment(ctx: AppContext, props: UploadProps) {
  // Who may upload is answered before anything about the file, and again under the row lock below.
  authorizeFiling(props.user, 'upload', await loadFiling(ctx.db, props.filingId));
  if (props.bytes.length === 0) throw badRequest('file：文件为空', [{ field: 'file', message: '文件为空' }]);
  const detected = await detectFileType(props.bytes);
  if (!detected || !isTypeAllowed(props.kind, detected.type)) {
    const allowed = props.kind === 'rules_doc' ? 'PDF、OFD、JPEG、PNG 或 DOCX' : 'PDF、OFD、JPEG 或 PNG';
    throw new AppError(
      415,
      'unsupported_file_type',
      `${ATTACHMENT_KIND_LABELS[props.kind]}须为 ${allowed} 文件（按文件内容识别）`,
      [{ field: 'file', message: `文件类型不支持，须为 ${allowed}` }],
    );
  }
  const digest = sm3Hex(props.bytes);
  return ctx.db.transaction(async (tx) => {
    const filing = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'upload', filing);
    const existing = await tx
      .select({ id: attachments.id, kind: attachments.kind })
      .from(attachments)
      .where(eq(attachments.filingId, filing.id));
    let replaced: { id: string; kind: string } | undefined;
    if (props.replaceId) {
      replaced = existing.find((a) => a.id === props.replaceId);
      if (!replaced) throw notFound('未找到要替换的附件');
      if (replaced.kind !== props.kind)
        throw badRequest('kind：替换的附件须为同一类别', [{ field: 'kind', message: '须与原附件类别相同' }]);
      await tx.delete(attachments).where(eq(attachments.id, replaced.id));
    } else if (existing.filter((a) => a.kind === props.kind).length >= MAX_FILES_PER_KIND) {
      throw new AppError(409, 'too_many_files', `每类附件最多 ${MAX_FILES_PER_KIND} 个`);
    }
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(attachments)
      .values({
        id,
        filingId: filing.id,
        kind: props.kind,
        fileName: cleanFileName(props.fileName, detected.ext),
        mime: detected.mime,
        size: props.bytes.length,
        sm3: digest,
        content: ctx.cipher.sealBytes(props.bytes, aad(id)),
        uploadedBy: props.user.id,
        createdAt: ctx.now(),
      })
      .returning({
        id: attachments.id,
        kind: attachments.kind,
        fileName: attachments.fileName,
        mime: attachments.mime,
        size: attachments.size,
        sm3: attachments.sm3,
        createdAt: attachments.createdAt,
      });
    if (replaced) {
      await appendAudit(tx, {
        action: 'filing.attachment_remove',
        actorId: props.user.id,
        subjectType: 'filing',
        subjectId: filing.id,
        details: { attachmentId: replaced.id, kind: replaced.kind },
      });
    }
    await appendAudit(tx, {
      action: 'filing.attachment_add',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: filing.id,
      details: { attachmentId: id, kind: props.kind, sm3: digest, size: props.bytes.length },
    });
    return row as NonNullable<typeof row>;
  });
}

export async function removeAttachment(
  ctx: AppContext,
  props: { user: SessionUser; filingId: string; attachmentId: string },
) {
  await ctx.db.transaction(async (tx) => {
    const filing = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'upload', filing);
    const [gone] = await tx
      .delete(attachments)
      .where(and(eq(attachments.id, props.attachmentId), eq(attachments.filingId, filing.id)))
      .returning({ id: attachments.id, kind: attachments.kind });
    if (!gone) throw notFound('未找到该附件');
    await appendAudit(tx, {
      action: 'filing.attachment_remove',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: filing.id,
      details: { attachmentId: gone.id, kind: gone.kind },
    });
  });
}

interface ReadProps {
  user: SessionUser;
  filingId: string;
  attachmentId: string;
}

/** The decrypted file, for its owner. */
export async function readAttachment(ctx: AppContext, props: ReadProps) {
  const filing = await loadFiling(ctx.db, props.filingId);
  authorizeFiling(props.user, 'read', filing);
  return openAttachment(ctx, filing.id, props.attachmentId);
}

/** The decrypted file, for review staff. */
export async function readStaffAttachment(ctx: AppContext, props: ReadProps) {
  const filing = await loadFiling(ctx.db, props.filingId);
  authorizeReview(props.user, 'read', filing);
  return openAttachment(ctx, filing.id, props.attachmentId);
}

async function openAttachment(ctx: AppContext, filingId: string, attachmentId: string) {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.filingId, filingId)));
  if (!row) throw notFound('未找到该附件');
  return { meta: row, bytes: ctx.cipher.openBytes(row.content, aad(row.id)) };
}
