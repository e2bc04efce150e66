/**
 * Timed background jobs (jobs/scheduler.ts): a named job, when it is due, its payload. Claimed under a lease with
 * SKIP LOCKED, so one instance runs it; kept in the database, so it survives restarts. A recurring job has its cron
 * expression here and one pending occurrence at a time.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jobStatusEnum } from './states.js';

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const scheduledJobs = pgTable(
  'scheduled_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Deduplicates: at most one pending or running job per (name, key). */
    key: text('key'),
    runAt: tsz('run_at').notNull(),
    payload: jsonb('payload').notNull().default({}),
    status: jobStatusEnum('status').notNull().default('pending'),
    /** A cron expression (with `timezone`) for recurring jobs; null for one-off jobs. */
    cron: text('cron'),
    timezone: text('timezone'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(10),
    /** The claim's token and lease: only the holder records the outcome, and an expired lease is claimed again. */
    lockToken: uuid('lock_token'),
    lockedUntil: tsz('locked_until'),
    lastError: text('last_error'),
    finishedAt: tsz('finished_at'),
    createdAt: tsz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('scheduled_jobs_due_idx').on(t.status, t.runAt),
    uniqueIndex('scheduled_jobs_active_key_idx')
      .on(t.name, t.key)
      .where(sql`status in ('pending', 'running') and key is not null`),
  ],
);
