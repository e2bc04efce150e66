/**
 * Reading and writing a filing's form: the open part as jsonb, the personal part sealed with SM4
 * (bound to the filing's id, so it cannot be moved to another row).
 */
import { eq } from 'drizzle-orm';
import { mergePersonal, type PersonalPart, splitPersonal } from '../../shared/filing/personal.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import type { FieldCipher } from '../crypto/fieldCipher.js';
import type { Executor } from '../db/client.js';
import { attachments, filings } from '../db/schema.js';
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

export async function listAttachmentMeta(db: Executor, filingId: string) {
  return db
    .select({
      id: attachments.id,
      kind: attachments.kind,
      fileName: attachments.fileName,
      mime: attachments.mime,
      size: attachments.size,
      sm3: attachments.sm3,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(eq(attachments.filingId, filingId))
    .orderBy(attachments.createdAt);
}

export type AttachmentMeta = Awaited<ReturnType<typeof listAttachmentMeta>>[number];
