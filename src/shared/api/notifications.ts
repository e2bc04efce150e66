/** The applicant's in-app messages (GET /api/notifications): shared by the server's route and the web. */
import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.string(),
  filingId: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListResponse = z.object({ unread: z.number().int(), items: z.array(notificationSchema) });
export type NotificationList = z.infer<typeof notificationListResponse>;
