/**
 * An admin gives a staff account a new TOTP secret (a lost or replaced phone; SPEC §7). The old codes stop working
 * at once, the account's sessions end, and the new enrolment QR is shown once.
 */
import { eq } from 'drizzle-orm';
import type { TotpReset } from '../../../shared/api/adminStaff.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import type { SessionUser } from '../../services/sessions.js';
import { enrolmentOf, staffAccount } from '../../services/staffAccounts.js';
import { newTotpSecret } from '../../services/totp.js';
import { endSessions, lockStaffForChange } from './updateStaffAccount.js';

export async function resetStaffTotp(ctx: AppContext, props: { actor: SessionUser; id: string }): Promise<TotpReset> {
  const secret = newTotpSecret();
  const email = await ctx.db.transaction(async (tx) => {
    const { row } = await lockStaffForChange(tx, props.id);
    await tx
      .update(users)
      .set({ totpSecretEnc: ctx.cipher.sealText(secret, `totp:${row.id}`), totpLastStep: null })
      .where(eq(users.id, row.id));
    const sessionsEnded = await endSessions(tx, row.id);
    await appendAudit(tx, {
      action: 'account.totp_reset',
      actorId: props.actor.id,
      subjectType: 'account',
      subjectId: row.id,
      details: { sessionsEnded },
    });
    return ctx.cipher.openText(row.emailEnc, `user:${row.id}`);
  });
  const account = await staffAccount(ctx, props.id, props.actor.id);
  if (!account) throw new Error('the account just reset is missing');
  return { account, enrolment: await enrolmentOf(secret, email) };
}
