/**
 * The proof-of-work challenge of the public complaint form (SPEC §5, §9: ALTCHA, no outside service). Protocol v1 of
 * `altcha-lib` (`altcha-lib/v1`), which the `altcha` 2.x widget speaks: the challenge is the hex SHA-256 of
 * `salt + number`, signed with HMAC-SHA-256; the widget posts base64 of `{ algorithm, challenge, number, salt,
 * signature }`. The salt carries `?expires=` (judged by our clock, so tests can move it). A solved challenge is
 * accepted once: its hash is inserted into `altcha_spent` in the transaction of the complaint, on any instance.
 */
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import { lt } from 'drizzle-orm';
import type { AltchaChallenge } from '../../shared/api/complaints.js';
import { issue } from '../../shared/validation/issues.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/client.js';
import { altchaSpent } from '../db/schema.js';
import { AppError } from '../lib/errors.js';

/** How long a challenge may be solved and posted. */
export const ALTCHA_TTL_MS = 20 * 60_000;

/** The HMAC key, derived from the index key: the same on every instance that shares the keys, never stored. */
const hmacKey = (ctx: AppContext) => ctx.cipher.blindIndex('altcha:hmac-key:v1');

export async function newChallenge(ctx: AppContext): Promise<AltchaChallenge> {
  const maxNumber = await ctx.settings.get('complaints.altchaMaxNumber');
  const c = await createChallenge({
    hmacKey: hmacKey(ctx),
    maxNumber,
    algorithm: 'SHA-256',
    expires: new Date(ctx.now().getTime() + ALTCHA_TTL_MS),
  });
  return {
    algorithm: 'SHA-256',
    challenge: c.challenge,
    maxnumber: c.maxnumber ?? maxNumber,
    salt: c.salt,
    signature: c.signature,
  };
}

const altchaError = (code: string, message: string) =>
  new AppError(400, code, `altcha：${message}`, [
    { field: 'altcha', message, ...issue('api.altchaFailed', { reason: message }) },
  ]);

interface Solved {
  challenge: string;
  expiresAt: Date;
}

/** Checks a posted solution (signature, hash, expiry); 400 naming `altcha` otherwise. Does not spend it. */
export async function checkSolution(ctx: AppContext, encoded: string): Promise<Solved> {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw altchaError('altcha_invalid', '人机验证数据无效，请重新验证');
  }
  const p = payload as Record<string, unknown>;
  const shapeOk =
    p !== null &&
    typeof p === 'object' &&
    p.algorithm === 'SHA-256' &&
    typeof p.challenge === 'string' &&
    typeof p.salt === 'string' &&
    typeof p.signature === 'string' &&
    typeof p.number === 'number';
  if (!shapeOk) throw altchaError('altcha_invalid', '人机验证数据无效，请重新验证');
  const solution = p as { algorithm: 'SHA-256'; challenge: string; salt: string; signature: string; number: number };
  if (!(await verifySolution(solution, hmacKey(ctx), false))) {
    throw altchaError('altcha_invalid', '人机验证未通过，请重新验证');
  }
  const expires = Number(extractParams(solution).expires);
  if (!Number.isFinite(expires)) throw altchaError('altcha_invalid', '人机验证数据无效，请重新验证');
  const expiresAt = new Date(expires * 1000);
  if (expiresAt.getTime() < ctx.now().getTime()) throw altchaError('altcha_expired', '人机验证已过期，请重新验证');
  return { challenge: solution.challenge, expiresAt };
}

/** Spends a checked solution inside the caller's transaction; a second use answers 400 `altcha_replayed`. */
export async function spendSolution(ctx: AppContext, db: Executor, solved: Solved): Promise<void> {
  const inserted = await db
    .insert(altchaSpent)
    .values({ challenge: solved.challenge, expiresAt: solved.expiresAt, spentAt: ctx.now() })
    .onConflictDoNothing()
    .returning({ challenge: altchaSpent.challenge });
  if (inserted.length === 0) throw altchaError('altcha_replayed', '该人机验证已使用过，请重新验证');
  // Spent challenges past their expiry can never be posted again: forget them.
  await db.delete(altchaSpent).where(lt(altchaSpent.expiresAt, new Date(ctx.now().getTime() - 86_400_000)));
}
