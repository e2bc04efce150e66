import { z } from 'zod';
import { registerShape } from '../../../shared/api/auth.js';
import { isCommonPassword } from '../../services/commonPasswords.js';

export { emailField, loginBody, meResponse, passwordField, registerResponse } from '../../../shared/api/auth.js';

export const registerBody = z.strictObject({
  ...registerShape,
  password: registerShape.password.refine((p) => !isCommonPassword(p), '该密码过于常见（见于泄露密码列表），请换一个'),
});

export const confirmEmailBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '确认链接无效、已过期或已使用'),
});
