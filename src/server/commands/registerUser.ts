import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { users } from '../db/schema.js';
import { conflict } from '../lib/errors.js';
import { hashPassword } from '../services/passwords.js';

export interface RegisterProps {
  email: string;
  password: string;
  displayName?: string | undefined;
  roles?: string[];
}

/** Creates an account. Applicants register themselves; staff accounts come from the `vcp` tool with more roles. */
export async function registerUser(ctx: AppContext, props: RegisterProps) {
  const emailHash = ctx.cipher.blindIndex(props.email);
  const passwordHash = await hashPassword(props.password);
  const roles = props.roles ?? ['applicant'];
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.emailHash, emailHash));
    if (taken) throw conflict('email_taken', '该邮箱已注册，请直接登录');
    const id = crypto.randomUUID();
    const [user] = await tx
      .insert(users)
      .values({
        id,
        emailHash,
        emailEnc: ctx.cipher.sealText(props.email, `user:${id}`),
        displayName: props.displayName ?? null,
        passwordHash,
        roles,
      })
      .returning();
    await appendAudit(tx, {
      action: 'account.register',
      actorId: id,
      subjectType: 'account',
      subjectId: id,
      details: { roles },
    });
    return user as NonNullable<typeof user>;
  });
}
