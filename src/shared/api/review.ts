/**
 * One filing as review staff see it (SPEC §5 "Review", Article 5): GET /api/review/filings/:id · POST …/claim|assign|
 * approve|request-correction|reveal · PUT …/checks/:section · GET /api/review/reviewers. Personal values are masked
 * (SPEC §7) until revealed with a logged reason. The queue is in reviewQueue.ts.
 */
import { z } from 'zod';
import { CHECK_RESULTS, CHECK_SECTIONS } from '../filing/review.js';
import type { FilingDraft } from '../filing/schema.js';
import { says } from '../validation/issues.js';
import { attachmentSchema, completenessSchema, decisionSchema, diffEntrySchema, dueSchema } from './common.js';

/** Top-level sections of 附件1 a correction item may point at (plus the attachment kinds). */
const FIELD_ROOTS = [
  'platform',
  'sponsor',
  'people',
  'capital',
  'rules',
  'mlps',
  'management',
  'commitment',
  'other',
  'operation',
  'attachments',
];
const fieldPathPattern = /^[a-zA-Z]+(\.[a-zA-Z_]+|\[\d+\])*$/;

export const correctionItemBody = z.strictObject({
  field: z
    .string()
    .max(100)
    .refine(
      (f) => fieldPathPattern.test(f) && FIELD_ROOTS.includes(f.split(/[.[]/)[0] as string),
      says('api.correctionField'),
    ),
  message: z.string().trim().min(1, says('api.correctionReason')).max(500, says('api.reasonTooLong')),
});

export const correctionBody = z.strictObject({
  summary: z.string().trim().min(1, says('api.correctionSummary')).max(2000, says('api.summaryTooLong')),
  items: z.array(correctionItemBody).min(1, says('api.correctionItems')).max(50, says('api.correctionItemsMax')),
});
export type CorrectionBody = z.input<typeof correctionBody>;

export const assignBody = z.strictObject({ reviewerId: z.uuid(says('api.reviewerId')) });
export type AssignBody = z.input<typeof assignBody>;
export const checkParams = z.strictObject({ id: z.uuid(), section: z.enum(CHECK_SECTIONS) });
export const checkBody = z.strictObject({
  result: z.enum(CHECK_RESULTS, says('api.checkResult')),
  note: z.string().trim().max(1000).optional(),
});
export type CheckBody = z.input<typeof checkBody>;
export const revealBody = z.strictObject({
  reason: z.string().trim().min(4, says('api.revealReason')).max(500),
});
export type RevealBody = z.input<typeof revealBody>;

/** What staff may do with a filing (server policies/review.ts answers which, for the buttons). */
export const STAFF_TRANSITIONS = ['claim', 'assign', 'check', 'approve', 'requestCorrection', 'revoke'] as const;
export const REVIEW_ACTIONS = ['read', 'reveal', ...STAFF_TRANSITIONS] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const reviewerSchema = z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()) });
export type Reviewer = z.infer<typeof reviewerSchema>;
export const reviewersResponse = z.object({ items: z.array(reviewerSchema) });
export type ReviewersResponse = z.infer<typeof reviewersResponse>;

/** One result of this round's authenticity checklist. */
export const checkSchema = z.object({
  section: z.enum(CHECK_SECTIONS),
  result: z.enum(CHECK_RESULTS),
  note: z.string().nullable(),
  checkedAt: z.string(),
});
export type CheckView = z.infer<typeof checkSchema>;

export const reviewRecordSchema = z.object({
  version: z.number().nullable(),
  lastChangeDate: z.string().nullable(),
  deregisteredAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  revocationComplaintId: z.string().nullable(),
});

export const reviewFilingSchema = z.object({
  id: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  filingNumber: z.string().nullable(),
  submittedAt: z.string().nullable(),
  receivedDate: z.string().nullable(),
  approvedAt: z.string().nullable(),
  due: dueSchema.nullable(),
  late: z.boolean(),
  assignedReviewerId: z.string().nullable(),
  data: z.custom<FilingDraft>().describe('附件1 表单，个人信息已脱敏'),
  attachments: z.array(attachmentSchema),
  completeness: completenessSchema,
  /** SPEC §2: a credit code accepted on the applicant's confirmation, to be cleared in the checklist. */
  idNumberNeedsReview: z.boolean(),
  /** After a resubmission: what the applicant changed since the latest correction notice (personal values masked). */
  sinceCorrection: z.object({ correctedAt: z.string(), diff: z.array(diffEntrySchema) }).nullable(),
  /** The checklist of this round only. */
  checks: z.array(checkSchema),
  decisions: z.array(decisionSchema),
  /** After approval: the record's version and public state. */
  record: reviewRecordSchema.nullable(),
  /** The open change (Art. 6), for the link to its review page. */
  openChangeId: z.string().nullable(),
  allowedActions: z.array(z.enum(REVIEW_ACTIONS)),
});
export type ReviewFiling = z.infer<typeof reviewFilingSchema>;

export const reviewFilingResponse = z.object({ filing: reviewFilingSchema });
export type ReviewFilingResponse = z.infer<typeof reviewFilingResponse>;
export const approveResponse = z.object({ filing: reviewFilingSchema, filingNumber: z.string().nullable() });
export type ApproveResponse = z.infer<typeof approveResponse>;

const revealedPerson = z.object({
  name: z.string().optional(),
  mobile: z.string().optional(),
  email: z.string().optional(),
});
/** The unmasked personal values, after a logged reason (never cached: no-store). */
export const revealResponse = z.object({
  personal: z.object({
    sponsor: z.object({ name: z.string().optional(), idNumber: z.string().optional() }),
    people: z.object({ principal: revealedPerson.optional(), contact: revealedPerson.optional() }),
  }),
});
export type RevealResponse = z.infer<typeof revealResponse>;
export type RevealedPersonal = RevealResponse['personal'];
