import { eq } from 'drizzle-orm';
import type { FilingDraft } from '../../shared/filing/schema.js';
import { appendAudit } from '../audit/auditLog.js';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { AppContext } from '../context.js';
import { filings } from '../db/schema.js';
import { authorizeFiling } from '../policies/filing.js';
import { loadFiling, openDraft, sealDraft } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

/** Starts a draft, possibly with part of the form already filled in. */
export async function createFiling(ctx: AppContext, props: { user: SessionUser; draft: FilingDraft }) {
  const id = crypto.randomUUID();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(filings)
      .values({ id, ownerId: props.user.id, status: 'draft', ...sealDraft(ctx.cipher, id, props.draft) })
      .returning();
    await appendAudit(tx, {
      action: 'filing.create',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: id,
      details: {},
    });
    return row as NonNullable<typeof row>;
  });
}

/** Replaces the saved form of a draft (or of a filing sent back for correction). */
export async function saveFiling(ctx: AppContext, props: { user: SessionUser; filingId: string; draft: FilingDraft }) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'update', row);
    const before = openDraft(ctx.cipher, row);
    const [updated] = await tx
      .update(filings)
      .set({ ...sealDraft(ctx.cipher, row.id, props.draft), version: row.version + 1, updatedAt: ctx.now() })
      .where(eq(filings.id, row.id))
      .returning();
    await appendAudit(tx, {
      action: 'filing.save',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { fields: changedSections(before, props.draft) },
    });
    return updated as NonNullable<typeof updated>;
  });
}

/** The sections whose content changed: the audit names them, never their values. */
export function changedSections(a: FilingDraft, b: FilingDraft): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FilingDraft>;
  return [...keys].filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)).sort();
}
