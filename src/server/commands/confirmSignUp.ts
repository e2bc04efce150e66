/**
 * Step two of an applicant's sign-up: the token from the mailed link makes the account (commands/requestSignUp.ts).
 * A token is good once and for 24 hours; every pending sign-up of the same address ends with it.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { sm3Hex } from '../crypto/sm3.js';
import { signUpRequests, users } from '../db/schema.js';
import { AppError, said } from '../lib/errors.js';
import { insertAccount } from './registerUser.js';
import { signUpAad } from './requestSignUp.js';

export const invalidSignUpToken = () =>
  new AppError(400, 'invalid_token', '确认链接无效、已过期或已使用；如已确认，请直接登录', [
    said('token', 'api.confirmToken'),
  ]);

export async function confirmSignUp(ctx: AppContext, token: string) {
  return ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .delete(signUpRequests)
      .where(and(eq(signUpRequests.tokenHash, sm3Hex(token)), gt(signUpRequests.expiresAt, ctx.now())))
      .returning();
    if (!request) throw invalidSignUpToken();
    await tx.delete(signUpRequests).where(eq(signUpRequests.emailHash, request.emailHash));
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.emailHash, request.emailHash));
    if (taken) throw invalidSignUpToken();
    return insertAccount(ctx, tx, {
      email: ctx.cipher.openText(request.emailEnc, signUpAad(request.id)),
      passwordHash: request.passwordHash,
      displayName: request.displayName,
      roles: ['applicant'],
    });
  });
}
