import type { Readable } from 'node:stream';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  ATTACHMENT_KIND_LABELS,
  type AttachmentKind,
  DETECTED_TYPE_INFO,
  isTypeAllowed,
} from '../../shared/attachments.js';
import { discardBlob, discardUnusedBlobs, readBlob, type StoredBlob } from '../attachments/blobStore.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { sharedCryptoPool } from '../crypto/cryptoPool.js';
import type { Tx } from '../db/client.js';
import { attachments } from '../db/schema.js';
import { AppError, badRequest, notFound, said } from '../lib/errors.js';
import { authorizeChange, authorizeChangeReview } from '../policies/change.js';
import { authorizeFiling } from '../policies/filing.js';
import { authorizeReview } from '../policies/review.js';
import { loadChange, loadFiling } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

export const MAX_FILES_PER_KIND = 10;

export interface UploadProps {
  user: SessionUser;
  filingId: string;
  kind: AttachmentKind;
  fileName: string;
  /** The file, already streamed into chunks (attachments/blobStore.ts); removed again if the upload is refused. */
  blob: StoredBlob;
  /** Replace this attachment (same kind) instead of adding one. */
  replaceId?: string | undefined;
}

/** Associated data of an attachment's sealed bytes: the id it was first stored under (`sealed_id` for copies). */
export const attachmentAad = (id: string) => `attachment:${id}`;
const aad = attachmentAad;

/** Keeps the last path segment, drops control characters, and bounds the length. */
export function cleanFileName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '')
    .trim()
    .slice(0, 200);
  return base || `file.${ext}`;
}

/** Who may upload to a filing, answered before a byte of the body is read (and again under the row lock). */
export async function authorizeUpload(ctx: AppContext, user: SessionUser, filingId: string, replaceId?: string) {
  const filing = await loadFiling(ctx.db, filingId);
  authorizeFiling(user, 'upload', filing);
  if (replaceId) {
    const [row] = await ctx.db
      .select({ kind: attachments.kind })
      .from(attachments)
      .where(and(eq(attachments.id, replaceId), eq(attachments.filingId, filing.id), isNull(attachments.changeId)));
    if (!row) throw notFound('未找到要替换的附件');
    return { replacedKind: row.kind as AttachmentKind };
  }
  return { replacedKind: undefined };
}

/** The same for a change's files. */
export async function authorizeChangeUpload(ctx: AppContext, user: SessionUser, changeId: string) {
  const change = await loadChange(ctx.db, changeId);
  authorizeChange(user, 'upload', await loadFiling(ctx.db, change.filingId), change);
}

/** Removes the streamed file when the upload is refused after it was read. */
async function orDiscard<T>(ctx: AppContext, blob: StoredBlob, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    await discardBlob(ctx.db, blob.blobId).catch(() => {});
    throw err;
  }
}

/** Checks the streamed file's type and stores its row with the filing (the bytes are already sealed in chunks). */
export function uploadAttachment(ctx: AppContext, props: UploadProps) {
  return orDiscard(ctx, props.blob, () => uploadAttachmentRow(ctx, props));
}

async function uploadAttachmentRow(ctx: AppContext, props: UploadProps) {
  authorizeFiling(props.user, 'upload', await loadFiling(ctx.db, props.filingId));
  const { detected, digest } = checkFile(props.kind, props.blob);
  return ctx.db.transaction(async (tx) => {
    const filing = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'upload', filing);
    const existing = await tx
      .select({ id: attachments.id, kind: attachments.kind })
      .from(attachments)
      .where(and(eq(attachments.filingId, filing.id), isNull(attachments.changeId)));
    let replaced: { id: string; kind: string } | undefined;
    if (props.replaceId) {
      replaced = existing.find((a) => a.id === props.replaceId);
      if (!replaced) throw notFound('未找到要替换的附件');
      if (replaced.kind !== props.kind)
        throw badRequest('kind：替换的附件须为同一类别', [said('kind', 'api.sameKind')]);
      const [gone] = await tx
        .delete(attachments)
        .where(eq(attachments.id, replaced.id))
        .returning({ blobId: attachments.blobId });
      await discardUnusedBlobs(tx, [gone?.blobId ?? null]);
    } else if (existing.filter((a) => a.kind === props.kind).length >= MAX_FILES_PER_KIND) {
      throw new AppError(409, 'too_many_files', `每类附件最多 ${MAX_FILES_PER_KIND} 个`);
    }
    const row = await storeFile(ctx, tx, {
      filingId: filing.id,
      changeId: null,
      kind: props.kind,
      fileName: props.fileName,
      blob: props.blob,
      detected,
      digest,
      userId: props.user.id,
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
      details: { attachmentId: row.id, kind: props.kind, sm3: digest, size: props.blob.size },
    });
    return row as NonNullable<typeof row>;
  });
}

