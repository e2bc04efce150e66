/** Article 7: before the termination date the applicant may cancel a scheduled deregistration; its job is cancelled. */
import { eq } from 'drizzle-orm';
import { deregistrationMachine } from '../../shared/filing/lifecycle.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { deregistrations } from '../db/schema.js';
import { cancelJob } from '../jobs/scheduler.js';
import { AppError } from '../lib/errors.js';
import { authorizeCancelDeregistration, authorizeFiling } from '../policies/filing.js';
import { loadFiling } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';
import { type DeregistrationRow, scheduledDeregistration } from './deregisterFiling.js';

export async function cancelDeregistration(
  ctx: AppContext,
  props: { user: SessionUser; filingId: string },
): Promise<DeregistrationRow> {
  return ctx.db.transaction(async (tx) => {
    const filing = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'read', filing);
    const dereg = await scheduledDeregistration(tx, filing.id);
    if (!dereg) throw new AppError(409, 'invalid_state', '该备案没有预约中的注销');
    authorizeCancelDeregistration(props.user, filing, dereg);
    const [row] = await tx
      .update(deregistrations)
      .set({
        status: deregistrationMachine.next(dereg.status, 'cancel'),
        cancelledAt: ctx.now(),
        cancelReason: '申请人取消',
      })
      .where(eq(deregistrations.id, dereg.id))
      .returning();
    if (dereg.jobId) await cancelJob(tx, dereg.jobId);
    await appendAudit(tx, {
      action: 'filing.deregistration_cancelled',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: filing.id,
      details: { deregistrationId: dereg.id, reason: '申请人取消' },
    });
    return row as DeregistrationRow;
  });
}
