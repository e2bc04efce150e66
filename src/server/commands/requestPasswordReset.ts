/**
 * 忘记密码, step one: the answer is the same whether or not the address has an account (as sign-up's, issue 9), so
 * the form tells nobody which addresses are registered. An active account gets a mail with a link good once and for
 * one hour (commands/resetPassword.ts); an unknown or disabled address gets nothing. At most one such mail per
 * address in 15 minutes, counted in the database (one upsert on `password_resets`), so several instances on one
 * PostgreSQL share the limit and requests sent at once make one mail.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { sm3Hex } from '../crypto/sm3.js';
import { passwordResets, users } from '../db/schema.js';
import { queueResetLinkMail } from '../services/accountMails.js';

/** How long a reset link stays good. */
export const RESET_TTL_MS = 60 * 60 * 1000;
/** The least time between two reset mails to one address. */
export const RESET_MAIL_INTERVAL_MS = 15 * 60 * 1000;

export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  const emailHash = ctx.cipher.blindIndex(email);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, disabled: users.disabled, totp: users.totpSecretEnc })
      .from(users)
      .where(eq(users.emailHash, emailHash))
      .limit(1);
    if (!user || user.disabled) return;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    const mayMailAgain = new Date(now.getTime() - RESET_MAIL_INTERVAL_MS);
    // A new link replaces the last one (which stops working) only once the last mail is 15 minutes old.
    const [made] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: sm3Hex(token), createdAt: now, expiresAt, usedAt: null })
      .onConflictDoUpdate({
        target: passwordResets.userId,
        set: { tokenHash: sm3Hex(token), createdAt: now, expiresAt, usedAt: null },
        setWhere: sql`${passwordResets.createdAt} <= ${mayMailAgain}`,
      })
      .returning({ userId: passwordResets.userId });
    if (!made) return;
    await queueResetLinkMail(ctx, tx, { userId: user.id, token, staff: user.totp !== null });
    await appendAudit(tx, {
      action: 'account.password_reset_requested',
      actorId: null,
      subjectType: 'account',
      subjectId: user.id,
      details: { expiresAt: expiresAt.toISOString() },
    });
  });
}
