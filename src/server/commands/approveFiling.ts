/**
 * Article 5: the reviewer approves a submitted filing: a number is issued, version 1 of the record is kept, the filing
 * is published and sent to 公安部 and 国家网信办, and the applicant is told. One transaction with its audit entry, its
 * outbox messages and the notification. A decision after the due date is allowed and recorded as overdue.
 */
import { eq } from 'drizzle-orm';
import { chinaToday } from '../../shared/calendar/index.js';
import { filingMachine } from '../../shared/filing/lifecycle.js';
import { buildPublicRecord } from '../../shared/filing/publicRecord.js';
import { notices } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filings, reviewDecisions } from '../db/schema.js';
import { faultPoint } from '../lib/faults.js';
import { authorizeReview } from '../policies/review.js';
import { presentPartnerFiling } from '../presenters/partnerFiling.js';
import { tellApplicant } from '../services/applicantNotices.js';
import { issueFilingNumber } from '../services/filingNumbers.js';
import { type FilingRow, listAttachmentMeta, loadFiling, openDraft } from '../services/filingRecords.js';
import { insertVersion } from '../services/filingVersions.js';
import { queuePartnerEvent } from '../services/outbox.js';
import { recordPublicEvent } from '../services/publicEvents.js';
import type { SessionUser } from '../services/sessions.js';

export interface ApproveProps {
  user: SessionUser;
  filingId: string;
}

export async function approveFiling(ctx: AppContext, props: ApproveProps): Promise<FilingRow> {
  const format = await ctx.settings.get('filingNumber.format');
  return ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeReview(props.user, 'approve', row);
    const now = ctx.now();
    const today = chinaToday(now);
    const { number } = await issueFilingNumber(tx, Number(today.slice(0, 4)), format);
    faultPoint('approve.afterNumber');
    const draft = openDraft(ctx.cipher, row);
    const overdue = !!row.dueDate && today > row.dueDate;
    const publicRecord = buildPublicRecord(draft, { filingNumber: number, filingDate: today });
    const [updated] = await tx
      .update(filings)
      .set({
        status: filingMachine.next(row.status, 'approve'),
        filingNumber: number,
        approvedAt: now,
        recordVersion: 1,
        version: row.version + 1,
        updatedAt: now,
      })
      .where(eq(filings.id, row.id))
      .returning();
    const approved = { ...(updated as FilingRow), publicRecord };
    await insertVersion(tx, ctx.cipher, {
      filingId: row.id,
      version: 1,
      draft,
      publicRecord,
      changeId: null,
      approvedBy: props.user.id,
      approvedAt: now,
    });
    await recordPublicEvent(tx, {
      type: 'filing.approved',
      filingId: row.id,
      filingNumber: number,
      at: now,
      record: publicRecord,
    });
    await tx.insert(reviewDecisions).values({
      filingId: row.id,
      reviewerId: props.user.id,
      kind: 'approve',
      dueDate: row.dueDate,
      overdue,
      createdAt: now,
    });
    await appendAudit(tx, {
      action: 'filing.approve',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { from: row.status, to: approved.status, filingNumber: number, overdue },
    });
    const attachments = await listAttachmentMeta(tx, row.id);
    await queuePartnerEvent(tx, ctx.cipher, {
      type: 'filing.approved',
      filingId: row.id,
      payload: {
        event: 'filing.approved',
        occurredAt: now.toISOString(),
        ...presentPartnerFiling(approved, draft, attachments),
      },
    });
    const name = draft.platform?.name ?? '';
    await tellApplicant(ctx, tx, approved, { kind: 'approved', message: notices.approved({ name, number }) });
    return approved;
  });
}
