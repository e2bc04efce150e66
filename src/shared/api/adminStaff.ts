/**
 * Staff accounts in the admin console (SPEC §1 admin, §7: every staff account has TOTP): list, create (the TOTP
 * enrolment shown once), roles, disable, reset the second factor. An admin cannot disable or demote the last
 * active admin (409 `last_admin`).
 */
import { z } from 'zod';
import { says } from '../validation/issues.js';
import { STAFF_ROLES, type StaffRoleName } from './staffRoles.js';

export { STAFF_ROLES, type StaffRoleName };

export const staffRoles = z
  .array(z.enum(STAFF_ROLES, says('api.role')), says('api.roleList'))
  .min(1, says('api.rolesMin'))
  .max(3, says('api.rolesMax'))
  .refine((r) => new Set(r).size === r.length, says('api.rolesUnique'));

const displayName = z.string().trim().min(1, says('api.staffName')).max(50, says('api.personNameTooLong'));

export const staffCreateBody = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, says('api.emailTooLong'))
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, says('api.emailFormat')),
  displayName,
  roles: staffRoles,
});
export type StaffCreate = z.infer<typeof staffCreateBody>;

export const staffUpdateBody = z.strictObject({
  displayName: displayName.optional(),
  roles: staffRoles.optional(),
  disabled: z.boolean(says('api.boolean')).optional(),
});
export type StaffUpdate = z.infer<typeof staffUpdateBody>;

export const staffParams = z.strictObject({ id: z.uuid(says('api.accountId')) });

export const staffAccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string().nullable(),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  hasTotp: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  /** The signed-in admin's own account. */
  self: z.boolean(),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;

export const staffListResponse = z.object({ items: z.array(staffAccountSchema) });
export const staffAccountResponse = z.object({ account: staffAccountSchema });

/** Shown once: the enrolment QR (a PNG data URL of the otpauth URI), the URI and its secret, the first password. */
export const totpEnrolmentSchema = z.object({
  secret: z.string(),
  uri: z.string(),
  qrDataUrl: z.string(),
});
export const staffCreatedResponse = z.object({
  account: staffAccountSchema,
  enrolment: totpEnrolmentSchema,
  initialPassword: z.string(),
});
export type StaffCreated = z.infer<typeof staffCreatedResponse>;
export const totpResetResponse = z.object({ account: staffAccountSchema, enrolment: totpEnrolmentSchema });
export type TotpReset = z.infer<typeof totpResetResponse>;
/** Shown once: the new first password an admin gave a staff account (its TOTP stays as it was). */
export const staffPasswordResetResponse = z.object({ account: staffAccountSchema, initialPassword: z.string() });
export type StaffPasswordReset = z.infer<typeof staffPasswordResetResponse>;
