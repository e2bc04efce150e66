/**
 * An admin gives a staff account a new first password (a forgotten one, SPEC §1 admin), made and shown once as at
 * creation (createStaffAccount.ts); the second factor stays. The account's sessions end, its sign-in lockout is
 * cleared, a pending reset link is spent, and an active account's owner is told by mail. The admins' rows are locked
 * first as for every staff change (updateStaffAccount.ts). An admin's own password is changed on the account page,
 * with the current one (409 `own_account` here): this way no admin resets themselves out of a session by accident.
 */
import { eq } from 'drizzle-orm';
import type { StaffPasswordReset } from '../../../shared/api/adminStaff.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import { conflict } from '../../lib/errors.js';
import { queuePasswordNotice } from '../../services/accountMails.js';
import { clearLockout } from '../../services/lockout.js';
import { hashPassword } from '../../services/passwords.js';
import { endSessionsOf, type SessionUser } from '../../services/sessions.js';
import { staffAccount } from '../../services/staffAccounts.js';
import { spendResetLink } from '../resetPassword.js';
import { newInitialPassword } from './createStaffAccount.js';
import { lockStaffForChange } from './updateStaffAccount.js';

export async function resetStaffPassword(
  ctx: AppContext,
  props: { actor: SessionUser; id: string },
): Promise<StaffPasswordReset> {
  if (props.id === props.actor.id) {
    throw conflict('own_account', '不能在这里重置自己的密码，请在“账号”页修改密码');
  }
  const initialPassword = newInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  await ctx.db.transaction(async (tx) => {
    const { row } = await lockStaffForChange(tx, props.id);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.id));
    const sessionsEnded = await endSessionsOf(tx, row.id);
    await spendResetLink(tx, row.id, ctx.now());
    const lockCleared = await clearLockout(tx, row.emailHash);
    await appendAudit(tx, {
      action: 'account.password_reset_by_admin',
      actorId: props.actor.id,
      subjectType: 'account',
      subjectId: row.id,
      details: { sessionsEnded, lockCleared },
    });
    if (!row.disabled) await queuePasswordNotice(ctx, tx, { userId: row.id, kind: 'reset_by_admin' });
  });
  const account = await staffAccount(ctx, props.id, props.actor.id);
  if (!account) throw new Error('the account just reset is missing');
  return { account, initialPassword };
}
