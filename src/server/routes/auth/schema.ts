import { z } from 'zod';
import { isCommonPassword } from '../../services/commonPasswords.js';

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, '邮箱过长')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, '邮箱格式不正确');

export const passwordField = z.string().max(128, '密码不能超过 128 个字符');

export const registerBody = z.strictObject({
  email: emailField,
  password: passwordField
    .min(10, '密码至少 10 个字符')
    .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), '密码须同时包含字母和数字')
    .refine((p) => !isCommonPassword(p), '该密码过于常见（见于泄露密码列表），请换一个'),
  displayName: z.string().trim().min(1).max(50, '名称不能超过 50 个字符').optional(),
  /** Accepted as another name for displayName, which clients often call it. */
  name: z.string().trim().min(1).max(50, '名称不能超过 50 个字符').optional(),
});

/** The same answer for an address with or without an account (issue 9: sign-up does not reveal accounts). */
export const registerResponse = z.object({ status: z.literal('confirmation_sent') });

export const confirmEmailBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '确认链接无效、已过期或已使用'),
});

export const loginBody = z.strictObject({
  email: emailField,
  password: passwordField.min(1, '请输入密码'),
  totp: z
    .string()
    .regex(/^\d{6}$/, '动态口令为 6 位数字')
    .optional(),
});

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string().nullable(),
    roles: z.array(z.string()),
  }),
});
