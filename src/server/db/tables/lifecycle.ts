/**
 * After approval (SPEC §8, Articles 6 and 7): the approved versions of a filing, its change filings and its
 * deregistrations. The filing row always holds the current version; `filing_versions` keeps every approved one.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { filings, users } from '../schema.js';
import { changeStatusEnum, deregistrationStatusEnum } from './states.js';

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One row per approved version: 1 at approval, one more for each applied change. Never updated. */
export const filingVersions = pgTable(
  'filing_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The form without its personal fields, as filings.data. */
    data: jsonb('data').notNull(),
    /** The personal fields, sealed and bound to the filing and this version (services/filingVersions.ts). */
    personalEnc: text('personal_enc').notNull(),
    /** The §4 public record of this version. */
    publicRecord: jsonb('public_record').notNull(),
    /** The change that made this version; null for version 1. Its attachments are this version's. */
    changeId: uuid('change_id'),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: tsz('approved_at').notNull(),
  },
  (t) => [uniqueIndex('filing_versions_filing_version_idx').on(t.filingId, t.version)],
);

/** A change filing (变更备案, Art. 6): a copy of the valid record's form, edited, reviewed, then applied. */
export const filingChanges = pgTable(
  'filing_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    status: changeStatusEnum('status').notNull().default('draft'),
    /** The record version the change was copied from: approving it over a newer one is refused. */
    baseVersion: integer('base_version').notNull(),
    /** The day the information changed (China date), declared by the applicant. */
    changeDate: date('change_date', { mode: 'string' }).notNull(),
    /** changeDate + 30 calendar days, extended to the next working day (SPEC §3). */
    changeDeadline: date('change_deadline', { mode: 'string' }).notNull(),
    deadlineProvisional: boolean('deadline_provisional').notNull().default(false),
    /** Filed (submitted) after the deadline; before the first submission: the deadline has passed. */
    late: boolean('late').notNull().default(false),
    data: jsonb('data').notNull().default({}),
    personalEnc: text('personal_enc'),
    platformName: text('platform_name'),
    submittedAt: tsz('submitted_at'),
    receivedDate: date('received_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    dueProvisional: boolean('due_provisional').notNull().default(false),
    approvedAt: tsz('approved_at'),
    /** The record version the approval made. */
    appliedVersion: integer('applied_version'),
    cancelledAt: tsz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    /** Bumped by every write, like filings.version. */
    revision: integer('revision').notNull().default(1),
    createdAt: tsz('created_at').notNull().defaultNow(),
    updatedAt: tsz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('filing_changes_filing_idx').on(t.filingId),
    index('filing_changes_status_due_idx').on(t.status, t.dueDate),
    // One open change per filing (SPEC §5: 409 otherwise), held by the database too.
    uniqueIndex('filing_changes_one_open_idx')
      .on(t.filingId)
      .where(sql`status in ('draft', 'submitted', 'correction_requested')`),
  ],
);

/** A deregistration (注销, Art. 7): carried out at once, or scheduled for 00:00 China time on the termination date. */
export const deregistrations = pgTable(
  'deregistrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    status: deregistrationStatusEnum('status').notNull(),
    terminationDate: date('termination_date', { mode: 'string' }).notNull(),
    reason: text('reason'),
    /** Given after the termination date (Art. 7: on the day the business ends). */
    late: boolean('late').notNull().default(false),
    /** When a scheduled one is due: 00:00 China time of the termination date. */
    scheduledFor: tsz('scheduled_for'),
    /** The scheduler's job (scheduled_jobs.id) that carries it out. */
    jobId: uuid('job_id'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: tsz('requested_at').notNull(),
    carriedOutAt: tsz('carried_out_at'),
    cancelledAt: tsz('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('deregistrations_filing_idx').on(t.filingId),
    index('deregistrations_status_idx').on(t.status, t.terminationDate),
    uniqueIndex('deregistrations_one_scheduled_idx').on(t.filingId).where(sql`status = 'scheduled'`),
  ],
);
