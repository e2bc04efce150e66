import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { loginThrottle, users } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { burnVerify, verifyPassword } from '../services/passwords.js';
import { createSession } from '../services/sessions.js';
import { matchTotp } from '../services/totp.js';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export interface LoginProps {
  email: string;
  password: string;
  totp?: string | undefined;
}

const badCredentials = () => new AppError(401, 'invalid_credentials', '邮箱或密码错误');

/**
 * Checks the password (and the TOTP of staff accounts), counting attempts per email so that a fifth failure
 * locks the address for a while, whether or not an account exists for it.
 *
 * The attempt is counted atomically before the password is looked at (one UPDATE … RETURNING on the throttle row),
 * so however many arrive at once, at most MAX_FAILURES are ever evaluated before the lock; a success clears the
 * count. A staff account without a code answers `totp_required` before its password is checked, and a wrong
 * password or a wrong code then answer alike: the password cannot be confirmed without the second factor.
 */
export async function login(ctx: AppContext, props: LoginProps) {
  const now = ctx.now();
  const emailHash = ctx.cipher.blindIndex(props.email);
  const [throttle] = await ctx.db.select().from(loginThrottle).where(eq(loginThrottle.emailHash, emailHash));
  if (throttle?.lockedUntil && throttle.lockedUntil > now) throw lockedError(throttle.lockedUntil);

  const [user] = await ctx.db.select().from(users).where(eq(users.emailHash, emailHash));
  const usable = user && !user.disabled ? user : undefined;
  if (usable?.totpSecretEnc && !props.totp) throw new AppError(401, 'totp_required', '请输入动态口令');

  const attempt = await countAttempt(ctx, emailHash, now);
  if (attempt.lockedUntil) throw lockedError(attempt.lockedUntil);

  let failure: 'bad_credentials' | 'bad_totp' | null = null;
  if (!usable) {
    await burnVerify(props.password);
    failure = 'bad_credentials';
  } else if (!(await verifyPassword(usable.passwordHash, props.password))) {
    failure = 'bad_credentials';
  } else if (usable.totpSecretEnc) {
    const secret = ctx.cipher.openText(usable.totpSecretEnc, `totp:${usable.id}`);
    const step = matchTotp(secret, props.totp ?? '', now);
    if (step === null || !(await claimTotpStep(ctx, usable.id, step))) failure = 'bad_totp';
  }

  return ctx.db
    .transaction(async (tx) => {
      if (failure) {
        const lockedUntil = attempt.attempts >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
        if (lockedUntil) {
          await tx
            .update(loginThrottle)
            .set({ failures: 0, lockedUntil, updatedAt: now })
            .where(eq(loginThrottle.emailHash, emailHash));
        }
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
        return { ok: false as const, error: badCredentials() };
      }
      const u = usable as NonNullable<typeof usable>;
      await tx.delete(loginThrottle).where(eq(loginThrottle.emailHash, emailHash));
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

/**
 * Counts one attempt for the address in one statement and answers its number since the last success (or the end
 * of the last lock). Attempts past MAX_FAILURES lock the address at once, without being evaluated.
 */
async function countAttempt(ctx: AppContext, emailHash: string, now: Date) {
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  const expired = sql`(${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= ${now})`;
  const next = sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`;
  const [row] = await ctx.db
    .insert(loginThrottle)
    .values({ emailHash, failures: 1, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.emailHash,
      set: {
        lockedUntil: sql`case when ${expired} then null
          when ${loginThrottle.lockedUntil} is not null then ${loginThrottle.lockedUntil}
          when ${next} > ${MAX_FAILURES} then ${lockUntil}::timestamptz else null end`,
        failures: next,
        updatedAt: now,
      },
    })
    .returning({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil });
  const attempts = row?.failures ?? 1;
  return { attempts, lockedUntil: row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null };
}

/** Marks a TOTP step used for the account; false when it (or a later one) was already used: a replay. */
async function claimTotpStep(ctx: AppContext, userId: string, step: number): Promise<boolean> {
  const rows = await ctx.db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

function lockedError(until: Date): AppError {
  const hhmm = new Date(until.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return new AppError(423, 'account_locked', `登录失败次数过多，该账号已锁定，请于 ${hhmm} 后再试`);
}
