/** In-app messages: decisions on the applicant's filings, with the unread count the header shows. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '../../../../shared/api/notifications.js';
import { api } from '../../../lib/api.js';
import { notificationsKey } from '../../../lib/unread.js';

export type { Notification } from '../../../../shared/api/notifications.js';
export { notificationsKey, useNotifications } from '../../../lib/unread.js';

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('POST', `/api/notifications/${id}/read`),
    onMutate: (id) => {
      qc.setQueryData<NotificationList>(notificationsKey, (prev) =>
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
