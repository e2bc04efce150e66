/**
 * Article 9: what is done about a substantiated complaint (the state stays 属实; each measure is a timeline entry and
 * an audit entry, in the transaction of its effect):
 * - 约谈 interview: recorded; with `instructions`, the target filing's applicant is told when and where;
 * - 责令整改 rectify: the target filing's applicant is told what to fix (the instructions only: never who complained,
 *   nor the complaint's text);
 * - 撤销备案 revoke (admins): runs the revocation (commands/revokeFiling.ts) with the complaint's id;
 * - 移送公安机关 refer: the partner event `complaint.referred` to 公安部 through the outbox.
 */
import { eq } from 'drizzle-orm';
import { COMPLAINT_MEASURE_LABELS, type ComplaintMeasure } from '../../../shared/complaints/lifecycle.js';
import { notices } from '../../../shared/notices.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { complaintEvidence, complaints } from '../../db/schema.js';
import { conflict, said, unprocessable } from '../../lib/errors.js';
import { authorizeComplaint } from '../../policies/complaint.js';
import { tellApplicant } from '../../services/applicantNotices.js';
import { loadFiling } from '../../services/filingRecords.js';
import { queuePartnerEvent } from '../../services/outbox.js';
import type { SessionUser } from '../../services/sessions.js';
import { revokeFiling } from '../revokeFiling.js';
import { addEvent, type ComplaintRow, loadComplaint, openContact } from './records.js';

/** 公安部 (services/outbox.ts DEFAULT_PARTNERS). */
export const REFERRAL_PARTNER = 'mps';

export interface MeasureProps {
  user: SessionUser;
  complaintId: string;
  measure: ComplaintMeasure;
  note: string;
  instructions?: string | undefined;
}

export async function takeMeasure(ctx: AppContext, props: MeasureProps): Promise<ComplaintRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadComplaint(tx, props.complaintId, { forUpdate: true });
    authorizeComplaint(props.user, props.measure, row);
    const now = ctx.now();
    await MEASURES[props.measure](ctx, tx, row, props);
    const [updated] = await tx
      .update(complaints)
      .set({ version: row.version + 1, updatedAt: now })
      .where(eq(complaints.id, row.id))
      .returning();
    await addEvent(tx, {
      complaintId: row.id,
      at: now,
      action: props.measure,
      status: row.status,
      actorId: props.user.id,
      note: props.note,
      publicNote: `已采取处理措施：${COMPLAINT_MEASURE_LABELS[props.measure].zh}`,
      details: { instructions: props.instructions ?? null },
    });
    await appendAudit(tx, {
      action: 'complaint.measure',
      actorId: props.user.id,
      subjectType: 'complaint',
      subjectId: row.id,
      details: { measure: props.measure, filingId: row.targetFilingId },
    });
    return updated as ComplaintRow;
  });
}

type Measure = (ctx: AppContext, tx: Tx, row: ComplaintRow, props: MeasureProps) => Promise<void>;

async function targetFiling(tx: Tx, row: ComplaintRow, measure: ComplaintMeasure) {
  if (!row.targetFilingId) {
    throw conflict('no_target_filing', `被投诉平台没有备案，不能${COMPLAINT_MEASURE_LABELS[measure].zh}`);
  }
  return loadFiling(tx, row.targetFilingId, { forUpdate: true });
}

const MEASURES: Record<ComplaintMeasure, Measure> = {
  async interview(ctx, tx, row, props) {
    if (!row.targetFilingId || !props.instructions) return;
    const filing = await loadFiling(tx, row.targetFilingId);
    await tellApplicant(ctx, tx, filing, {
      kind: 'complaint_interview',
      message: notices.complaintInterview({
        name: filing.platformName ?? '',
        number: filing.filingNumber ?? '',
        instructions: props.instructions,
      }),
    });
  },

  async rectify(ctx, tx, row, props) {
    if (!props.instructions) {
      throw unprocessable('请写明整改要求', [said('instructions', 'api.instructions')]);
    }
    const filing = await targetFiling(tx, row, 'rectify');
    await tellApplicant(ctx, tx, filing, {
      kind: 'complaint_rectify',
      message: notices.complaintRectify({
        name: filing.platformName ?? '',
        number: filing.filingNumber ?? '',
        instructions: props.instructions,
        category: row.category,
      }),
    });
  },

  async revoke(ctx, tx, row, props) {
    const filing = await targetFiling(tx, row, 'revoke');
    await revokeFiling(ctx, { user: props.user, filingId: filing.id, reason: props.note, complaintId: row.id }, tx);
  },

  async refer(ctx, tx, row, props) {
    const evidence = await tx
      .select({
        fileName: complaintEvidence.fileName,
        mime: complaintEvidence.mime,
        size: complaintEvidence.size,
        sm3: complaintEvidence.sm3,
      })
      .from(complaintEvidence)
      .where(eq(complaintEvidence.complaintId, row.id));
    await queuePartnerEvent(tx, ctx.cipher, {
      type: 'complaint.referred',
      filingId: row.targetFilingId,
      onlyPartners: [REFERRAL_PARTNER],
      payload: {
        event: 'complaint.referred',
        occurredAt: ctx.now().toISOString(),
        note: props.note,
        filingNumber: row.targetFilingNumber,
        complaint: {
          id: row.id,
          channel: row.channel,
          category: row.category,
          receivedAt: row.receivedAt.toISOString(),
          target: { filingNumber: row.targetFilingNumber, name: row.targetName, url: row.targetUrl },
          description: row.description,
          // The agency investigating may need to reach the complainant; the payload is sealed in the outbox.
          contact: openContact(ctx.cipher, row),
          evidence,
        },
      },
    });
  },
};
