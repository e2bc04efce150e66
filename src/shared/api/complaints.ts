/**
 * Complaints and reports (SPEC §5 "Complaints", §9; Article 9). Paths and field names are fixed by SPEC §5:
 *   GET  /api/public/complaints/challenge      → altchaChallengeSchema
 *   POST /api/public/complaints                publicComplaintBody → 201 { trackingCode }
 *   GET  /api/public/complaints/:trackingCode  → publicComplaintResponse (nothing about the complainant)
 *   GET/POST /api/complaints, GET /api/complaints/:id (complaint handlers)
 */
import { z } from 'zod';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_MEASURES,
  COMPLAINT_STATUSES,
} from '../complaints/lifecycle.js';
import { says } from '../validation/issues.js';
import { HOMEPAGE_CHECK_RESULTS } from './homepageChecks.js';
import { DUE_FILTERS } from './listFilters.js';

export const altchaChallengeSchema = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string(),
  maxnumber: z.number().int(),
  salt: z.string(),
  signature: z.string(),
});
export type AltchaChallenge = z.infer<typeof altchaChallengeSchema>;

export const complaintContact = z
  .strictObject({
    name: z.string().trim().max(100, says('api.personNameTooLong')).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{5,30}$/, says('api.phoneFormat'))
      .optional(),
    email: z.email(says('api.contactEmail')).max(254).optional(),
  })
  .optional();

const targetFields = {
  category: z.enum(COMPLAINT_CATEGORIES, says('api.complaintCategory')),
  targetFilingNumber: z.string().trim().min(1).max(64, says('api.filingNumberTooLong')).optional(),
  targetName: z.string().trim().min(1).max(200, says('api.platformNameTooLong')).optional(),
  targetUrl: z.url(says('api.urlFormat')).max(2048).optional(),
  description: z.string().trim().min(10, says('api.descriptionShort')).max(10000, says('api.descriptionTooLong')),
  contact: complaintContact,
};

const needsTarget = (b: { targetFilingNumber?: string; targetName?: string; targetUrl?: string }) =>
  Boolean(b.targetFilingNumber || b.targetName || b.targetUrl);
const targetIssue = { ...says('api.complaintTarget'), path: ['targetFilingNumber'] };

/** The public web form; `altcha` is base64 of the JSON { algorithm, challenge, number, salt, signature }. */
export const publicComplaintBody = z
  .strictObject({ ...targetFields, altcha: z.string(says('api.altcha')).min(1, says('api.altcha')).max(4096) })
  .refine(needsTarget, targetIssue);
export type PublicComplaintBody = z.infer<typeof publicComplaintBody>;

/** Staff intake of a phone call or an email (POST /api/complaints). */
export const staffComplaintBody = z
  .strictObject({ ...targetFields, channel: z.enum(['phone', 'email'], says('api.channel')) })
  .refine(needsTarget, targetIssue);
export type StaffComplaintBody = z.infer<typeof staffComplaintBody>;

export const createdComplaintResponse = z.object({ trackingCode: z.string() });

/** Tracking codes: ≥ 64 bits of randomness, base32 (Crockford) in 4-letter groups, e.g. TS4K-9QXM-… */
export const trackingCodeParam = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3,5}$/i);

export const publicComplaintResponse = z.object({
  complaint: z.object({
    trackingCode: z.string(),
    category: z.enum(COMPLAINT_CATEGORIES),
    status: z.enum(COMPLAINT_STATUSES),
    statusLabel: z.string(),
    submittedAt: z.string(),
    dueDate: z.string().nullable(),
    timeline: z.array(z.object({ at: z.string(), status: z.enum(COMPLAINT_STATUSES), note: z.string().nullable() })),
    reply: z.string().nullable(),
  }),
});
export type PublicComplaintView = z.infer<typeof publicComplaintResponse>['complaint'];

export const assignComplaintBody = z.strictObject({ handlerId: z.uuid(says('api.handlerId')) });
export const verifyComplaintBody = z.strictObject({
  outcome: z.enum(['substantiated', 'unsubstantiated'], says('api.outcome')),
  note: z.string().trim().min(2, says('api.verifyNote')).max(5000),
});
export const complaintMeasureBody = z.strictObject({
  measure: z.enum(COMPLAINT_MEASURES, says('api.measure')),
  note: z.string().trim().min(2, says('api.measureNote')).max(5000),
  /** For 责令整改: what the platform's applicant is told to fix (never who complained). */
  instructions: z.string().trim().max(5000).optional(),
});
export const closeComplaintBody = z.strictObject({
  reply: z.string().trim().min(2, says('api.reply')).max(10000, says('api.replyTooLong')),
});
export const complaintChannel = z.enum(COMPLAINT_CHANNELS);

