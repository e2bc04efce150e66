/**
 * Accounts (SPEC §5 "Auth"): the request and response shapes shared by the server's routes and the web's fetchers.
 * The server adds what only it can check (the leaked-password list) in routes/auth/schema.ts.
 */
import { z } from 'zod';
import { says } from '../validation/issues.js';
import { PASSWORD_MIN } from '../validators/password.js';

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, says('api.emailTooLong'))
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, says('api.emailFormat'));

export const passwordField = z.string().max(128, says('api.passwordTooLong'));

export { isPasswordShapeOk, PASSWORD_MIN } from '../validators/password.js';

export const registerShape = {
  email: emailField,
  password: passwordField
    .min(PASSWORD_MIN, says('api.passwordShort'))
    .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), says('api.passwordMix')),
  displayName: z.string().trim().min(1).max(50, says('api.nameTooLong')).optional(),
  /** Accepted as another name for displayName, which clients often call it. */
  name: z.string().trim().min(1).max(50, says('api.nameTooLong')).optional(),
};

/** Registration as the web sends it; the server's registerBody adds the leaked-password check. */
export const registerBodyBase = z.strictObject(registerShape);
export type RegisterBody = z.input<typeof registerBodyBase>;

/** The same answer for an address with or without an account (issue 9: sign-up does not reveal accounts). */
export const registerResponse = z.object({ status: z.literal('confirmation_sent') });
export type RegisterResponse = z.infer<typeof registerResponse>;

export const loginBody = z.strictObject({
  email: emailField,
  password: passwordField.min(1, says('api.passwordRequired')),
  totp: z
    .string()
    .regex(/^\d{6}$/, says('api.totpFormat'))
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
  currentPassword: passwordField.min(1, says('api.currentPasswordRequired')),
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
export type ForgotPasswordResponse = z.infer<typeof forgotPasswordResponse>;

/** The token of a mailed link (43 base64url characters: 32 random bytes), as sign-up's. */
export const mailedToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, says('api.mailedToken'));

/** Setting a new password with the token of the mailed link. */
export const resetPasswordBodyBase = z.strictObject({ token: mailedToken, password: newPasswordField });
export type ResetPasswordBody = z.input<typeof resetPasswordBodyBase>;
export const resetPasswordResponse = z.object({
  status: z.literal('password_reset'),
  /** Staff accounts still sign in with their one-time code (TOTP): the reset sets the password only. */
  totpRequired: z.boolean(),
});
export type ResetPasswordResponse = z.infer<typeof resetPasswordResponse>;
