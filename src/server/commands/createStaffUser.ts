import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { users } from '../db/schema.js';
import { newTotpSecret, totpUri } from '../services/totp.js';
import { registerUser } from './registerUser.js';

export const STAFF_ROLE_NAMES = ['reviewer', 'admin', 'complaints'] as const;
export type StaffRole = (typeof STAFF_ROLE_NAMES)[number];

export interface StaffProps {
  email: string;
  password: string;
  roles: StaffRole[];
  displayName?: string | undefined;
}

/** A staff account always carries a second factor: the TOTP secret is made here and shown once for enrolment. */
export async function createStaffUser(ctx: AppContext, props: StaffProps) {
  const user = await registerUser(ctx, {
    email: props.email,
    password: props.password,
    displayName: props.displayName,
    roles: props.roles,
  });
  const secret = newTotpSecret();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretEnc: ctx.cipher.sealText(secret, `totp:${user.id}`) })
      .where(eq(users.id, user.id));
    await appendAudit(tx, {
      action: 'account.staff_created',
      actorId: null,
      subjectType: 'account',
      subjectId: user.id,
      details: { roles: props.roles },
    });
  });
  return { user, secret, uri: totpUri(secret, props.email) };
}
