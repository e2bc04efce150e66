/**
 * Article 9: verification. `startVerification` takes a received complaint into 核查中 (and to the handler, when it
 * had none); `verifyComplaint` records the finding, 属实 or 不属实, with the handler's note. Both audited; a step
 * the state machine does not allow is 409 and changes nothing.
 */
import { eq } from 'drizzle-orm';
import { COMPLAINT_STATUS_LABELS, complaintMachine } from '../../../shared/complaints/lifecycle.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import { complaints } from '../../db/schema.js';
import { authorizeComplaint } from '../../policies/complaint.js';
import type { SessionUser } from '../../services/sessions.js';
import { addEvent, type ComplaintRow, loadComplaint } from './records.js';

export interface StartProps {
  user: SessionUser;
  complaintId: string;
  note?: string | undefined;
}

export async function startVerification(ctx: AppContext, props: StartProps): Promise<ComplaintRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadComplaint(tx, props.complaintId, { forUpdate: true });
    authorizeComplaint(props.user, 'startVerification', row);
    const to = complaintMachine.next(row.status, 'startVerification');
    const now = ctx.now();
    const [updated] = await tx
      .update(complaints)
      .set({
        status: to,
        assignedHandlerId: row.assignedHandlerId ?? props.user.id,
        version: row.version + 1,
        updatedAt: now,
      })
      .where(eq(complaints.id, row.id))
      .returning();
    await addEvent(tx, {
      complaintId: row.id,
      at: now,
      action: 'startVerification',
      status: to,
      actorId: props.user.id,
      note: props.note ?? null,
      publicNote: null,
    });
    await appendAudit(tx, {
      action: 'complaint.transition',
      actorId: props.user.id,
      subjectType: 'complaint',
      subjectId: row.id,
      details: { action: 'startVerification', from: row.status, to },
    });
    return updated as ComplaintRow;
  });
}

export interface VerifyProps {
  user: SessionUser;
  complaintId: string;
  outcome: 'substantiated' | 'unsubstantiated';
  note: string;
}

export async function verifyComplaint(ctx: AppContext, props: VerifyProps): Promise<ComplaintRow> {
  const action = props.outcome === 'substantiated' ? 'substantiate' : 'reject';
  return ctx.db.transaction(async (tx) => {
    const row = await loadComplaint(tx, props.complaintId, { forUpdate: true });
    authorizeComplaint(props.user, action, row);
    const to = complaintMachine.next(row.status, action);
    const now = ctx.now();
    const [updated] = await tx
      .update(complaints)
      .set({ status: to, version: row.version + 1, updatedAt: now })
      .where(eq(complaints.id, row.id))
      .returning();
    await addEvent(tx, {
      complaintId: row.id,
      at: now,
      action,
      status: to,
      actorId: props.user.id,
      note: props.note,
      publicNote: `核查结论：${COMPLAINT_STATUS_LABELS[to].zh}`,
    });
    await appendAudit(tx, {
      action: 'complaint.transition',
      actorId: props.user.id,
      subjectType: 'complaint',
      subjectId: row.id,
      details: { action, from: row.status, to },
    });
    return updated as ComplaintRow;
  });
}
