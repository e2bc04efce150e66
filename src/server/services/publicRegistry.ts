/**
 * Reading the public registry (SPEC §4, §7, §13): search, a record by number with its public history, and the
 * counts, all from the projection that services/publicEvents.ts keeps (db/tables/publicRegistry.ts). Nothing here
 * reads `filings` or anything personal.
 *
 * Search is a substring match on the platform name, the filing number, the URL hosts and an organisation's name.
 * The GIN index on the text's grams narrows the rows (every 2-character gram of the term, or the one character),
 * and `search_text LIKE` confirms a longer term itself. Totals without a scan: the list's from
 * `public_registry_counts`, a 1- or 2-character term's from `public_search_gram_counts`; a longer term is counted
 * through the index (such terms are selective).
 */
import { sql } from 'drizzle-orm';
import type { PublicRecord, PublicStatus } from '../../shared/filing/publicRecord.js';
import { type Executor, queryRows } from '../db/client.js';
import type { RegistryCache } from './registryCache.js';
import { RegistryIndex } from './registryIndex.js';

export interface RegistryRow {
  status: PublicStatus;
  record: PublicRecord;
}

export interface RegistryPage {
  total: number;
  items: RegistryRow[];
}

export interface PublicHistoryEvent {
  seq: number;
  type: string;
  at: Date;
  record: PublicRecord;
}

/** One line of a record's public history, as its page shows it (routes/portal/record.ts). */
export interface HistoryLine {
  seq: number;
  type: string;
  at: Date;
  platformName: string;
  status: PublicStatus;
}

/** An event's line: its type and time, and the record's name and status after it. */
export const historyLineOf = (e: PublicHistoryEvent): HistoryLine => ({
  seq: e.seq,
  type: e.type,
  at: e.at,
  platformName: e.record.platformName,
  status: e.record.status,
});

export type RegistryCounts = Record<PublicStatus, number> & { total: number };

/** `%`, `_` and the escape character itself match literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The term as matched: whitespace runs (a line break too) become one space, since fields are kept one a line. */
export const normaliseTerm = (q: string) => q.replace(/\s+/g, ' ').trim();

/** As `public_registry_order_idx` is built, so the list walks the index. */
const NEWEST_FIRST = sql`filing_date desc nulls last, approved_at desc nulls last, filing_id desc nulls last`;

