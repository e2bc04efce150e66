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
