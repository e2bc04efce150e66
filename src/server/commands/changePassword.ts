/**
 * 修改密码: a signed-in applicant or staff member changes their own password (SPEC §7). The current password is
 * asked for and counted like a sign-in attempt (services/lockout.ts): five wrong ones lock the address as five
 * failed sign-ins would. The new one follows the sign-up rule and the leaked-password list (routes/auth/schema.ts).
 * The account's other sessions end, this one stays; a pending reset link is spent; the owner is told by mail.
 */
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { users } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { queuePasswordNotice } from '../services/accountMails.js';
import { clearLockout, countAttempt, currentLock, lockedError, recordFailure } from '../services/lockout.js';
import { hashPassword, verifyPassword } from '../services/passwords.js';
import { endSessionsOf, type SessionUser } from '../services/sessions.js';
import { spendResetLink } from './resetPassword.js';

export interface ChangePasswordProps {
  actor: SessionUser;
  currentPassword: string;
  newPassword: string;
}

const wrongPassword = () =>
  new AppError(400, 'wrong_password', 'currentPassword：当前密码不正确', [
    { field: 'currentPassword', message: '当前密码不正确' },
  ]);

export async function changePassword(ctx: AppContext, props: ChangePasswordProps): Promise<{ sessionsEnded: number }> {
  const now = ctx.now();
  const [row] = await ctx.db.select().from(users).where(eq(users.id, props.actor.id));
  if (!row) throw new Error('the signed-in account is missing');
  const locked = await currentLock(ctx.db, row.emailHash, now);
  if (locked) throw lockedError(locked);

  const attempt = await countAttempt(ctx, row.emailHash, now);
  if (attempt.lockedUntil) throw lockedError(attempt.lockedUntil);
  if (!(await verifyPassword(row.passwordHash, props.currentPassword))) {
    await ctx.db.transaction((tx) =>
      recordFailure(tx, {
        emailHash: row.emailHash,
        attempts: attempt.attempts,
        now,
        subjectId: row.id,
        reason: 'bad_credentials',
        via: 'password_change',
      }),
    );
    throw wrongPassword();
  }
  if (props.newPassword === props.currentPassword) {
    await clearLockout(ctx.db, row.emailHash);
    throw new AppError(400, 'same_password', 'newPassword：新密码不能与当前密码相同', [
      { field: 'newPassword', message: '新密码不能与当前密码相同' },
    ]);
  }

  const passwordHash = await hashPassword(props.newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.id));
    const sessionsEnded = await endSessionsOf(tx, row.id, props.actor.sessionId);
    await spendResetLink(tx, row.id, now);
    await clearLockout(tx, row.emailHash);
    await appendAudit(tx, {
      action: 'account.password_changed',
      actorId: row.id,
      subjectType: 'account',
      subjectId: row.id,
      details: { sessionsEnded },
    });
    await queuePasswordNotice(ctx, tx, { userId: row.id, kind: 'changed' });
    return { sessionsEnded };
  });
}
