/** The settings page's API (server: routes/admin/settings.ts); bodies and answers are the shared schemas' types. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingsResponse, SettingsUpdate } from '../../../../shared/api/adminSettings.js';
import { api } from '../../../lib/api.js';

export const settingsKey = ['admin', 'settings'] as const;

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api<SettingsResponse>('GET', '/api/admin/settings') });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SettingsUpdate) => api<SettingsResponse>('PUT', '/api/admin/settings', body),
    onSuccess: (data) => qc.setQueryData(settingsKey, data),
  });
}
