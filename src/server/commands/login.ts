import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { loginThrottle, users } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { burnVerify, verifyPassword } from '../services/passwords.js';
import { createSession } from '../services/sessions.js';
import { verifyTotp } from '../services/totp.js';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export interface LoginProps {
  email: string;
  password: string;
  totp?: string | undefined;
}

const badCredentials = () => new AppError(401, 'invalid_credentials', '邮箱或密码错误');

/**
 * Checks the password (and the TOTP of staff accounts), counting failures per email so that a fifth failure
 * locks the address for a while, whether or not an account exists for it.
 */
export async function login(ctx: AppContext, props: LoginProps) {
  const now = ctx.now();
  const emailHash = ctx.cipher.blindIndex(props.email);
  const [throttle] = await ctx.db.select().from(loginThrottle).where(eq(loginThrottle.emailHash, emailHash));
  if (throttle?.lockedUntil && throttle.lockedUntil > now) throw lockedError(throttle.lockedUntil);

  const [user] = await ctx.db.select().from(users).where(eq(users.emailHash, emailHash));
  let failure: 'bad_credentials' | 'bad_totp' | null = null;
  if (!user || user.disabled) {
    await burnVerify(props.password);
    failure = 'bad_credentials';
  } else if (!(await verifyPassword(user.passwordHash, props.password))) {
    failure = 'bad_credentials';
  } else if (user.totpSecretEnc) {
    const secret = ctx.cipher.openText(user.totpSecretEnc, `totp:${user.id}`);
    if (!props.totp) throw new AppError(401, 'totp_required', '请输入动态口令');
    if (!verifyTotp(secret, props.totp, now)) failure = 'bad_totp';
  }

  return ctx.db
    .transaction(async (tx) => {
      if (failure) {
        const failures = (throttle?.failures ?? 0) + 1;
        const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
        await tx
          .insert(loginThrottle)
          .values({ emailHash, failures: lockedUntil ? 0 : failures, lockedUntil, updatedAt: now })
          .onConflictDoUpdate({
            target: loginThrottle.emailHash,
            set: { failures: lockedUntil ? 0 : failures, lockedUntil, updatedAt: now },
          });
        const subjectId = user?.id ?? null;
        await appendAudit(tx, {
          action: 'account.login_failed',
          actorId: null,
          subjectType: 'account',
          subjectId,
          details: { reason: failure },
        });
        if (lockedUntil) {
          await appendAudit(tx, {
            action: 'account.locked',
            actorId: null,
            subjectType: 'account',
            subjectId,
            details: { until: lockedUntil.toISOString() },
          });
        }
        return {
          ok: false as const,
          error: failure === 'bad_totp' ? new AppError(401, 'invalid_totp', '动态口令不正确') : badCredentials(),
        };
      }
      const u = user as NonNullable<typeof user>;
      if (throttle) await tx.delete(loginThrottle).where(eq(loginThrottle.emailHash, emailHash));
      const session = await createSession(tx, u.id, now);
      await appendAudit(tx, {
        action: 'account.login',
        actorId: u.id,
        subjectType: 'account',
        subjectId: u.id,
        details: {},
      });
      return { ok: true as const, user: u, session };
    })
    .then((r) => {
      // The failure is recorded in a committed transaction before the error goes out.
      if (!r.ok) throw r.error;
      return r;
    });
}

function lockedError(until: Date): AppError {
  const hhmm = new Date(until.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return new AppError(423, 'account_locked', `登录失败次数过多，该账号已锁定，请于 ${hhmm} 后再试`);
}
