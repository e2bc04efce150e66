/** The applicant deletes a draft never submitted (state machine: `discard`, drafts only; 409 otherwise). */
import { eq } from 'drizzle-orm';
import { discardUnusedBlobs } from '../attachments/blobStore.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { attachments, filings } from '../db/schema.js';
import { authorizeFiling } from '../policies/filing.js';
import { loadFiling } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

export async function discardDraft(ctx: AppContext, props: { user: SessionUser; filingId: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'discard', row);
    const files = await tx
      .delete(attachments)
      .where(eq(attachments.filingId, row.id))
      .returning({ blobId: attachments.blobId });
    await tx.delete(filings).where(eq(filings.id, row.id));
    await discardUnusedBlobs(
      tx,
      files.map((f) => f.blobId),
    );
    await appendAudit(tx, {
      action: 'filing.discard',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { attachments: files.length },
    });
  });
}

/** An empty draft of this account (nothing typed, no file), to reuse instead of starting another. */
export async function findEmptyDraft(ctx: AppContext, ownerId: string) {
  const rows = await ctx.db.select().from(filings).where(eq(filings.ownerId, ownerId));
  const drafts = rows.filter((r) => r.status === 'draft' && isEmptyOpenPart(r.data));
  for (const d of drafts) {
    const [file] = await ctx.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(eq(attachments.filingId, d.id))
      .limit(1);
    if (!file && !hasPersonal(ctx, d)) return d;
  }
  return null;
}

const isEmptyOpenPart = (data: unknown) =>
  !data || (typeof data === 'object' && Object.keys(data as object).length === 0);

function hasPersonal(ctx: AppContext, row: typeof filings.$inferSelect): boolean {
  if (!row.personalEnc) return false;
  const p = ctx.cipher.openJson<Record<string, unknown>>(row.personalEnc, `filing:${row.id}`);
  return Object.keys(p).length > 0;
}
