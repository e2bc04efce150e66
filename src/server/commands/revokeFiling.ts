/**
 * SPEC §8 (revocation, typically after a verified complaint under Article 9): an admin revokes an approved filing with
 * a reason. Public status 已撤销 (the filing stays in the registry), partners get `filing.revoked`, the applicant is
 * told; an open change and a scheduled deregistration are cancelled. The number is never reissued.
 */
import { eq } from 'drizzle-orm';
import { deregistrationMachine, filingMachine } from '../../shared/filing/lifecycle.js';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import { notices } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { deregistrations, filings } from '../db/schema.js';
import { cancelJob } from '../jobs/scheduler.js';
import { authorizeReview } from '../policies/review.js';
import { presentPartnerFiling } from '../presenters/partnerFiling.js';
import { tellApplicant } from '../services/applicantNotices.js';
import { type FilingRow, listAttachmentMeta, loadFiling, openDraft } from '../services/filingRecords.js';
import { queuePartnerEvent } from '../services/outbox.js';
import { recordPublicEvent } from '../services/publicEvents.js';
import type { SessionUser } from '../services/sessions.js';
import { cancelOpenChange } from './cancelChange.js';
import { scheduledDeregistration } from './deregisterFiling.js';

export interface RevokeProps {
  user: SessionUser;
  filingId: string;
  reason: string;
  /** The verified complaint behind it (commands/complaints/takeMeasure.ts). */
  complaintId?: string | undefined;
}

/** Runs in its own transaction, or in `outer` (a complaint's measure, which records itself in the same one). */
export async function revokeFiling(ctx: AppContext, props: RevokeProps, outer?: Tx): Promise<FilingRow> {
  const run = async (tx: Tx) => {
    const filing = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeReview(props.user, 'revoke', filing);
    const now = ctx.now();
    const to = filingMachine.next(filing.status, 'revoke');
    const record = { ...(filing.publicRecord as PublicRecord), status: 'revoked' as const };
    const [updated] = await tx
      .update(filings)
      .set({
        status: to,
        revokedAt: now,
        revokedBy: props.user.id,
        revocationReason: props.reason,
        revocationComplaintId: props.complaintId ?? null,
        version: filing.version + 1,
        updatedAt: now,
      })
      .where(eq(filings.id, filing.id))
      .returning();
    const row = { ...(updated as FilingRow), publicRecord: record };
    await recordPublicEvent(tx, {
      type: 'filing.revoked',
      filingId: filing.id,
      filingNumber: filing.filingNumber ?? '',
      at: now,
      record,
    });
    await cancelOpenChange(ctx, tx, filing.id, '备案已撤销', props.user.id);
    const dereg = await scheduledDeregistration(tx, filing.id);
    if (dereg) {
      await tx
        .update(deregistrations)
        .set({
          status: deregistrationMachine.next(dereg.status, 'cancel'),
          cancelledAt: now,
          cancelReason: '备案已撤销',
        })
        .where(eq(deregistrations.id, dereg.id));
      if (dereg.jobId) await cancelJob(tx, dereg.jobId);
    }
    await appendAudit(tx, {
      action: 'filing.revoke',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: filing.id,
      details: { from: filing.status, to, reason: props.reason, complaintId: props.complaintId ?? null },
    });
    const draft = openDraft(ctx.cipher, filing);
    await queuePartnerEvent(tx, ctx.cipher, {
      type: 'filing.revoked',
      filingId: filing.id,
      payload: {
        event: 'filing.revoked',
        occurredAt: now.toISOString(),
        reason: props.reason,
        complaintId: props.complaintId ?? null,
        ...presentPartnerFiling(row, draft, await listAttachmentMeta(tx, filing.id)),
      },
    });
    await tellApplicant(ctx, tx, filing, {
      kind: 'revoked',
      message: notices.revoked({
        name: draft.platform?.name ?? '',
        number: filing.filingNumber ?? '',
        reason: props.reason,
      }),
    });
    return row;
  };
  return outer ? run(outer) : ctx.db.transaction(run);
}
