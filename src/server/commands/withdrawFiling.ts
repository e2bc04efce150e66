/** SPEC §3: the applicant withdraws a filing under review or awaiting correction (state machine: → withdrawn). */
import { eq } from 'drizzle-orm';
import { filingMachine } from '../../shared/filing/lifecycle.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filings } from '../db/schema.js';
import { authorizeFiling } from '../policies/filing.js';
import { loadFiling } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

export async function withdrawFiling(ctx: AppContext, props: { user: SessionUser; filingId: string }) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'withdraw', row);
    const to = filingMachine.next(row.status, 'withdraw');
    const [updated] = await tx
      .update(filings)
      .set({ status: to, version: row.version + 1, updatedAt: ctx.now() })
      .where(eq(filings.id, row.id))
      .returning();
    await appendAudit(tx, {
      action: 'filing.withdraw',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { from: row.status, to },
    });
    return updated as NonNullable<typeof updated>;
  });
}
