/** Pieces the API schemas of src/shared/api share (SPEC §5): dates, due dates, attachments, field errors. */
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.js';
import { says } from '../validation/issues.js';

/** A calendar date `YYYY-MM-DD` that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, says('api.dateFormat'))
  .refine((s) => isIsoDate(s), says('api.dateInvalid'));

export const dueSchema = z.object({
  date: z.string(),
  provisional: z.boolean().describe('暂定：截止日期落在尚无官方日历的年份'),
  workingDaysLeft: z.number(),
  overdue: z.boolean(),
});
export type Due = z.infer<typeof dueSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  sm3: z.string(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentSchema>;

/**
 * A field error (SPEC §5: `errors: [{ field, message }]`): `message` in Chinese, the API's language; `code` and
 * `params` name the validation catalog's text (shared/i18n/locales/validation.ts) for a client to say it in its own.
 */
export const fieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldErrorView = z.infer<typeof fieldErrorSchema>;

/** The completeness check of a form (shared/filing/completeness.ts): what is still missing before submitting. */
export const completenessSchema = z.object({ complete: z.boolean(), errors: z.array(fieldErrorSchema) });

/** A correction notice (补正通知): the reviewer's summary and the fields to correct, each with its reason. */
export const correctionSchema = z.object({
  summary: z.string(),
  items: z.array(fieldErrorSchema),
  createdAt: z.string(),
});
export type CorrectionView = z.infer<typeof correctionSchema>;

/** A review decision as staff see it: approval or correction (with its items), and whether it came after the due date. */
export const decisionSchema = z.object({
  kind: z.string(),
  summary: z.string().nullable(),
  items: z.array(fieldErrorSchema),
  overdue: z.boolean(),
  createdAt: z.string(),
});
export type DecisionView = z.infer<typeof decisionSchema>;

export const diffEntrySchema = z.object({
  field: z.string().describe('字段路径，如 platform.homepageUrl、attachments.mlps_proof'),
  before: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  after: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});
export type DiffEntryView = z.infer<typeof diffEntrySchema>;

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
};