export async function searchRegistry(
  db: Executor,
  opts: { q: string; page: number; pageSize: number },
): Promise<RegistryPage> {
  const q = normaliseTerm(opts.q);
  const offset = (opts.page - 1) * opts.pageSize;
  if (!q) {
    const [rows, counts] = await Promise.all([
      queryRows<RegistryRow>(
        db,
        sql`select status, record from public_registry order by ${NEWEST_FIRST} limit ${opts.pageSize} offset ${offset}`,
      ),
      registryCounts(db),
    ]);
    return { total: counts.total, items: rows };
  }
  // Scalar subqueries: computed once per query (an init plan), never once per row, even in a generic plan.
  const queryGrams = sql`(select public_query_grams(lower(${q}::text)))`;
  const grams = sql`grams @> ${queryGrams}`;
  // A 1- or 2-character term is one gram: holding it is matching it, and its total is kept per gram.
  const short = [...q].length <= 2;
  const where = short ? grams : sql`${grams} and search_text like (select lower(${`%${escapeLike(q)}%`}::text))`;
  // How many records can match: a short term's exact total, a longer one's rarest gram (0: a gram no record has).
  const [[estimate], counts] = await Promise.all([
    queryRows<{ n: string | number | null }>(
      db,
      sql`select min(n) as n from public_search_gram_counts where gram = any(${queryGrams}::text[])`,
    ),
    registryCounts(db),
  ]);
  const est = Number(estimate?.n ?? 0);
  if (est === 0) return { total: 0, items: [] };
  const need = offset + opts.pageSize;
  let items: RegistryRow[] | undefined;
  if (est / Math.max(1, counts.total) >= COMMON_SHARE && need <= est) {
    // A common term: its newest matches are among the newest records. Read a window of the date index, sized
    // for twice the page's matches, and filter it, whatever the planner would guess (a bitmap of tens of
    // thousands of rows costs seconds on PGlite). Too few matches in the window: the general query below.
    const window = Math.min(counts.total, Math.ceil((need * counts.total * 2) / est) + opts.pageSize);
    const rows = await queryRows<RegistryRow>(
      db,
      sql`select status, record from (
            select status, record, grams, search_text, filing_date, approved_at, filing_id from public_registry
            order by ${NEWEST_FIRST} limit ${window}) as w
          where ${where} order by ${NEWEST_FIRST} limit ${opts.pageSize} offset ${offset}`,
    );
    if (rows.length === opts.pageSize || window >= counts.total) items = rows;
  }
  items ??= await queryRows<RegistryRow>(
    db,
    sql`select status, record from public_registry where ${where}
        order by ${NEWEST_FIRST} limit ${opts.pageSize} offset ${offset}`,
  );
  if (short) return { total: est, items };
  const [c] = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from public_registry where ${where}`,
  );
  return { total: Number(c?.n ?? 0), items };
}

/** A term held by at least this share of the records is searched through the date index (see above). */
const COMMON_SHARE = 0.02;

export async function registryCounts(db: Executor): Promise<RegistryCounts> {
  const rows = await queryRows<{ status: PublicStatus; n: number }>(
    db,
    sql`select status, n from public_registry_counts`,
  );
  const counts: RegistryCounts = { valid: 0, deregistered: 0, revoked: 0, total: 0 };
  for (const r of rows) {
    if (r.status in counts) counts[r.status] = Number(r.n);
    counts.total += Number(r.n);
  }
  return counts;
}

export async function findRecord(db: Executor, filingNumber: string): Promise<RegistryRow | undefined> {
  const [row] = await queryRows<RegistryRow>(
    db,
    sql`select status, record from public_registry where filing_number = ${filingNumber}`,
  );
  return row;
}

/** The public events of one filing, oldest first. */
export async function publicHistory(db: Executor, filingNumber: string): Promise<PublicHistoryEvent[]> {
  const rows = await queryRows<{ seq: string | number; type: string; at: Date | string; record: PublicRecord }>(
    db,
    sql`select seq, type, at, record from public_events where filing_number = ${filingNumber} order by seq`,
  );
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, at: new Date(r.at), record: r.record }));
}

/**
 * The registry's reads as routes and pages use them: search, records and counts from the instance's index in memory
 * (services/registryIndex.ts) when it is on and built, else through SQL behind the instance's cache
 * (services/registryCache.ts); a record's history likewise.
 */
export class PublicRegistryReader {
  constructor(
    private readonly db: Executor,
    private readonly cache: RegistryCache,
    readonly index?: RegistryIndex,
  ) {}

  async search(opts: { q: string; page: number; pageSize: number }): Promise<RegistryPage> {
    const q = normaliseTerm(opts.q);
    const term = this.index ? RegistryIndex.termOf(q) : null;
    if (term !== null) {
      const snap = await this.index?.current();
      if (snap) return snap.search(term, opts.page, opts.pageSize);
    }
    return this.cache.get(`s\n${q}\n${opts.page}\n${opts.pageSize}`, () => searchRegistry(this.db, { ...opts, q }));
  }

  async record(filingNumber: string): Promise<RegistryRow | undefined> {
    const snap = await this.index?.current();
    if (snap) return snap.record(filingNumber);
    return this.cache.get(`r\n${filingNumber}`, () => findRecord(this.db, filingNumber));
  }

  async history(filingNumber: string): Promise<HistoryLine[]> {
    const snap = await this.index?.current();
    if (snap) return snap.history(filingNumber);
    return this.cache.get(`h\n${filingNumber}`, async () =>
      (await publicHistory(this.db, filingNumber)).map(historyLineOf),
    );
  }

  async counts(): Promise<RegistryCounts> {
    const snap = await this.index?.current();
    if (snap) return snap.counts();
    return this.cache.get('c', () => registryCounts(this.db));
  }

  /** Anything derived from the registry alone (a rendered page), under the same expiry and invalidation. */
  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.cache.get(`m\n${key}`, make);
  }
}