export const startVerificationBody = z.strictObject({ note: z.string().trim().max(5000).optional() }).nullish();
export const revealContactBody = z.strictObject({
  reason: z.string().trim().min(4, says('api.revealReason')).max(500),
});
export const complaintQueueQuery = z.strictObject({
  status: z.enum([...COMPLAINT_STATUSES, 'open', 'all'], says('api.statusFilter')).optional(),
  mine: z.enum(['1', 'true']).optional(),
  category: z.enum(COMPLAINT_CATEGORIES, says('api.categoryFilter')).optional(),
  /** Open complaints due within 2 working days (`soon`) or past their handling limit (`overdue`). */
  due: z.enum(DUE_FILTERS, says('api.dueFilter')).optional(),
});
/** Importing an `.eml` (multipart: `eml` file, and optionally the category and target the handler chose). */
export const emlImportFields = z.strictObject({
  category: z.enum(COMPLAINT_CATEGORIES, says('api.complaintCategory')).optional(),
  targetFilingNumber: targetFields.targetFilingNumber,
  targetName: targetFields.targetName,
  targetUrl: targetFields.targetUrl,
});
export type ComplaintQueueQuery = z.infer<typeof complaintQueueQuery>;

/** A row of the handlers' queue, and the head of one complaint. */
export const complaintSummarySchema = z.object({
  id: z.string(),
  trackingCode: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  category: z.enum(COMPLAINT_CATEGORIES),
  status: z.enum(COMPLAINT_STATUSES),
  statusLabel: z.string(),
  target: z.object({
    filingNumber: z.string().nullable(),
    filingId: z.string().nullable(),
    name: z.string().nullable(),
    url: z.string().nullable(),
  }),
  receivedAt: z.string(),
  dueDate: z.string(),
  provisional: z.boolean(),
  workingDaysLeft: z.number().nullable(),
  overdue: z.boolean(),
  assignedHandlerId: z.string().nullable(),
  anonymous: z.boolean(),
  /** In the queue: how many other complaints are about the same platform. */
  sameTarget: z.number().int().optional(),
});
export type ComplaintSummary = z.infer<typeof complaintSummarySchema>;

export const complaintQueueResponse = z.object({ items: z.array(complaintSummarySchema) });
export type ComplaintQueueResponse = z.infer<typeof complaintQueueResponse>;

/** The contact as handlers see it: masked in the complaint, unmasked only through …/reveal with a logged reason. */
export const complaintContactView = z
  .object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })
  .nullable();

/** `number_not_shown`: a homepage check run for this complaint (the monitor's evidence), newest first. */
export const complaintHomepageCheckSchema = z.object({
  id: z.string(),
  filingId: z.string(),
  filingNumber: z.string(),
  homepageUrl: z.string(),
  checkedAt: z.string(),
  result: z.enum(HOMEPAGE_CHECK_RESULTS),
  reason: z.string(),
  finalUrl: z.string(),
  httpStatus: z.number().int(),
  sm3: z.string().nullable(),
  excerpt: z.string(),
});
export type ComplaintHomepageCheck = z.infer<typeof complaintHomepageCheckSchema>;

export const complaintDetailSchema = complaintSummarySchema.extend({
  handlerName: z.string().nullable(),
  description: z.string(),
  limitWorkingDays: z.number().int(),
  contact: complaintContactView,
  reply: z.string().nullable(),
  closedAt: z.string().nullable(),
  evidence: z.array(
    z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), sm3: z.string() }),
  ),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      status: z.enum(COMPLAINT_STATUSES),
      actorId: z.string().nullable(),
      note: z.string().nullable(),
      publicNote: z.string().nullable(),
    }),
  ),
  duplicates: z.array(complaintSummarySchema),
  allowedActions: z.array(z.enum(COMPLAINT_ACTIONS)),
  homepageChecks: z.array(complaintHomepageCheckSchema),
  /** Article 5 evidence for a `number_not_shown` complaint about a filing: a fresh check may be run. */
  canCheckHomepage: z.boolean(),
});
export type ComplaintDetail = z.infer<typeof complaintDetailSchema>;

export const complaintResponse = z.object({ complaint: complaintDetailSchema });
export type ComplaintResponse = z.infer<typeof complaintResponse>;
export const emlImportResponse = complaintResponse.extend({
  /** Attachments of the mail not kept as evidence (too many, too large, not a PDF or an image), with why. */
  skipped: z.array(z.object({ fileName: z.string(), reason: z.string() })),
});
export type EmlImportResponse = z.infer<typeof emlImportResponse>;
export const complaintHandlersResponse = z.object({
  handlers: z.array(z.object({ id: z.string(), displayName: z.string().nullable() })),
});
export type ComplaintHandlers = z.infer<typeof complaintHandlersResponse>;
export const revealContactResponse = z.object({ contact: complaintContactView });
export type RevealContactResponse = z.infer<typeof revealContactResponse>;

export type AssignComplaintBody = z.input<typeof assignComplaintBody>;
export type VerifyComplaintBody = z.input<typeof verifyComplaintBody>;
export type ComplaintMeasureBody = z.input<typeof complaintMeasureBody>;
export type CloseComplaintBody = z.input<typeof closeComplaintBody>;
export type StaffComplaintInput = z.input<typeof staffComplaintBody>;
