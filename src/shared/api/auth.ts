/**
 * Accounts (SPEC §5 "Auth"): the request and response shapes shared by the server's routes and the web's fetchers.
 * The server adds what only it can check (the leaked-password list) in routes/auth/schema.ts.
 */
import { z } from 'zod';
import { PASSWORD_MIN } from '../validators/password.js';

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, '邮箱过长')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, '邮箱格式不正确');

export const passwordField = z.string().max(128, '密码不能超过 128 个字符');

export { isPasswordShapeOk, PASSWORD_MIN } from '../validators/password.js';

export const registerShape = {
  email: emailField,
  password: passwordField
    .min(PASSWORD_MIN, '密码至少 10 个字符')
    .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字'),
  displayName: z.string().trim().min(1).max(50, '名称不能超过 50 个字符').optional(),
  /** Accepted as another name for displayName, which clients often call it. */
  name: z.string().trim().min(1).max(50, '名称不能超过 50 个字符').optional(),
};

/** Registration as the web sends it; the server's registerBody adds the leaked-password check. */
export const registerBodyBase = z.strictObject(registerShape);
export type RegisterBody = z.input<typeof registerBodyBase>;

export const loginBody = z.strictObject({
  email: emailField,
  password: passwordField.min(1, '请输入密码'),
  totp: z
    .string()
    .regex(/^\d{6}$/, '动态口令为 6 位数字')
    .optional(),
});
export type LoginBody = z.input<typeof loginBody>;

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string().nullable(),
    roles: z.array(z.string()),
  }),
});
export type MeResponse = z.infer<typeof meResponse>;

/**
 * Passwords (修改密码, 忘记密码): a new password follows the sign-up rule (`registerShape.password`); the server adds
 * the leaked-password check (routes/auth/schema.ts), as for sign-up.
 */
export const newPasswordField = registerShape.password;

/** Changing one's own password while signed in: the current one, and the new one. */
export const changePasswordBodyBase = z.strictObject({
  currentPassword: passwordField.min(1, '请输入当前密码'),
  newPassword: newPasswordField,
});
export type ChangePasswordBody = z.input<typeof changePasswordBodyBase>;
export const changePasswordResponse = z.object({
  status: z.literal('password_changed'),
  /** How many other sessions of the account were ended (this one stays). */
  sessionsEnded: z.number().int(),
});
export type ChangePasswordResponse = z.infer<typeof changePasswordResponse>;

/** Asking for a reset link: the answer is the same whether or not the address has an account. */
export const forgotPasswordBody = z.strictObject({ email: emailField });
export type ForgotPasswordBody = z.input<typeof forgotPasswordBody>;
export const forgotPasswordResponse = z.object({ status: z.literal('reset_link_sent_if_registered') });

/** The token of a mailed link (43 base64url characters: 32 random bytes), as sign-up's. */
export const mailedToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '链接无效、已过期或已使用');

/** Setting a new password with the token of the mailed link. */
export const resetPasswordBodyBase = z.strictObject({ token: mailedToken, password: newPasswordField });
export type ResetPasswordBody = z.input<typeof resetPasswordBodyBase>;
export const resetPasswordResponse = z.object({
  status: z.literal('password_reset'),
  /** Staff accounts still sign in with their one-time code (TOTP): the reset sets the password only. */
  totpRequired: z.boolean(),
});
export type ResetPasswordResponse = z.infer<typeof resetPasswordResponse>;
