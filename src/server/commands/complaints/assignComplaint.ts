/** Article 9: a complaint is given to a handler (or taken by one), in any state before closing. Audited. */
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import { complaints, users } from '../../db/schema.js';
import { badRequest, said } from '../../lib/errors.js';
import { authorizeComplaint, isComplaintHandler } from '../../policies/complaint.js';
import type { SessionUser } from '../../services/sessions.js';
import { addEvent, type ComplaintRow, loadComplaint } from './records.js';

export interface AssignProps {
  user: SessionUser;
  complaintId: string;
  handlerId: string;
}

export async function assignComplaint(ctx: AppContext, props: AssignProps): Promise<ComplaintRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadComplaint(tx, props.complaintId, { forUpdate: true });
    authorizeComplaint(props.user, 'assign', row);
    const [handler] = await tx
      .select({ id: users.id, roles: users.roles, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, props.handlerId));
    if (!handler || handler.disabled || !isComplaintHandler(handler)) {
      throw badRequest('handlerId：该用户不是投诉处理人员', [said('handlerId', 'api.notHandler')]);
    }
    const now = ctx.now();
    const [updated] = await tx
      .update(complaints)
      .set({ assignedHandlerId: handler.id, version: row.version + 1, updatedAt: now })
      .where(eq(complaints.id, row.id))
      .returning();
    await addEvent(tx, {
      complaintId: row.id,
      at: now,
      action: 'assign',
      status: row.status,
      actorId: props.user.id,
      details: { handlerId: handler.id },
    });
    await appendAudit(tx, {
      action: 'complaint.assign',
      actorId: props.user.id,
      subjectType: 'complaint',
      subjectId: row.id,
      details: { handlerId: handler.id, previous: row.assignedHandlerId },
    });
    return updated as ComplaintRow;
  });
}
