import { z } from 'zod';
import {
  changePasswordBodyBase,
  newPasswordField,
  registerShape,
  resetPasswordBodyBase,
} from '../../../shared/api/auth.js';
import { says } from '../../../shared/validation/issues.js';
import { isCommonPassword } from '../../services/commonPasswords.js';

export {
  changePasswordResponse,
  emailField,
  forgotPasswordBody,
  forgotPasswordResponse,
  loginBody,
  meResponse,
  passwordField,
  registerResponse,
  resetPasswordResponse,
} from '../../../shared/api/auth.js';

/** The password rule plus what only the server checks: not on the leaked-password list. */
const serverPassword = newPasswordField.refine((p) => !isCommonPassword(p), says('api.passwordCommon'));

export const registerBody = z.strictObject({ ...registerShape, password: serverPassword });

export const confirmEmailBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, says('api.confirmToken')),
});

export const changePasswordBody = changePasswordBodyBase.extend({ newPassword: serverPassword });
export const resetPasswordBody = resetPasswordBodyBase.extend({ password: serverPassword });
