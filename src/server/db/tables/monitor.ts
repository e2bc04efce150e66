/**
 * The homepage monitor's records (SPEC §10, Article 5): every check with its evidence, kept as history, and per
 * filing the run of consecutive misses that flags it for staff after 3.
 */
import { customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { HOMEPAGE_CHECK_RESULTS } from '../../../shared/api/homepageChecks.js';
import { complaints, filings, users } from '../schema.js';

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const homepageCheckResultEnum = pgEnum('homepage_check_result', HOMEPAGE_CHECK_RESULTS);
export const HOMEPAGE_CHECK_TRIGGERS = ['staff', 'schedule', 'admin_all', 'complaint'] as const;

export const homepageChecks = pgTable(
  'homepage_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id),
    checkedAt: tsz('checked_at').notNull(),
    trigger: text('trigger', { enum: HOMEPAGE_CHECK_TRIGGERS }).notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    /** A `number_not_shown` complaint this check was run for (Article 9 → Article 5 evidence). */
    complaintId: uuid('complaint_id').references(() => complaints.id),
    /** The filing number and homepage checked (as they were at the time). */
    filingNumber: text('filing_number').notNull(),
    homepageUrl: text('homepage_url').notNull(),
    result: homepageCheckResultEnum('result').notNull(),
    reason: text('reason').notNull(),
    finalUrl: text('final_url').notNull(),
    httpStatus: integer('http_status').notNull(),
    /** checkHomepage.ts HomepageEvidence: redirect chain, charset, excerpt, SM3 of the body, … */
    evidence: jsonb('evidence').notNull(),
    /** monitor/securityTxt.ts: { found, findings }. */
    securityTxt: jsonb('security_txt'),
    /** PNG of the rendered page's bottom, when rendered in Chromium. */
    screenshot: bytea('screenshot'),
  },
  (t) => [
    index('homepage_checks_filing_idx').on(t.filingId, t.checkedAt),
    index('homepage_checks_complaint_idx').on(t.complaintId),
  ],
);

/**
 * The homepage bodies as received, gzipped, one row per distinct body (keyed by the SM3 of the bytes as received,
 * which each check's evidence names): a page that does not change between daily checks is stored once.
 */
export const homepageBodies = pgTable('homepage_bodies', {
  sm3: text('sm3').primaryKey(),
  /** gzip of the bytes as received (after the size cap). */
  gz: bytea('gz').notNull(),
  bytes: integer('bytes').notNull(),
  firstSeenAt: tsz('first_seen_at').notNull(),
});

export const homepageMonitor = pgTable(
  'homepage_monitor',
  {
    filingId: uuid('filing_id')
      .primaryKey()
      .references(() => filings.id),
    lastCheckedAt: tsz('last_checked_at').notNull(),
    lastResult: homepageCheckResultEnum('last_result').notNull(),
    /** Consecutive `missing` results; reset by `compliant`; unreachable and manual_review leave it as it is. */
    consecutiveMisses: integer('consecutive_misses').notNull().default(0),
    /** Set when the run reached 3; cleared by a compliant check. */
    flaggedAt: tsz('flagged_at'),
  },
  (t) => [index('homepage_monitor_flagged_idx').on(t.flaggedAt)],
);
