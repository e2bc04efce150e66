/**
 * Reading and writing a filing's form: the open part as jsonb, the personal part sealed with SM4
 * (bound to the filing's id, so it cannot be moved to another row).
 */
import { and, eq, sql } from 'drizzle-orm';
import { mergePersonal, type PersonalPart, splitPersonal } from '../../shared/filing/personal.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import type { FieldCipher } from '../crypto/fieldCipher.js';
import type { Executor } from '../db/client.js';
import { attachments, filingChanges, filings, filingVersions } from '../db/schema.js';
import { notFound } from '../lib/errors.js';

export type FilingRow = typeof filings.$inferSelect;

const aad = (filingId: string) => `filing:${filingId}`;

export function sealDraft(cipher: FieldCipher, filingId: string, draft: FilingDraft) {
  const { open, personal } = splitPersonal(draft);
  return {
    data: open,
    personalEnc: cipher.sealJson(personal, aad(filingId)),
    platformName: draft.platform?.name ?? null,
  };
}

export function openDraft(cipher: FieldCipher, row: Pick<FilingRow, 'id' | 'data' | 'personalEnc'>): FilingDraft {
  const personal = row.personalEnc ? cipher.openJson<PersonalPart>(row.personalEnc, aad(row.id)) : {};
  return mergePersonal(row.data as FilingDraft, personal);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a filing or answers 404; `forUpdate` locks the row for the rest of the transaction. */
export async function loadFiling(db: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<FilingRow> {
  if (!UUID.test(id)) throw notFound('未找到该备案');
  const q = db.select().from(filings).where(eq(filings.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('未找到该备案');
  return row;
}

const attachmentMeta = {
  id: attachments.id,
  kind: attachments.kind,
  fileName: attachments.fileName,
  mime: attachments.mime,
  size: attachments.size,
  sm3: attachments.sm3,
  createdAt: attachments.createdAt,
};

/**
 * The files of a filing's record: before approval its own (no change); after, those of the current version, which
 * are the files of the change that made it (or the filing's own for version 1).
 */
export async function listAttachmentMeta(db: Executor, filingId: string) {
  const currentChange = sql`(select ${filingVersions.changeId} from ${filingVersions} join ${filings}
    on ${filings.id} = ${filingVersions.filingId} and ${filings.recordVersion} = ${filingVersions.version}
    where ${filings.id} = ${filingId})`;
  return db
    .select(attachmentMeta)
    .from(attachments)
    .where(and(eq(attachments.filingId, filingId), sql`${attachments.changeId} is not distinct from ${currentChange}`))
    .orderBy(attachments.createdAt, attachments.id);
}

/** The files of one version: those of the change that made it, or the filing's own (`changeId` null). */
export async function listVersionAttachments(db: Executor, filingId: string, changeId: string | null) {
  return db
    .select(attachmentMeta)
    .from(attachments)
    .where(
      and(
        eq(attachments.filingId, filingId),
        changeId ? eq(attachments.changeId, changeId) : sql`${attachments.changeId} is null`,
      ),
    )
    .orderBy(attachments.createdAt, attachments.id);
}

export const listChangeAttachments = (db: Executor, change: { id: string; filingId: string }) =>
  listVersionAttachments(db, change.filingId, change.id);

export type AttachmentMeta = Awaited<ReturnType<typeof listAttachmentMeta>>[number];

export type ChangeRow = typeof filingChanges.$inferSelect;

const changeAad = (changeId: string) => `change:${changeId}`;

/** A change's form, stored like a filing's: the open part as jsonb, the personal part sealed to the change. */
export function sealChangeDraft(cipher: FieldCipher, changeId: string, draft: FilingDraft) {
  const { open, personal } = splitPersonal(draft);
  return {
    data: open,
    personalEnc: cipher.sealJson(personal, changeAad(changeId)),
    platformName: draft.platform?.name ?? null,
  };
}

export function openChangeDraft(cipher: FieldCipher, row: Pick<ChangeRow, 'id' | 'data' | 'personalEnc'>): FilingDraft {
  const personal = row.personalEnc ? cipher.openJson<PersonalPart>(row.personalEnc, changeAad(row.id)) : {};
  return mergePersonal(row.data as FilingDraft, personal);
}

/** Loads a change or answers 404; `forUpdate` locks it (lock its filing first, always in that order). */
export async function loadChange(db: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ChangeRow> {
  if (!UUID.test(id)) throw notFound('未找到该变更');
  const q = db.select().from(filingChanges).where(eq(filingChanges.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('未找到该变更');
  return row;
}
