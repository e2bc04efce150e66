/**
 * The database schema (Drizzle). Migrations in /drizzle are generated from this file with `npm run db:generate`.
 * Personal data never sits here in clear: see crypto/fieldCipher.ts for the `*_enc` columns.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { NoticeMessage } from '../../shared/notices.js';
import { filingChanges } from './tables/lifecycle.js';
import { filingStatusEnum } from './tables/states.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // A view, not a copy: the bytes PGlite's thread sent are this row's alone (and can be moved on to a crypto thread).
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** HMAC-SM3 of the normalised email: a blind index for login, so the address itself stays encrypted. */
  emailHash: text('email_hash').notNull().unique(),
  emailEnc: text('email_enc').notNull(),
  displayName: text('display_name'),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull().default(sql`'{applicant}'::text[]`),
  totpSecretEnc: text('totp_secret_enc'),
  /** The 30-second step of the last TOTP code accepted: a code is good once (RFC 6238 §5.2). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: tsz('created_at').notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SM3 of the cookie token: a stolen table does not yield usable cookies. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tsz('created_at').notNull().defaultNow(),
    expiresAt: tsz('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed-login counters keyed by the email's blind index, so unknown and known accounts behave alike. */
export const loginThrottle = pgTable('login_throttle', {
  emailHash: text('email_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: tsz('locked_until'),
  updatedAt: tsz('updated_at').notNull().defaultNow(),
});

export const filings = pgTable(
  'filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    status: filingStatusEnum('status').notNull().default('draft'),
    /** The form without its personal fields (see shared/filing/personal.ts). */
    data: jsonb('data').notNull().default({}),
    /** The personal fields, SM4-encrypted as one JSON document. */
    personalEnc: text('personal_enc'),
    platformName: text('platform_name'),
    submittedAt: tsz('submitted_at'),
    /** The China date the submission was received: the clock starts the day after. */
    receivedDate: date('received_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    dueProvisional: boolean('due_provisional').notNull().default(false),
    /** Article 8: filed after going live, or later than 10 working days after the effective date. */
    late: boolean('late').notNull().default(false),
    filingNumber: text('filing_number').unique(),
    /** The reviewer who claimed or was assigned the filing. */
    assignedReviewerId: uuid('assigned_reviewer_id').references(() => users.id),
    approvedAt: tsz('approved_at'),
    /** What the public registry shows (presenters/publicFiling.ts), fixed at approval and at each applied change. */
    publicRecord: jsonb('public_record'),
    version: integer('version').notNull().default(1),
    /** The current approved version (filing_versions.version); null until approval. */
    recordVersion: integer('record_version'),
    /** China date of the last applied change (SPEC §4: public). */
    lastChangeDate: date('last_change_date', { mode: 'string' }),
    deregisteredAt: tsz('deregistered_at'),
    revokedAt: tsz('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revocationReason: text('revocation_reason'),
    /** The verified complaint behind a revocation (Art. 9); linked by the complaints module, no foreign key yet. */
    revocationComplaintId: uuid('revocation_complaint_id'),
    createdAt: tsz('created_at').notNull().defaultNow(),
    updatedAt: tsz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('filings_owner_idx').on(t.ownerId),
    index('filings_status_due_idx').on(t.status, t.dueDate),
    index('filings_assigned_idx').on(t.assignedReviewerId),
  ],
);

/** One row a year: the last sequence number issued. Incremented inside the approval's transaction, so it is gapless. */
export const filingNumberCounters = pgTable('filing_number_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** A reviewer's decision on one submission: approval or a correction notice (补正) with per-field items. */
export const reviewDecisions = pgTable(
  'review_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    /** Set when the decision is on a change filing (Art. 6) rather than the filing itself. */
    changeId: uuid('change_id').references(() => filingChanges.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    summary: text('summary'),
    items: jsonb('items').notNull().default([]),
    dueDate: date('due_date', { mode: 'string' }),
    overdue: boolean('overdue').notNull().default(false),
    /**
     * A correction notice's copy of the form as it was sent back (the open part; the personal part sealed, bound to
     * the decision's id) and its files, so the reviewer sees what the applicant changed since (null before 0008).
     */
    formData: jsonb('form_data'),
    formPersonalEnc: text('form_personal_enc'),
    formFiles: jsonb('form_files'),
    createdAt: tsz('created_at').notNull().defaultNow(),
  },
  (t) => [index('review_decisions_filing_idx').on(t.filingId)],
);

/** The authenticity checklist (真实性核查): one row per filing and section, last result wins. */
export const reviewChecks = pgTable(
  'review_checks',
  {
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    section: text('section').notNull(),
    result: text('result').notNull(),
    note: text('note'),
    checkedBy: uuid('checked_by')
      .notNull()
      .references(() => users.id),
    checkedAt: tsz('checked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.filingId, t.section] })],
);

/** The partner agencies (公安部, 国家网信办) and how they are reached. */
export const partners = pgTable('partners', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  webhookUrl: text('webhook_url'),
  /** HMAC-SM3 key of the webhook signature, sealed. */
  webhookSecretEnc: text('webhook_secret_enc'),
  email: text('email'),
  /** SM3 of the read-only pull token. */
  pullTokenHash: text('pull_token_hash'),
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: tsz('updated_at').notNull().defaultNow(),
});

/**
 * The transactional outbox: a message is written in the same transaction as the event, and a worker delivers it
 * at least once (webhook, email), with backoff. Partners pull the same events through their token.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel').notNull(),
    /** A partner id, or 'applicant' for emails to the filing's owner. */
    recipient: text('recipient').notNull(),
    eventType: text('event_type').notNull(),
    filingId: uuid('filing_id').references(() => filings.id, { onDelete: 'set null' }),
    /** Sealed JSON: partner payloads carry the full filing, personal data included. */
    payloadEnc: text('payload_enc').notNull(),
    idempotencyKey: uuid('idempotency_key').notNull().unique().defaultRandom(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tsz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    deliveredAt: tsz('delivered_at'),
    createdAt: tsz('created_at').notNull().defaultNow(),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_recipient_idx').on(t.recipient, t.id)],
);

export const outboxAttempts = pgTable(
  'outbox_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' })
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    at: tsz('at').notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    detail: text('detail'),
  },
  (t) => [index('outbox_attempts_outbox_idx').on(t.outboxId)],
);

/** In-app messages to applicants (approved, sent back for correction …). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    filingId: uuid('filing_id').references(() => filings.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The message as a key and parameters (shared/notices.ts), rendered in each language; null on older rows. */
    message: jsonb('message').$type<NoticeMessage>(),
    readAt: tsz('read_at'),
    createdAt: tsz('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    /**
     * The change filing this file belongs to; null: the filing's own (version 1). A version's files are those of
     * the change that made it (tables/lifecycle.ts).
     */
    changeId: uuid('change_id').references(() => filingChanges.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    /** SM3 of the plaintext bytes, hex. */
    sm3: text('sm3').notNull(),
    /**
     * Files stored before chunking: the encrypted bytes in one piece (key id, IV, SM4-CTR ciphertext and HMAC-SM3
     * tag, crypto/fieldCipher.ts). New files leave it null and live in `attachment_chunks` under `blob_id`.
     */
    content: bytea('content'),
    /** The sealed 64 KiB chunks of the file (attachments/blobStore.ts); copies of a file share it. */
    blobId: uuid('blob_id'),
    /** The attachment id the content is sealed under, when this row is a copy of another's (a change's copy). */
    sealedId: uuid('sealed_id'),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: tsz('created_at').notNull().defaultNow(),
  },
  (t) => [index('attachments_filing_idx').on(t.filingId, t.changeId), index('attachments_blob_idx').on(t.blobId)],
);

/**
 * A file's bytes in 64 KiB pieces, each sealed on its own (bound to blob id and position), so that an upload or a
 * download never holds a whole file in memory nor one database statement for its whole size.
 */
export const attachmentChunks = pgTable(
  'attachment_chunks',
  {
    blobId: uuid('blob_id').notNull(),
    seq: integer('seq').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.blobId, t.seq] })],
);

