/**
 * The approved versions of a filing (Article 6, SPEC §8): version 1 at approval, one more for each applied change,
 * never updated. The personal part of a version is sealed and bound to the filing and the version number; version 1
 * shares the filing's own binding, so versions of filings approved before versions existed could be copied in SQL.
 */
import { and, asc, eq } from 'drizzle-orm';
import { mergePersonal, type PersonalPart, splitPersonal } from '../../shared/filing/personal.js';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import type { FieldCipher } from '../crypto/fieldCipher.js';
import type { Executor, Tx } from '../db/client.js';
import { filingChanges, filingVersions } from '../db/schema.js';
import { notFound } from '../lib/errors.js';

export type VersionRow = typeof filingVersions.$inferSelect;

export const versionAad = (filingId: string, version: number) =>
  version === 1 ? `filing:${filingId}` : `filing:${filingId}:v${version}`;

export async function insertVersion(
  tx: Tx,
  cipher: FieldCipher,
  v: {
    filingId: string;
    version: number;
    draft: FilingDraft;
    publicRecord: PublicRecord;
    changeId: string | null;
    approvedBy: string;
    approvedAt: Date;
  },
): Promise<void> {
  const { open, personal } = splitPersonal(v.draft);
  await tx.insert(filingVersions).values({
    filingId: v.filingId,
    version: v.version,
    data: open,
    personalEnc: cipher.sealJson(personal, versionAad(v.filingId, v.version)),
    publicRecord: v.publicRecord,
    changeId: v.changeId,
    approvedBy: v.approvedBy,
    approvedAt: v.approvedAt,
  });
}

export function openVersionDraft(cipher: FieldCipher, row: VersionRow): FilingDraft {
  const personal = cipher.openJson<PersonalPart>(row.personalEnc, versionAad(row.filingId, row.version));
  return mergePersonal(row.data as FilingDraft, personal);
}

/** Every version, oldest first, with the change date of the change that made it. */
export async function listVersions(db: Executor, filingId: string) {
  return db
    .select({ version: filingVersions, changeDate: filingChanges.changeDate })
    .from(filingVersions)
    .leftJoin(filingChanges, eq(filingChanges.id, filingVersions.changeId))
    .where(eq(filingVersions.filingId, filingId))
    .orderBy(asc(filingVersions.version));
}

export async function loadVersion(db: Executor, filingId: string, version: number) {
  const [row] = await db
    .select({ version: filingVersions, changeDate: filingChanges.changeDate })
    .from(filingVersions)
    .leftJoin(filingChanges, eq(filingChanges.id, filingVersions.changeId))
    .where(and(eq(filingVersions.filingId, filingId), eq(filingVersions.version, version)));
  if (!row) throw notFound(`未找到第 ${version} 版`);
  return row;
}
