/**
 * Article 6 (SPEC §8): approving a change applies it atomically: a new version of the record (same filing number,
 * `lastChangeDate` set), the public record follows, partners get `filing.changed` with the full new filing, and the
 * applicant is told. A change made against an older version than the current one is refused (409 stale_change).
 */
import { eq } from 'drizzle-orm';
import { chinaToday } from '../../shared/calendar/index.js';
import { diffForms } from '../../shared/filing/diff.js';
import { changeMachine } from '../../shared/filing/lifecycle.js';
import { buildPublicRecord, type PublicRecord } from '../../shared/filing/publicRecord.js';
import { notices } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filingChanges, filings, reviewDecisions } from '../db/schema.js';
import { authorizeApplyChange, authorizeChangeReview } from '../policies/change.js';
import { presentPartnerFiling } from '../presenters/partnerFiling.js';
import { tellApplicant } from '../services/applicantNotices.js';
import {
  type ChangeRow,
  type FilingRow,
  listAttachmentMeta,
  listChangeAttachments,
  loadChange,
  loadFiling,
  openChangeDraft,
  openDraft,
  sealDraft,
} from '../services/filingRecords.js';
import { insertVersion } from '../services/filingVersions.js';
import { queuePartnerEvent } from '../services/outbox.js';
import { recordPublicEvent } from '../services/publicEvents.js';
import type { SessionUser } from '../services/sessions.js';

export async function approveChange(
  ctx: AppContext,
  props: { user: SessionUser; changeId: string },
): Promise<{ filing: FilingRow; change: ChangeRow }> {
  return ctx.db.transaction(async (tx) => {
    const first = await loadChange(tx, props.changeId);
    const filing = await loadFiling(tx, first.filingId, { forUpdate: true });
    const change = await loadChange(tx, props.changeId, { forUpdate: true });
    authorizeChangeReview(props.user, 'approve', change, filing);
    authorizeApplyChange(props.user, filing, change);
    const now = ctx.now();
    const today = chinaToday(now);
    const overdue = !!change.dueDate && today > change.dueDate;
    const version = (filing.recordVersion ?? 1) + 1;
    const before = openDraft(ctx.cipher, filing);
    const draft = openChangeDraft(ctx.cipher, change);
    const [beforeFiles, files] = await Promise.all([
      listAttachmentMeta(tx, filing.id),
      listChangeAttachments(tx, change),
    ]);
    const diff = diffForms(before, draft, { before: beforeFiles, after: files });
    const previous = (filing.publicRecord ?? {}) as Partial<PublicRecord>;
    const publicRecord = buildPublicRecord(draft, {
      filingNumber: filing.filingNumber ?? '',
      filingDate: previous.filingDate ?? today,
      lastChangeDate: today,
      status: 'valid',
    });
    const [updatedFiling] = await tx
      .update(filings)
      .set({
        ...sealDraft(ctx.cipher, filing.id, draft),
        recordVersion: version,
        lastChangeDate: today,
        version: filing.version + 1,
        updatedAt: now,
      })
      .where(eq(filings.id, filing.id))
      .returning();
    await insertVersion(tx, ctx.cipher, {
      filingId: filing.id,
      version,
      draft,
      publicRecord,
      changeId: change.id,
      approvedBy: props.user.id,
      approvedAt: now,
    });
    const to = changeMachine.next(change.status, 'approve');
    const [updatedChange] = await tx
      .update(filingChanges)
      .set({ status: to, approvedAt: now, appliedVersion: version, revision: change.revision + 1, updatedAt: now })
      .where(eq(filingChanges.id, change.id))
      .returning();
    const applied = { ...(updatedFiling as FilingRow), publicRecord };
    await recordPublicEvent(tx, {
      type: 'filing.changed',
      filingId: filing.id,
      filingNumber: filing.filingNumber ?? '',
      at: now,
      record: publicRecord,
    });
    await tx.insert(reviewDecisions).values({
      filingId: filing.id,
      changeId: change.id,
      reviewerId: props.user.id,
      kind: 'approve',
      dueDate: change.dueDate,
      overdue,
      createdAt: now,
    });
    const fields = diff.map((d) => d.field);
    await appendAudit(tx, {
      action: 'change.approve',
      actorId: props.user.id,
      subjectType: 'change',
      subjectId: change.id,
      details: { filingId: filing.id, from: change.status, to, version, fields, overdue },
    });
    await queuePartnerEvent(tx, ctx.cipher, {
      type: 'filing.changed',
      filingId: filing.id,
      payload: {
        event: 'filing.changed',
        occurredAt: now.toISOString(),
        version,
        changeDate: change.changeDate,
        changedFields: fields,
        ...presentPartnerFiling(applied, draft, files),
      },
    });
    await tellApplicant(ctx, tx, applied, {
      kind: 'change_approved',
      message: notices.changeApproved({ name: draft.platform?.name ?? '', number: filing.filingNumber ?? '', version }),
    });
    return { filing: applied, change: updatedChange as ChangeRow };
  });
}
