/** The account API: who is signed in, sign in, register, sign out. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, MeResponse, RegisterBody } from '../../../../shared/api/auth.js';
import { api } from '../../../lib/api.js';
import { meKey } from '../../../lib/session.js';

/** @deprecated Import from lib/session.ts (the page frame's, shared by every feature). */
export { type Me, meKey, useLogout, useMe } from '../../../lib/session.js';

export type LoginInput = LoginBody;
export type RegisterInput = RegisterBody;

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api<MeResponse>('POST', '/api/auth/login', input),
    onSuccess: (res) => qc.setQueryData(meKey, res.user),
  });
}

export function useRegister() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterInput) => api<MeResponse>('POST', '/api/auth/register', input),
    onSuccess: (res) => qc.setQueryData(meKey, res.user),
  });
}
