/** The account API: who is signed in, sign in, register and confirm the address, sign out, a forgotten password. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ForgotPasswordBody,
  LoginBody,
  MeResponse,
  RegisterBody,
  ResetPasswordBody,
  ResetPasswordResponse,
} from '../../../../shared/api/auth.js';
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
    onSuccess: async (res) => {
      // A "who is signed in" read started before this answer (the page frame's) would overwrite it with null.
      await qc.cancelQueries({ queryKey: meKey });
      qc.setQueryData(meKey, res.user);
    },
  });
}

/** Step one of signing up: the server mails a link (and answers alike for an address that has an account). */
export function useRegister() {
  return useMutation({
    mutationFn: (input: RegisterInput) => api<{ status: 'confirmation_sent' }>('POST', '/api/auth/register', input),
  });
}

/** Step two: the token from the mailed link makes the account and signs in. */
export function useConfirmEmail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api<MeResponse>('POST', '/api/auth/confirm-email', { token }),
    onSuccess: async (res) => {
      // A "who is signed in" read started before this answer (the page frame's) would overwrite it with null.
      await qc.cancelQueries({ queryKey: meKey });
      qc.setQueryData(meKey, res.user);
    },
  });
}

/** 忘记密码: the server mails a reset link if the address has an account, and answers alike either way. */
export function useForgotPassword() {
  return useMutation({
    mutationFn: (input: ForgotPasswordBody) =>
      api<{ status: 'reset_link_sent_if_registered' }>('POST', '/api/auth/forgot-password', input),
  });
}

/** The mailed link's token sets a new password; nobody is signed in by it. */
export function useResetPassword() {
  return useMutation({
    mutationFn: (input: ResetPasswordBody) => api<ResetPasswordResponse>('POST', '/api/auth/reset-password', input),
  });
}
