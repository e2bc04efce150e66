import { z } from 'zod';
import { registerShape } from '../../../shared/api/auth.js';
import { says } from '../../../shared/validation/issues.js';
import { isCommonPassword } from '../../services/commonPasswords.js';

export { emailField, loginBody, meResponse, passwordField, registerResponse } from '../../../shared/api/auth.js';

export const registerBody = z.strictObject({
  ...registerShape,
  password: registerShape.password.refine((p) => !isCommonPassword(p), says('api.passwordCommon')),
});

export const confirmEmailBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, says('api.confirmToken')),
});