/**
 * Uploads begun: one row per blob, written before its first chunk (attachments/blobStore.ts). A process killed
 * mid-upload leaves its chunks behind with no attachment pointing at them; the sweep (attachments/uploadSweep.ts)
 * finds them through this row once it is old enough, and removes the chunks of a blob that nothing refers to.
 */
export const attachmentUploads = pgTable(
  'attachment_uploads',
  {
    blobId: uuid('blob_id').primaryKey(),
    startedAt: tsz('started_at').notNull(),
  },
  (t) => [index('attachment_uploads_started_idx').on(t.startedAt)],
);

/** Append-only, each row chained to the one before by SM3 (audit/auditLog.ts). */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: tsz('at').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    details: jsonb('details').notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // The audit viewer's filters (routes/admin/audit.ts), each read newest first by seq with a limit: who, the action
  // (equal, or a prefix through LIKE, which text_pattern_ops serves whatever the database's collation), the subject,
  // and the time range.
  (t) => [
    index('audit_subject_idx').on(t.subjectType, t.subjectId, t.seq),
    index('audit_actor_idx').on(t.actorId, t.seq),
    index('audit_action_idx').on(t.action.op('text_pattern_ops'), t.seq),
    index('audit_at_idx').on(t.at),
  ],
);

export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  importedAt: tsz('imported_at').notNull().defaultNow(),
});

export const calendarDays = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  /** 'holiday' (a day off) or 'workday' (an adjusted working day, 调休上班). */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: tsz('updated_at').notNull().defaultNow(),
});

export * from './tables/complaints.js';
export * from './tables/lifecycle.js';
export * from './tables/monitor.js';
export * from './tables/passwordResets.js';
export * from './tables/publicRegistry.js';
export * from './tables/rateLimits.js';
export * from './tables/reminders.js';
export * from './tables/scheduler.js';
export * from './tables/signUps.js';
export * from './tables/states.js';
export * from './tables/transparency.js';
