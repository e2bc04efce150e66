/**
 * The applicant's filings (SPEC §5 "Filings", fixed paths and fields): POST|GET /api/filings · GET|PUT|DELETE
 * /api/filings/:id · POST /api/filings/:id/submit|withdraw · POST|PUT|GET|DELETE /api/filings/:id/attachments[/:aid].
 * The server's routes validate and serialise with these schemas; the web's fetchers take their types.
 */
import { z } from 'zod';
import { ATTACHMENT_KINDS } from '../attachments.js';
import type { FilingDraft } from '../filing/schema.js';
import { says } from '../validation/issues.js';
import { changeSchema } from './changes.js';
import { attachmentSchema, completenessSchema, correctionSchema, dueSchema } from './common.js';
import { deregistrationSchema } from './deregistration.js';
import { article8Schema } from './reviewQueue.js';

export const filingParams = z.strictObject({ id: z.uuid(says('api.filingId')) });
export const attachmentParams = z.strictObject({
  id: z.uuid(says('api.filingId')),
  attachmentId: z.uuid(says('api.attachmentId')),
});
export const downloadQuery = z.strictObject({ inline: z.enum(['0', '1']).optional() });
export const attachmentKind = z.enum(
  ATTACHMENT_KINDS,
  says('api.attachmentKind', { kinds: ATTACHMENT_KINDS.join(', ') }),
);
export const createQuery = z.strictObject({ reuseEmpty: z.enum(['0', '1']).optional() });

/** What an applicant may do with a filing (server policies/filing.ts answers which, for the buttons). */
export const OWNER_TRANSITIONS = [
  'update',
  'upload',
  'submit',
  'withdraw',
  'discard',
  'startChange',
  'scheduleDeregistration',
  'deregister',
] as const;
export const FILING_ACTIONS = ['read', ...OWNER_TRANSITIONS, 'cancelDeregistration'] as const;
export type FilingAction = (typeof FILING_ACTIONS)[number];

export const filingSummarySchema = z.object({
  id: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  platformName: z.string().nullable(),
  filingNumber: z.string().nullable(),
  submittedAt: z.string().nullable(),
  due: dueSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FilingSummary = z.infer<typeof filingSummarySchema>;
export const filingListResponse = z.object({ items: z.array(filingSummarySchema) });
export type FilingList = z.infer<typeof filingListResponse>;

/** One step of the applicant's timeline (server services/filingHistory.ts), oldest first. */
export const historyEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submitted'), at: z.string(), receivedDate: z.string() }),
  z.object({
    kind: z.literal('correction'),
    at: z.string(),
    summary: z.string(),
    items: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
  z.object({ kind: z.literal('approved'), at: z.string() }),
  z.object({ kind: z.literal('withdrawn'), at: z.string() }),
]);
export type HistoryEvent = z.infer<typeof historyEventSchema>;

/** The approved record's public side (SPEC §4): its version, public status and last change date. */
export const filingRecordSchema = z.object({
  version: z.number().nullable(),
  publicStatus: z.string(),
  publicStatusLabel: z.string(),
  lastChangeDate: z.string().nullable(),
  deregisteredAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});

export const filingSchema = filingSummarySchema.extend({
  receivedDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  dueProvisional: z.boolean(),
  late: z.boolean(),
  version: z.number(),
  data: z.custom<FilingDraft>().describe('附件1 表单（SPEC §2 字段）'),
  attachments: z.array(attachmentSchema),
  completeness: completenessSchema,
  /** The open correction notice (补正通知), while the filing is `correction_requested`. */
  correction: correctionSchema.nullable(),
  approvedAt: z.string().nullable(),
  /** Every submission and decision so far, oldest first: a resubmission keeps the earlier round. */
  history: z.array(historyEventSchema),
  record: filingRecordSchema.nullable(),
  openChange: changeSchema.nullable(),
  deregistration: deregistrationSchema.nullable(),
  /** Article 8: online-and-late, or not online and whether it may launch (shared/filing/article8.ts). */
  article8: article8Schema.nullable(),
  allowedActions: z.array(z.enum(FILING_ACTIONS)),
});
export type Filing = z.infer<typeof filingSchema>;

export const filingResponse = z.object({ filing: filingSchema });
export type FilingResponse = z.infer<typeof filingResponse>;

export const submitResponse = z.object({
  filing: filingSchema,
  dueDate: z.string().nullable(),
  provisional: z.boolean(),
  workingDaysLeft: z.number().nullable(),
});
export type SubmitResponse = z.infer<typeof submitResponse>;

export const attachmentResponse = z.object({ attachment: attachmentSchema });
export type AttachmentResponse = z.infer<typeof attachmentResponse>;

/** Documents made from a filing (server routes/documents): 承诺书 template, 登记表, and the 备案证明 once filed. */
export const FILING_DOCUMENTS = ['commitment.pdf', 'commitment.docx', 'registration.pdf', 'certificate.pdf'] as const;
export type FilingDocument = (typeof FILING_DOCUMENTS)[number];