/** The bytes must be a file of a type the kind accepts, recognised from its content. */
function checkFile(kind: AttachmentKind, blob: StoredBlob) {
  if (blob.size === 0) throw badRequest('file：文件为空', [said('file', 'api.fileEmpty')]);
  const detected = blob.detected;
  if (!detected || !isTypeAllowed(kind, detected.type)) {
    const allowed = kind === 'rules_doc' ? 'PDF、OFD、JPEG、PNG 或 DOCX' : 'PDF、OFD、JPEG 或 PNG';
    throw new AppError(
      415,
      'unsupported_file_type',
      `${ATTACHMENT_KIND_LABELS[kind]}须为 ${allowed} 文件（按文件内容识别）`,
      [said('file', 'api.fileType', { allowed })],
    );
  }
  return { detected, digest: blob.sm3 };
}

const META = {
  id: attachments.id,
  kind: attachments.kind,
  fileName: attachments.fileName,
  mime: attachments.mime,
  size: attachments.size,
  sm3: attachments.sm3,
  createdAt: attachments.createdAt,
};

/** Names a download after the type found in its bytes: `evil.html` stored as a PDF goes out as `evil.pdf`. */
export function downloadName(fileName: string, mime: string): string {
  const ext = Object.values(DETECTED_TYPE_INFO).find((t) => t.mime === mime)?.ext;
  return ext ? withExtension(fileName, ext) : fileName;
}

function withExtension(fileName: string, ext: string): string {
  const dot = fileName.lastIndexOf('.');
  const current = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (current === ext || (ext === 'jpg' && current === 'jpeg')) return fileName;
  return `${dot > 0 ? fileName.slice(0, dot) : fileName}.${ext}`;
}

/** Seals and stores one file for a filing, or for one of its changes. */
async function storeFile(
  ctx: AppContext,
  tx: Tx,
  f: {
    filingId: string;
    changeId: string | null;
    kind: AttachmentKind;
    fileName: string;
    blob: StoredBlob;
    detected: { mime: string; ext: string };
    digest: string;
    userId: string;
  },
) {
  const id = crypto.randomUUID();
  const [row] = await tx
    .insert(attachments)
    .values({
      id,
      filingId: f.filingId,
      changeId: f.changeId,
      kind: f.kind,
      fileName: withExtension(cleanFileName(f.fileName, f.detected.ext), f.detected.ext),
      mime: f.detected.mime,
      size: f.blob.size,
      sm3: f.digest,
      blobId: f.blob.blobId,
      uploadedBy: f.userId,
      createdAt: ctx.now(),
    })
    .returning(META);
  return row as NonNullable<typeof row>;
}

/**
 * Article 6: a change starts with a copy of the valid record's files. The rows are copied inside the database and
 * keep their original's seal (`sealed_id`): the bytes never pass through the application.
 */
