import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { users } from '../db/schema.js';
import { conflict } from '../lib/errors.js';
import { hashPassword } from '../services/passwords.js';

export interface RegisterProps {
  email: string;
  password: string;
  displayName?: string | undefined;
  roles?: string[];
}

/**
 * Creates an account at once. Staff accounts come from the `vcp` tool this way; applicants sign up by email
 * confirmation instead (commands/requestSignUp.ts, confirmSignUp.ts), which ends in `insertAccount` too.
 */
export async function registerUser(ctx: AppContext, props: RegisterProps) {
  const passwordHash = await hashPassword(props.password);
  return ctx.db.transaction((tx) =>
    insertAccount(ctx, tx, {
      email: props.email,
      passwordHash,
      displayName: props.displayName ?? null,
      roles: props.roles ?? ['applicant'],
    }),
  );
}

/** The account row and its audit entry; 409 `email_taken` when the address has one (only operators see that). */
export async function insertAccount(
  ctx: AppContext,
  tx: Tx,
  props: { email: string; passwordHash: string; displayName: string | null; roles: string[] },
) {
  const emailHash = ctx.cipher.blindIndex(props.email);
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.emailHash, emailHash));
  if (taken) throw conflict('email_taken', '该邮箱已注册，请直接登录');
  const id = crypto.randomUUID();
  const [user] = await tx
    .insert(users)
    .values({
      id,
      emailHash,
      emailEnc: ctx.cipher.sealText(props.email, `user:${id}`),
      displayName: props.displayName,
      passwordHash: props.passwordHash,
      roles: props.roles,
    })
    .returning();
  await appendAudit(tx, {
    action: 'account.register',
    actorId: id,
    subjectType: 'account',
    subjectId: id,
    details: { roles: props.roles },
  });
  return user as NonNullable<typeof user>;
}
