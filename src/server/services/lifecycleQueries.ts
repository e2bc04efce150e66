/**
 * Reads of a filing's life after approval (SPEC §8) that routes and presenters share: its open change, its latest
 * deregistration, and everything a change's view needs (the version it was copied from, its files, its notice).
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { OPEN_CHANGE_STATUSES } from '../../shared/filing/lifecycle.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/client.js';
import { deregistrations, filingChanges, reviewDecisions } from '../db/schema.js';
import type { ChangeViewInput } from '../presenters/change.js';
import {
  type ChangeRow,
  type FilingRow,
  listChangeAttachments,
  listVersionAttachments,
  openChangeDraft,
} from './filingRecords.js';
import { loadVersion, openVersionDraft } from './filingVersions.js';

export async function openChangeOf(db: Executor, filingId: string): Promise<ChangeRow | null> {
  const [row] = await db
    .select()
    .from(filingChanges)
    .where(and(eq(filingChanges.filingId, filingId), inArray(filingChanges.status, [...OPEN_CHANGE_STATUSES])));
  return row ?? null;
}

export async function latestDeregistration(db: Executor, filingId: string) {
  const [row] = await db
    .select()
    .from(deregistrations)
    .where(eq(deregistrations.filingId, filingId))
    .orderBy(desc(deregistrations.requestedAt))
    .limit(1);
  return row ?? null;
}

export async function changeDecisions(db: Executor, changeId: string) {
  return db
    .select()
    .from(reviewDecisions)
    .where(eq(reviewDecisions.changeId, changeId))
    .orderBy(desc(reviewDecisions.createdAt));
}

export async function changeViewInput(
  ctx: AppContext,
  change: ChangeRow,
  filing: FilingRow,
  allowedActions: readonly string[],
): Promise<Omit<ChangeViewInput, 'correction'> & { decisions: Awaited<ReturnType<typeof changeDecisions>> }> {
  const base = await loadVersion(ctx.db, filing.id, change.baseVersion);
  const [attachments, baseAttachments, decisions] = await Promise.all([
    listChangeAttachments(ctx.db, change),
    listVersionAttachments(ctx.db, filing.id, base.version.changeId),
    changeDecisions(ctx.db, change.id),
  ]);
  return {
    change,
    filing,
    draft: openChangeDraft(ctx.cipher, change),
    attachments,
    base: { draft: openVersionDraft(ctx.cipher, base.version), attachments: baseAttachments },
    allowedActions,
    decisions,
    cal: await ctx.calendar.get(),
    now: ctx.now(),
    allowPrivateHomepage: ctx.config.monitorAllowPrivate,
  };
}

/** The open correction notice of a change: its latest correction decision. */
export const latestCorrection = (decisions: Awaited<ReturnType<typeof changeDecisions>>) =>
  decisions.find((d) => d.kind === 'correction') ?? null;