export async function copyAttachmentsToChange(
  tx: Tx,
  from: { filingId: string; changeId: string | null },
  toChangeId: string,
): Promise<number> {
  const source = from.changeId ? eq(attachments.changeId, from.changeId) : isNull(attachments.changeId);
  const copied = await tx.execute(sql`
    insert into ${attachments} (id, filing_id, change_id, kind, file_name, mime, size, sm3, content, sealed_id,
      blob_id, uploaded_by, created_at)
    select gen_random_uuid(), filing_id, ${toChangeId}, kind, file_name, mime, size, sm3, content,
      coalesce(sealed_id, id), blob_id, uploaded_by, created_at
    from ${attachments} where ${and(eq(attachments.filingId, from.filingId), source)}`);
  return (copied as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? 0;
}

export interface ChangeUploadProps {
  user: SessionUser;
  changeId: string;
  kind: AttachmentKind;
  fileName: string;
  blob: StoredBlob;
  /** `replace` (default, SPEC §5): the change's files of this kind give way to this one; `add`: kept. */
  mode?: 'replace' | 'add' | undefined;
}

/** Article 6: a file for a change filing; the valid record's files stay as they are. */
export function uploadChangeAttachment(ctx: AppContext, props: ChangeUploadProps) {
  return orDiscard(ctx, props.blob, () => uploadChangeAttachmentRow(ctx, props));
}

async function uploadChangeAttachmentRow(ctx: AppContext, props: ChangeUploadProps) {
  const first = await loadChange(ctx.db, props.changeId);
  authorizeChange(props.user, 'upload', await loadFiling(ctx.db, first.filingId), first);
  const { detected, digest } = checkFile(props.kind, props.blob);
  return ctx.db.transaction(async (tx) => {
    const filing = await loadFiling(tx, first.filingId, { forUpdate: true });
    const change = await loadChange(tx, props.changeId, { forUpdate: true });
    authorizeChange(props.user, 'upload', filing, change);
    const sameKind = and(eq(attachments.changeId, change.id), eq(attachments.kind, props.kind));
    let removed: { id: string }[] = [];
    if ((props.mode ?? 'replace') === 'replace') {
      const gone = await tx
        .delete(attachments)
        .where(sameKind)
        .returning({ id: attachments.id, blobId: attachments.blobId });
      await discardUnusedBlobs(
        tx,
        gone.map((g) => g.blobId),
      );
      removed = gone;
    } else if (
      (await tx.select({ id: attachments.id }).from(attachments).where(sameKind)).length >= MAX_FILES_PER_KIND
    ) {
      throw new AppError(409, 'too_many_files', `每类附件最多 ${MAX_FILES_PER_KIND} 个`);
    }
    const row = await storeFile(ctx, tx, {
      filingId: filing.id,
      changeId: change.id,
      kind: props.kind,
      fileName: props.fileName,
      blob: props.blob,
      detected,
      digest,
      userId: props.user.id,
    });
    await appendAudit(tx, {
      action: 'change.attachment_add',
      actorId: props.user.id,
      subjectType: 'change',
      subjectId: change.id,
      details: {
        filingId: filing.id,
        attachmentId: row.id,
        kind: props.kind,
        sm3: digest,
        size: props.blob.size,
        replaced: removed.map((r) => r.id),
      },
    });
    return row;
  });
}

export async function removeChangeAttachment(
  ctx: AppContext,
  props: { user: SessionUser; changeId: string; attachmentId: string },
) {
  await ctx.db.transaction(async (tx) => {
    const first = await loadChange(tx, props.changeId);
    const filing = await loadFiling(tx, first.filingId, { forUpdate: true });
    const change = await loadChange(tx, props.changeId, { forUpdate: true });
    authorizeChange(props.user, 'upload', filing, change);
    const [gone] = await tx
      .delete(attachments)
      .where(and(eq(attachments.id, props.attachmentId), eq(attachments.changeId, change.id)))
      .returning({ id: attachments.id, kind: attachments.kind, blobId: attachments.blobId });
    if (!gone) throw notFound('未找到该附件');
    await discardUnusedBlobs(tx, [gone.blobId]);
    await appendAudit(tx, {
      action: 'change.attachment_remove',
      actorId: props.user.id,
      subjectType: 'change',
      subjectId: change.id,
      details: { filingId: filing.id, attachmentId: gone.id, kind: gone.kind },
    });
  });
}

/** A change's file, for the filing's owner or for review staff. */
export async function readChangeAttachment(
  ctx: AppContext,
  props: { user: SessionUser; changeId: string; attachmentId: string; audience: 'owner' | 'staff' },
) {
  const change = await loadChange(ctx.db, props.changeId);
  if (props.audience === 'owner')
    authorizeChange(props.user, 'read', await loadFiling(ctx.db, change.filingId), change);
  else authorizeChangeReview(props.user, 'read', change);
  return openAttachment(ctx, change.filingId, props.attachmentId, change.id);
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
      .where(
        and(eq(attachments.id, props.attachmentId), eq(attachments.filingId, filing.id), isNull(attachments.changeId)),
      )
      .returning({ id: attachments.id, kind: attachments.kind, blobId: attachments.blobId });
    if (!gone) throw notFound('未找到该附件');
    await discardUnusedBlobs(tx, [gone.blobId]);
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

async function openAttachment(ctx: AppContext, filingId: string, attachmentId: string, changeId?: string) {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.id, attachmentId),
        eq(attachments.filingId, filingId),
        changeId ? eq(attachments.changeId, changeId) : undefined,
      ),
    );
  if (!row) throw notFound('未找到该附件');
  const { content, ...meta } = row;
  // A file from before chunking is one sealed piece: opened on a crypto thread too, not on this one.
  const body: Readable | Buffer = row.blobId
    ? readBlob(ctx, row.blobId, row.size)
    : await sharedCryptoPool().open(ctx.cipher, content as Buffer, aad(row.sealedId ?? row.id));
  return { meta: { ...meta, fileName: downloadName(meta.fileName, meta.mime) }, body };
}

export type OpenedAttachment = Awaited<ReturnType<typeof openAttachment>>;
