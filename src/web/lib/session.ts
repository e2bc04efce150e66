/**
 * Who is signed in, and signing out: what the page frame (header, route guards) needs from the account API. The
 * sign-in and registration forms are the auth feature's; this is shared by every page, so it lives here.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../../shared/api/auth.js';
import { ApiError, api } from './api.js';

export type Me = MeResponse['user'];

export const meKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return (await api<MeResponse>('GET', '/api/auth/me')).user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
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
