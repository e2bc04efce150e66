/** The signed-in account (server: routes/auth/password.ts): changing one's own password. */
import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody, ChangePasswordResponse } from '../../../../shared/api/auth.js';
import { api } from '../../../lib/api.js';

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordBody) => api<ChangePasswordResponse>('POST', '/api/auth/password', input),
  });
}
