/** The applicant's in-app messages (GET /api/notifications): shared by the server's route and the web. */
import { z } from 'zod';
import type { NoticeMessage } from '../notices.js';

const due = z.object({ due: z.string(), provisional: z.boolean() });
const item = z.object({ field: z.string(), message: z.string() });
const move = z.object({ deadline: z.string(), label: z.string(), before: due, after: due });

/** A message as a key of the notifications catalog and its parameters (shared/notices.ts). */
export const noticeMessageSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), due, z.array(item), z.array(move)])),
}) satisfies z.ZodType<NoticeMessage>;

export const notificationSchema = z.object({
  id: z.string(),
  filingId: z.string().nullable(),
  kind: z.string(),
  /** In Chinese, as sent by e-mail. */
  title: z.string(),
  body: z.string(),
  /** What it says as a key and parameters, for a client to say it in its language; null on older messages. */
  message: noticeMessageSchema.nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListResponse = z.object({ unread: z.number().int(), items: z.array(notificationSchema) });
export type NotificationList = z.infer<typeof notificationListResponse>;
