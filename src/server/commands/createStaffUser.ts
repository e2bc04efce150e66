import { eq } from 'drizzle-orm';
import type { StaffRoleName } from '../../shared/api/adminStaff.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { users } from '../db/schema.js';
import { newTotpSecret, totpUri } from '../services/totp.js';
import { registerUser } from './registerUser.js';

export { STAFF_ROLES as STAFF_ROLE_NAMES, type StaffRoleName as StaffRole } from '../../shared/api/adminStaff.js';

export interface StaffProps {
  email: string;
  password: string;
  roles: StaffRoleName[];
  displayName?: string | undefined;
  /** The admin who created it from the console; null from the `vcp` tool. */
  actorId?: string | null;
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
      actorId: props.actorId ?? null,
      subjectType: 'account',
      subjectId: user.id,
      details: { roles: props.roles },
    });
  });
  return { user, secret, uri: totpUri(secret, props.email) };
}
