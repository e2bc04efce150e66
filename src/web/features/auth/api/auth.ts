/** The account API: who is signed in, sign in, register and confirm the address, sign out. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api.js';

export interface Me {
  id: string;
  email: string;
  displayName: string | null;
  roles: string[];
}

export const meKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return (await api<{ user: Me }>('GET', '/api/auth/me')).user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
}
export interface RegisterInput {
  email: string;
  password: string;
  displayName?: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api<{ user: Me }>('POST', '/api/auth/login', input),
    onSuccess: (res) => qc.setQueryData(meKey, res.user),
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
    mutationFn: (token: string) => api<{ user: Me }>('POST', '/api/auth/confirm-email', { token }),
    onSuccess: (res) => qc.setQueryData(meKey, res.user),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/api/auth/logout'),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}
