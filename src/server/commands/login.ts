import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { users } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { clearLockout, countAttempt, currentLock, lockedError, recordFailure } from '../services/lockout.js';
import { burnVerify, verifyPassword } from '../services/passwords.js';
import { createSession } from '../services/sessions.js';
import { matchTotp } from '../services/totp.js';

export { LOCK_MINUTES, MAX_FAILURES } from '../services/lockout.js';

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
  const locked = await currentLock(ctx.db, emailHash, now);
  if (locked) throw lockedError(locked);

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
        await recordFailure(tx, {
          emailHash,
          attempts: attempt.attempts,
          now,
          subjectId: user?.id ?? null,
          reason: failure,
        });
        return { ok: false as const, error: badCredentials() };
      }
      const u = usable as NonNullable<typeof usable>;
      await clearLockout(tx, emailHash);
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

/** Marks a TOTP step used for the account; false when it (or a later one) was already used: a replay. */
async function claimTotpStep(ctx: AppContext, userId: string, step: number): Promise<boolean> {
  const rows = await ctx.db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}
