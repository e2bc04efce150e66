/**
 * The sign-in lockout (SPEC §7 "rate-limited login"): attempts are counted per email blind index, so that a fifth
 * failure locks the address for a while whether or not an account exists for it. Sign-in (commands/login.ts) and a
 * wrong current password when changing it (commands/changePassword.ts) count alike; a reset of the password by the
 * mailed link or by an admin clears the count.
 */
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import type { Executor, Tx } from '../db/client.js';
import { loginThrottle } from '../db/schema.js';
import { AppError } from '../lib/errors.js';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export function lockedError(until: Date): AppError {
  const hhmm = new Date(until.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return new AppError(423, 'account_locked', `登录失败次数过多，该账号已锁定，请于 ${hhmm} 后再试`);
}

/** The end of the address's lock, when it is locked now. */
export async function currentLock(db: Executor, emailHash: string, now: Date): Promise<Date | null> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.emailHash, emailHash));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/**
 * Counts one attempt for the address in one statement and answers its number since the last success (or the end
 * of the last lock). Attempts past MAX_FAILURES lock the address at once, without being evaluated.
 */
export async function countAttempt(ctx: AppContext, emailHash: string, now: Date) {
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

/**
 * Records a failed attempt that was counted (`attempts`): the fifth locks the address, and both are audited
 * (`account.login_failed`, `account.locked`). Runs in the caller's transaction, committed before the error goes out.
 */
export async function recordFailure(
  tx: Tx,
  props: {
    emailHash: string;
    attempts: number;
    now: Date;
    subjectId: string | null;
    reason: 'bad_credentials' | 'bad_totp';
    via?: 'password_change';
  },
): Promise<void> {
  const { now } = props;
  const lockedUntil = props.attempts >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
  if (lockedUntil) {
    await tx
      .update(loginThrottle)
      .set({ failures: 0, lockedUntil, updatedAt: now })
      .where(eq(loginThrottle.emailHash, props.emailHash));
  }
  await appendAudit(tx, {
    action: 'account.login_failed',
    actorId: null,
    subjectType: 'account',
    subjectId: props.subjectId,
    details: { reason: props.reason, ...(props.via ? { via: props.via } : {}) },
  });
  if (lockedUntil) {
    await appendAudit(tx, {
      action: 'account.locked',
      actorId: null,
      subjectType: 'account',
      subjectId: props.subjectId,
      details: { until: lockedUntil.toISOString() },
    });
  }
}

/** Ends the count and any lock of the address; true when there was one. */
export async function clearLockout(db: Executor, emailHash: string): Promise<boolean> {
  const rows = await db
    .delete(loginThrottle)
    .where(eq(loginThrottle.emailHash, emailHash))
    .returning({ emailHash: loginThrottle.emailHash });
  return rows.length > 0;
}
