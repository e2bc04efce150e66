import { and, count, eq } from 'drizzle-orm';
import type { FilingDraft } from '../../shared/filing/schema.js';
import { appendAudit } from '../audit/auditLog.js';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { AppContext } from '../context.js';
import { filings, users } from '../db/schema.js';
import { conflict } from '../lib/errors.js';
import { authorizeFiling } from '../policies/filing.js';
import { loadFiling, openDraft, sealDraft } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

/** Starts a draft, possibly with part of the form already filled in. */
/** Drafts one account may hold at once: enough for any real sponsor, few enough that nobody can fill the database. */
export const MAX_DRAFTS_PER_APPLICANT = 20;

export async function createFiling(ctx: AppContext, props: { user: SessionUser; draft: FilingDraft }) {
  const id = crypto.randomUUID();
  return ctx.db.transaction(async (tx) => {
    // The account's row is the lock: concurrent creations count one after another.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, props.user.id)).for('update');
    const [drafts] = await tx
      .select({ n: count() })
      .from(filings)
      .where(and(eq(filings.ownerId, props.user.id), eq(filings.status, 'draft')));
    if ((drafts?.n ?? 0) >= MAX_DRAFTS_PER_APPLICANT) {
      throw conflict('too_many_drafts', `草稿已达 ${MAX_DRAFTS_PER_APPLICANT} 份上限，请继续填写或提交已有草稿`);
    }
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
