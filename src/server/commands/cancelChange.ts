/**
 * Article 6 / 7: the applicant abandons an open change; deregistration and revocation cancel it (SPEC §8: "a pending
 * change is cancelled by deregistration"). The valid record is untouched either way.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { changeMachine, OPEN_CHANGE_STATUSES } from '../../shared/filing/lifecycle.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { filingChanges } from '../db/schema.js';
import { authorizeChange } from '../policies/change.js';
import { type ChangeRow, loadChange, loadFiling } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

async function cancel(ctx: AppContext, tx: Tx, change: ChangeRow, reason: string, actorId: string | null) {
  const to = changeMachine.next(change.status, 'cancel');
  const now = ctx.now();
  const [updated] = await tx
    .update(filingChanges)
    .set({ status: to, cancelledAt: now, cancelReason: reason, revision: change.revision + 1, updatedAt: now })
    .where(eq(filingChanges.id, change.id))
    .returning();
  await appendAudit(tx, {
    action: 'change.cancel',
    actorId,
    subjectType: 'change',
    subjectId: change.id,
    details: { filingId: change.filingId, from: change.status, to, reason },
  });
  return updated as ChangeRow;
}

export async function cancelChange(ctx: AppContext, props: { user: SessionUser; changeId: string }) {
  return ctx.db.transaction(async (tx) => {
    const first = await loadChange(tx, props.changeId);
    const filing = await loadFiling(tx, first.filingId, { forUpdate: true });
    const change = await loadChange(tx, props.changeId, { forUpdate: true });
    authorizeChange(props.user, 'cancel', filing, change);
    return cancel(ctx, tx, change, '申请人取消', props.user.id);
  });
}

/** Cancels the filing's open change, if any, as the system (the filing row must be locked by the caller). */
export async function cancelOpenChange(
  ctx: AppContext,
  tx: Tx,
  filingId: string,
  reason: string,
  actorId: string | null,
): Promise<ChangeRow | null> {
  const [open] = await tx
    .select()
    .from(filingChanges)
    .where(and(eq(filingChanges.filingId, filingId), inArray(filingChanges.status, [...OPEN_CHANGE_STATUSES])))
    .for('update');
  if (!open) return null;
  if (!changeMachine.can(open.status, 'cancel', ['system'])) return null;
  return cancel(ctx, tx, open, reason, actorId);
}
