/**
 * Change filings (变更备案, Article 6; SPEC §5 "After approval", fixed paths and fields):
 * POST /api/filings/:id/changes · GET|PUT /api/changes/:changeId · POST /api/changes/:changeId/attachments|submit|cancel ·
 * GET /api/review/changes/:changeId · POST /api/review/changes/:changeId/approve|request-correction.
 */
import { z } from 'zod';
import { CHANGE_STATUSES } from '../filing/lifecycle.js';
import { dropNulls, type FilingDraft, filingDraftSchema } from '../filing/schema.js';
import { says } from '../validation/issues.js';
import {
  attachmentSchema,
  completenessSchema,
  correctionSchema,
  decisionSchema,
  diffEntrySchema,
  dueSchema,
  isoDate,
} from './common.js';

export const changeParams = z.strictObject({ changeId: z.uuid(says('api.changeId')) });
export const changeAttachmentParams = z.strictObject({
  changeId: z.uuid(says('api.changeId')),
  attachmentId: z.uuid(says('api.attachmentId')),
});

export const startChangeBody = z.strictObject({
  changeDate: isoDate.describe('信息发生变化之日（今天或更早）'),
});
export type StartChangeBody = z.infer<typeof startChangeBody>;

/** The form in SPEC §2 names, as PUT /api/filings/:id, and optionally a corrected change date. */
export const saveChangeBody = z.preprocess(dropNulls, filingDraftSchema.extend({ changeDate: isoDate.optional() }));
export type SaveChangeBody = z.input<typeof saveChangeBody>;

/** How a change upload treats the files of that kind already in the change: replaced (default), or kept. */
export const CHANGE_UPLOAD_MODES = ['replace', 'add'] as const;

export const changeSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  filingNumber: z.string().nullable(),
  platformName: z.string().nullable(),
  status: z.enum(CHANGE_STATUSES),
  statusLabel: z.string(),
  kind: z.literal('change'),
  kindLabel: z.string(),
  /** The record version the change was copied from, and the filing's current one. */
  baseVersion: z.number(),
  currentVersion: z.number().nullable(),
  /** The change was made against an older version than the current one: approving it is refused. */
  stale: z.boolean(),
  changeDate: z.string(),
  changeDeadline: z.string().describe('变更期限：变化之日起 30 日，末日为休息日的顺延至下一工作日'),
  deadlineProvisional: z.boolean(),
  late: z.boolean(),
  lateReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  receivedDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  provisional: z.boolean(),
  due: dueSchema.nullable(),
  approvedAt: z.string().nullable(),
  appliedVersion: z.number().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.string()),
});
export type ChangeSummary = z.infer<typeof changeSchema>;

export { correctionSchema, decisionSchema };

export const changeDetailSchema = changeSchema.extend({
  form: z.custom<FilingDraft>(),
  diff: z.array(diffEntrySchema).describe('与现行有效备案信息逐字段对比（个人信息已脱敏）'),
  attachments: z.array(attachmentSchema),
  completeness: completenessSchema,
  correction: correctionSchema.nullable(),
});
export type ChangeDetail = z.infer<typeof changeDetailSchema>;

/** What review staff see: the form masked, the diff, the decisions on this change. */
export const reviewChangeSchema = changeDetailSchema.extend({ decisions: z.array(decisionSchema) });
export type ReviewChange = z.infer<typeof reviewChangeSchema>;

export const changeResponse = z.object({ change: changeDetailSchema });
export const reviewChangeResponse = z.object({ change: reviewChangeSchema });
export const changeAttachmentResponse = z.object({ attachment: attachmentSchema });
export type ChangeResponse = z.infer<typeof changeResponse>;
export type ReviewChangeResponse = z.infer<typeof reviewChangeResponse>;
export type ChangeAttachmentResponse = z.infer<typeof changeAttachmentResponse>;
