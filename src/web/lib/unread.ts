/**
 * The applicant's messages as the header's unread count reads them; the messages page (features/notifications)
 * shares the query by its key, so marking one read updates the count.
 */
import { useQuery } from '@tanstack/react-query';
import type { NotificationList } from '../../shared/api/notifications.js';
import { api } from './api.js';

export const notificationsKey = ['notifications'] as const;

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api<NotificationList>('GET', '/api/notifications'),
    enabled,
    staleTime: 30_000,
    refetchInterval: enabled ? 60_000 : false,
  });
}
