/**
 * Deregistration (注销, Article 7; SPEC §5 "After approval"): POST /api/filings/:id/deregistration
 * { terminationDate, reason? } → { deregistration: { terminationDate, status: 'scheduled' | 'done', late } };
 * POST /api/filings/:id/deregistration/cancel; staff: GET /api/review/deregistrations.
 */
import { z } from 'zod';
import { DEREGISTRATION_STATUSES } from '../filing/lifecycle.js';
import { says } from '../validation/issues.js';
import { isoDate, pageQuery } from './common.js';

export const deregistrationBody = z.strictObject({
  terminationDate: isoDate.describe('业务终止之日：今天或更早立即注销，将来的日期于当日 0 时（北京时间）注销'),
  reason: z.string().trim().max(1000, says('api.reasonTooLong')).optional(),
});
export type DeregistrationBody = z.infer<typeof deregistrationBody>;

export const deregistrationSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  terminationDate: z.string(),
  status: z.enum(DEREGISTRATION_STATUSES),
  statusLabel: z.string(),
  /** Requested after the termination date (Art. 7 asks for it on that day). */
  late: z.boolean(),
  reason: z.string().nullable(),
  scheduledFor: z.string().nullable().describe('预约注销的执行时间（终止日 00:00 北京时间）'),
  requestedAt: z.string(),
  carriedOutAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type DeregistrationView = z.infer<typeof deregistrationSchema>;

export const deregistrationResponse = z.object({ deregistration: deregistrationSchema });

export const deregistrationsQuery = z.strictObject({
  status: z.enum(['all', ...DEREGISTRATION_STATUSES]).optional(),
  ...pageQuery,
});
export const deregistrationListItem = deregistrationSchema.extend({
  filingNumber: z.string().nullable(),
  platformName: z.string().nullable(),
});
export const deregistrationsResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(deregistrationListItem),
});
export type DeregistrationResponse = z.infer<typeof deregistrationResponse>;
export type DeregistrationsQuery = z.input<typeof deregistrationsQuery>;
export type DeregistrationListItem = z.infer<typeof deregistrationListItem>;
export type DeregistrationsResponse = z.infer<typeof deregistrationsResponse>;
