/**
 * SPEC §7, §9: a handler sees the complainant's contact unmasked only by asking with a reason, which is audited
 * (and noted in the complaint's internal timeline).
 */
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import { requireComplaintHandler } from '../../policies/complaint.js';
import type { SessionUser } from '../../services/sessions.js';
import { addEvent, type ComplaintContact, loadComplaint, openContact } from './records.js';

export async function revealContact(
  ctx: AppContext,
  props: { user: SessionUser; complaintId: string; reason: string },
): Promise<ComplaintContact | null> {
  requireComplaintHandler(props.user);
  return ctx.db.transaction(async (tx) => {
    const row = await loadComplaint(tx, props.complaintId);
    await addEvent(tx, {
      complaintId: row.id,
      at: ctx.now(),
      action: 'reveal',
      status: row.status,
      actorId: props.user.id,
      note: props.reason,
    });
    await appendAudit(tx, {
      action: 'complaint.reveal',
      actorId: props.user.id,
      subjectType: 'complaint',
      subjectId: row.id,
      details: { reason: props.reason },
    });
    return openContact(ctx.cipher, row);
  });
}
