import { z } from 'zod';
import {
  changePasswordBodyBase,
  newPasswordField,
  registerShape,
  resetPasswordBodyBase,
} from '../../../shared/api/auth.js';
import { isCommonPassword } from '../../services/commonPasswords.js';

export {
  changePasswordResponse,
  emailField,
  forgotPasswordBody,
  forgotPasswordResponse,
  loginBody,
  meResponse,
  passwordField,
  resetPasswordResponse,
} from '../../../shared/api/auth.js';

/** The password rule plus what only the server checks: not on the leaked-password list. */
const serverPassword = newPasswordField.refine(
  (p) => !isCommonPassword(p),
  '该密码过于常见（见于泄露密码列表），请换一个',
);

export const registerBody = z.strictObject({ ...registerShape, password: serverPassword });

/** The same answer for an address with or without an account (issue 9: sign-up does not reveal accounts). */
export const registerResponse = z.object({ status: z.literal('confirmation_sent') });

export const confirmEmailBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '确认链接无效、已过期或已使用'),
});

export const changePasswordBody = changePasswordBodyBase.extend({ newPassword: serverPassword });
export const resetPasswordBody = resetPasswordBodyBase.extend({ password: serverPassword });
