/**
 * Staff accounts in the admin console (SPEC §1 admin, §7: every staff account has TOTP): list, create (the TOTP
 * enrolment shown once), roles, disable, reset the second factor. An admin cannot disable or demote the last
 * active admin (409 `last_admin`).
 */
import { z } from 'zod';

export const STAFF_ROLES = ['reviewer', 'admin', 'complaints'] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const staffRoles = z
  .array(z.enum(STAFF_ROLES, { message: '角色应为 reviewer、admin 或 complaints' }), { message: '角色应为列表' })
  .min(1, '至少选择一个角色')
  .max(3, '角色不能超过 3 个')
  .refine((r) => new Set(r).size === r.length, '角色不能重复');

const displayName = z.string().trim().min(1, '请填写姓名或称呼').max(50, '姓名不能超过 50 个字符');

export const staffCreateBody = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, '邮箱过长')
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, '邮箱格式不正确'),
  displayName,
  roles: staffRoles,
});
export type StaffCreate = z.infer<typeof staffCreateBody>;

export const staffUpdateBody = z.strictObject({
  displayName: displayName.optional(),
  roles: staffRoles.optional(),
  disabled: z.boolean({ message: '应为 true 或 false' }).optional(),
});
export type StaffUpdate = z.infer<typeof staffUpdateBody>;

export const staffParams = z.strictObject({ id: z.uuid('账号编号格式不正确') });

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
