/** Staff accounts (server: routes/admin/staff.ts); bodies and answers are the shared schemas' types. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  StaffCreate,
  StaffCreated,
  StaffPasswordReset,
  StaffUpdate,
  staffAccountResponse,
  staffListResponse,
  TotpReset,
} from '../../../../shared/api/adminStaff.js';
import { api } from '../../../lib/api.js';

export const staffKey = ['admin', 'staff'] as const;

export function useStaff() {
  return useQuery({
    queryKey: staffKey,
    queryFn: async () => (await api<z.infer<typeof staffListResponse>>('GET', '/api/admin/staff')).items,
  });
}

export function useCreateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffCreate) => api<StaffCreated>('POST', '/api/admin/staff', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useUpdateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StaffUpdate }) =>
      api<z.infer<typeof staffAccountResponse>>('PUT', `/api/admin/staff/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

export function useResetTotp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<TotpReset>('POST', `/api/admin/staff/${id}/reset-totp`),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}

/** A new first password for a staff account, shown once (its TOTP stays). */
export function useResetStaffPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<StaffPasswordReset>('POST', `/api/admin/staff/${id}/reset-password`),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKey }),
  });
}
