/**
 * Complaints and reports (Article 9, SPEC §9): the complaint with its typed state, the complainant's contact sealed
 * (`contact_enc`, bound to the complaint's id), the timeline of every step, the evidence files (bytes sealed in
 * `attachment_chunks` under `blob_id`, like filings' attachments) and the ALTCHA challenges already accepted once.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_STATUSES } from '../../../shared/complaints/lifecycle.js';

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const complaintStatusEnum = pgEnum('complaint_status', COMPLAINT_STATUSES);
export const complaintCategoryEnum = pgEnum('complaint_category', COMPLAINT_CATEGORIES);
export const complaintChannelEnum = pgEnum('complaint_channel', COMPLAINT_CHANNELS);

export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The complainant's only key to the status page: ≥ 64 random bits (services/trackingCodes.ts). */
    trackingCode: text('tracking_code').notNull().unique(),
    channel: complaintChannelEnum('channel').notNull(),
    category: complaintCategoryEnum('category').notNull(),
    status: complaintStatusEnum('status').notNull().default('received'),
    targetFilingNumber: text('target_filing_number'),
    /** The filing the number names, when it exists (no foreign key: the complaint outlives anything). */
    targetFilingId: uuid('target_filing_id'),
    targetName: text('target_name'),
    targetUrl: text('target_url'),
    /** What groups duplicates: `filing:<id>`, `host:<hostname>` or `name:<name>`. */
    targetKey: text('target_key').notNull(),
    description: text('description').notNull(),
    /** `{ name?, phone?, email? }` sealed; null: anonymous. */
    contactEnc: text('contact_enc'),
    assignedHandlerId: uuid('assigned_handler_id'),
    /** Staff who recorded a phone call or imported an email; null for the web form. */
    recordedBy: uuid('recorded_by'),
    receivedAt: tsz('received_at').notNull(),
    receivedDate: date('received_date', { mode: 'string' }).notNull(),
    limitWorkingDays: integer('limit_working_days').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    dueProvisional: boolean('due_provisional').notNull().default(false),
    /** The reply to the complainant, given on closing (shown on the status page). */
    reply: text('reply'),
    closedAt: tsz('closed_at'),
    version: integer('version').notNull().default(1),
    updatedAt: tsz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('complaints_status_due_idx').on(t.status, t.dueDate),
    index('complaints_target_idx').on(t.targetKey),
    index('complaints_handler_idx').on(t.assignedHandlerId),
  ],
);

/**
 * The timeline: every step (status change, assignment, measure, note). `publicNote` is what the status page shows
 * for the step (never the staff's internal note); `public` says whether the step is shown at all.
 */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    at: tsz('at').notNull(),
    action: text('action').notNull(),
    status: complaintStatusEnum('status').notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    public: boolean('public').notNull().default(false),
    publicNote: text('public_note'),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.id)],
);

export const complaintEvidence = pgTable(
  'complaint_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sm3: text('sm3').notNull(),
    blobId: uuid('blob_id').notNull(),
    /** The order the files came in (0-based). */
    position: integer('position').notNull().default(0),
    createdAt: tsz('created_at').notNull().defaultNow(),
  },
  (t) => [index('complaint_evidence_complaint_idx').on(t.complaintId)],
);

/** ALTCHA challenges already accepted: a solved challenge is good once, on every instance. */
export const altchaSpent = pgTable(
  'altcha_spent',
  {
    challenge: text('challenge').primaryKey(),
    expiresAt: tsz('expires_at').notNull(),
    spentAt: tsz('spent_at').notNull().default(sql`now()`),
  },
  (t) => [index('altcha_spent_expires_idx').on(t.expiresAt)],
);
