/**
 * Deliveries to the partner agencies (SPEC §7: visible delivery state): GET /api/admin/deliveries · GET
 * /api/admin/deliveries/:id · POST /api/admin/deliveries/:id/resend. Payloads are never shown: only where a message
 * goes, what happened, and when.
 */
import { z } from 'zod';
import { says } from '../validation/issues.js';
import { PARTNER_ID_PATTERN as partnerIdPattern } from './adminPartners.js';

/** An empty parameter (`?status=`) means "not given". */
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

/** A whole number within bounds; zod's own texts name the field (页码不能小于 1). */
const intParam = (min: number, max: number) =>
  blankIsAbsent(z.coerce.number(says('zod.int')).int(says('zod.int')).min(min).max(max).optional());

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const deliveriesQuery = z.strictObject({
  status: blankIsAbsent(z.enum(DELIVERY_STATUSES, says('api.deliveryStatus')).optional()),
  recipient: blankIsAbsent(z.string().regex(partnerIdPattern, says('api.partnerId')).optional()),
  channel: blankIsAbsent(z.enum(['webhook', 'email'], says('api.deliveryChannel')).optional()),
  page: intParam(1, 10_000),
  pageSize: intParam(1, 100),
});

export const deliveryParams = z.strictObject({
  id: z.coerce.number(says('api.deliveryId')).int(says('api.deliveryId')).min(1).max(Number.MAX_SAFE_INTEGER),
});

export type DeliveriesQuery = z.input<typeof deliveriesQuery>;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const deliverySchema = z.object({
  id: z.number().int(),
  channel: z.string(),
  recipient: z.string(),
  recipientName: z.string().nullable(),
  eventType: z.string(),
  filingId: z.string().nullable(),
  filingNumber: z.string().nullable(),
  status: z.string(),
  attempts: z.number().int().describe('已尝试次数'),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveriesResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(deliverySchema),
});
export type DeliveriesResponse = z.infer<typeof deliveriesResponse>;

export const deliveryAttemptSchema = z.object({ at: z.string(), ok: z.boolean(), detail: z.string().nullable() });
export type DeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;

/** One delivery: the item's fields with `attempts` as the history, and the item itself (with the count) as `delivery`. */
export const deliveryDetailResponse = deliverySchema.extend({
  attempts: z.array(deliveryAttemptSchema),
  delivery: deliverySchema,
});
export type DeliveryDetailResponse = z.infer<typeof deliveryDetailResponse>;
