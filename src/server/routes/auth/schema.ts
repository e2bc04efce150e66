import { z } from 'zod';
import { registerShape } from '../../../shared/api/auth.js';
import { isCommonPassword } from '../../services/commonPasswords.js';

export { emailField, loginBody, meResponse, passwordField } from '../../../shared/api/auth.js';

export const registerBody = z.strictObject({
  ...registerShape,
  password: registerShape.password.refine((p) => !isCommonPassword(p), '该密码过于常见（见于泄露密码列表），请换一个'),
});
