/**
 * 忘记密码, step two: the token of the mailed link (commands/requestPasswordReset.ts) sets a new password, once and
 * within the hour. Every session of the account ends, its sign-in lockout is cleared, the owner is told by mail. The
 * reset signs nobody in: a staff account still needs its one-time code (TOTP), which the reset leaves as it was.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { sm3Hex } from '../crypto/sm3.js';
import type { Tx } from '../db/client.js';
import { passwordResets, users } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { queuePasswordNotice } from '../services/accountMails.js';
import { clearLockout } from '../services/lockout.js';
import { hashPassword } from '../services/passwords.js';
import { endSessionsOf } from '../services/sessions.js';

export const invalidResetToken = () =>
  new AppError(400, 'invalid_token', '重置链接无效、已过期或已使用，请重新申请', [
    { field: 'token', message: '重置链接无效、已过期或已使用' },
  ]);

/** Spends the account's pending reset link, if any: a password set another way makes an older link useless. */
export async function spendResetLink(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

export async function resetPassword(
  ctx: AppContext,
  props: { token: string; password: string },
): Promise<{ totpRequired: boolean }> {
  const passwordHash = await hashPassword(props.password);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, sm3Hex(props.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!link) throw invalidResetToken();
    const [user] = await tx.select().from(users).where(eq(users.id, link.userId)).for('update');
    // Disabled after the mail was sent: the link stops working (and stays unspent, as the transaction rolls back).
    if (!user || user.disabled) throw invalidResetToken();
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const sessionsEnded = await endSessionsOf(tx, user.id);
    const lockCleared = await clearLockout(tx, user.emailHash);
    await appendAudit(tx, {
      action: 'account.password_reset',
      actorId: null,
      subjectType: 'account',
      subjectId: user.id,
      details: { sessionsEnded, lockCleared },
    });
    await queuePasswordNotice(ctx, tx, { userId: user.id, kind: 'reset' });
    return { totpRequired: user.totpSecretEnc !== null };
  });
}
