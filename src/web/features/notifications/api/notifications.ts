/** In-app messages: decisions on the applicant's filings, with the unread count the header shows. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';

export interface Notification {
  id: string;
  filingId: string | null;
  kind: string;
  title: string;
  body: string;
  read: boolean;
  createdAt: string;
}

export const notificationsKey = ['notifications'] as const;

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api<{ unread: number; items: Notification[] }>('GET', '/api/notifications'),
    enabled,
    staleTime: 30_000,
    refetchInterval: enabled ? 60_000 : false,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('POST', `/api/notifications/${id}/read`),
    onMutate: (id) => {
      qc.setQueryData<{ unread: number; items: Notification[] }>(notificationsKey, (prev) =>
        prev
          ? {
              unread: prev.items.filter((n) => !n.read && n.id !== id).length,
              items: prev.items.map((n) => (n.id === id ? { ...n, read: true } : n)),
            }
          : prev,
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: notificationsKey }),
  });
}
