/**
 * The public registry's read side (SPEC §4, §7, §11, §13; Article 5 向社会公布), written in the transaction of each
 * public event by services/publicEvents.ts and by nothing else:
 * - `public_events`: every public event in order (approved, changed, deregistered, revoked) with the §4 record after
 *   it; `seq` is gapless (taken under a transaction lock), so it can index the transparency log's leaves.
 * - `public_registry`: one row per published filing, the record as the public sees it, its search text and the
 *   text's 1- and 2-character grams under a GIN index: a 2-character Chinese word is served by the index, which
 *   trigrams cannot do (STACK-NOTES). The grams are stored, not an index expression: a plan that filters on them
 *   (walking the date index for a common word) then tests an array instead of recomputing grams per row, which
 *   costs milliseconds a row on PGlite. The text rules are SQL functions
 *   (`public_search_fields`, `public_text_grams`, `public_query_grams`, defined in the migration), so the stored
 *   rows and the query use the very same rules on both databases.
 * - `public_search_gram_counts`: records per gram, so a 1- or 2-character term's total costs one row.
 * - `public_registry_counts`: how many records are in each public status, for totals without a scan.
 */
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const publicEvents = pgTable(
  'public_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    /** No foreign key: the public history outlives anything that happens to the filing row. */
    filingId: uuid('filing_id').notNull(),
    filingNumber: text('filing_number').notNull(),
    at: tsz('at').notNull(),
    /** The §4 public record after the event. */
    record: jsonb('record').notNull(),
  },
  (t) => [index('public_events_number_idx').on(t.filingNumber, t.seq)],
);

export const publicRegistry = pgTable(
  'public_registry',
  {
    filingId: uuid('filing_id').primaryKey(),
    filingNumber: text('filing_number').notNull().unique(),
    /** valid · deregistered · revoked */
    status: text('status').notNull(),
    filingDate: date('filing_date', { mode: 'string' }).notNull(),
    approvedAt: tsz('approved_at').notNull(),
    record: jsonb('record').notNull(),
    /** Lower-cased searchable fields, one a line: platform name, number, hosts, an organisation's name. */
    searchText: text('search_text').notNull(),
    /** Its 1- and 2-character grams (`public_search_grams`), kept in the row so a filter on them costs an array test. */
    grams: text('grams').array().notNull(),
    lastEventSeq: bigint('last_event_seq', { mode: 'number' }).notNull(),
    updatedAt: tsz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('public_registry_order_idx').on(t.filingDate.desc(), t.approvedAt.desc(), t.filingId.desc()),
    index('public_registry_grams_idx').using('gin', t.grams),
  ],
);

/** How many records hold each 1- or 2-character gram: the exact total of a 1- or 2-character term, without a scan. */
export const publicSearchGramCounts = pgTable('public_search_gram_counts', {
  gram: text('gram').primaryKey(),
  n: integer('n').notNull().default(0),
});

export const publicRegistryCounts = pgTable('public_registry_counts', {
  status: text('status').primaryKey(),
  n: integer('n').notNull().default(0),
});
