/**
 * The public registry held in memory by each instance, for search, the list, a record by number with its public
 * history (each event's type, time, and the record's name and status after it) and the counts
 * (SPEC §7: 100,000 filings at a fraction of a bare handler's cost, uncached terms included; §12: several instances).
 *
 * What it holds comes from the projection (`public_registry`, kept by services/publicEvents.ts) and follows the
 * public history (`public_events`, gapless `seq`, appended under a lock held to commit, so commits come in `seq`
 * order): the index knows the last `seq` it has applied, and catching up is one indexed read of the filings with
 * later events plus their rows. It catches up before answering after a public event of this process, and otherwise
 * at most every `ttlMs` (so another instance's event shows within that, as with services/registryCache.ts; with a
 * TTL of 0, before every answer). Nothing personal is in the projection, so nothing personal is here.
 *
 * Layout: the records in the registry's order (filing date, approval time, id, newest first) and, for every 1- and
 * 2-character gram of their search text (and 3-character gram of letters and digits), the ascending positions of the
 * records holding it. A term's candidates are the intersection of its grams' lists (a 1- or 2-character term is one
 * gram: its list is its answer), confirmed by a substring test on the text for a longer term: the same rule as the SQL of services/publicRegistry.ts, which
 * stays the path for a term JavaScript cannot lower-case as PostgreSQL does and while the index is first built.
 * Records changed since the build are kept beside it (their old positions marked dead) and merged by the order key;
 * when they grow many, the index is rebuilt in the background and swapped in.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PublicRecord, PublicStatus } from '../../shared/filing/publicRecord.js';
import { type Executor, queryRows } from '../db/client.js';
import { publicEventGeneration } from './publicEvents.js';
import type { HistoryLine, RegistryCounts, RegistryPage, RegistryRow } from './publicRegistry.js';
import { lowerAscii } from './searchGrams.js';

export interface Doc {
  id: string;
  number: string;
  status: PublicStatus;
  /** The record as UTF-8 JSON (smaller than a string of Chinese text): parsed only for the rows a page shows. */
  json: Buffer;
  /** The search text (lower-cased fields, one a line), as stored. */
  text: string;
  /** Filing date, approval time in microseconds and id, so that a greater key is a newer record. */
  key: string;
}

interface DocRow {
  id: string;
  number: string;
  status: PublicStatus;
  record: string;
  text: string;
  key: string;
}

/** A history line as held: the time in milliseconds, the type and status shared strings. */
interface HeldLine {
  seq: number;
  type: string;
  at: number;
  name: string;
  status: PublicStatus;
}

interface EventRow {
  seq: string | number;
  number: string;
  type: string;
  at: string | Date;
  name: string;
  status: PublicStatus;
}

/** What a history line needs of a public event (the record's name and status after it, not the whole record). */
const EVENT_COLUMNS = sql`seq, filing_number as number, type, at,
  record->>'platformName' as name, record->>'status' as status`;

/** One copy of each event type and status string for all the lines that hold it. */
const shared = new Map<string, string>();
const one = <T extends string>(s: T): T => {
  const known = shared.get(s);
  if (known !== undefined) return known as T;
  if (shared.size < 1000) shared.set(s, s);
  return s;
};

const EMPTY = new Int32Array(0);

/** Columns of a row as the index holds it; `key` sorts as `public_registry_order_idx` does (descending: newest). */
const DOC_COLUMNS = sql`filing_id::text as id, filing_number as number, status, record::text as record,
  search_text as text,
  to_char(filing_date, 'YYYY-MM-DD') || '|' ||
    lpad(((extract(epoch from approved_at) * 1000000)::bigint)::text, 20, '0') || '|' || filing_id::text as key`;

const docOf = (r: DocRow): Doc => ({
  id: r.id,
  number: r.number,
  status: r.status,
  json: Buffer.from(r.record),
  text: r.text,
  key: r.key,
});

const rowOf = (d: Doc): RegistryRow => ({ status: d.status, record: JSON.parse(d.json.toString()) as PublicRecord });

/** A lower-case ASCII letter or digit: the characters of filing numbers and host names. */
const isAlnum = (ch: string) => (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z');

/**
 * Calls `add` with every 1- and 2-character gram of the text's fields (code points, as SQL counts them), and every
 * 3-character gram of letters and digits. Those are what numbers and host names are made of, and their 2-character
 * grams are in most records (every filing number holds `20` and `02`), so a partial number or a host found through
 * them alone was a scan of most of the registry; their 3-character grams narrow it to the few that can match.
 */
function forEachGram(text: string, add: (gram: string) => void): void {
  let prev = '';
  let prev2 = '';
  for (const ch of text) {
    if (ch === '\n') {
      prev = '';
      prev2 = '';
      continue;
    }
    add(ch);
    if (prev) add(prev + ch);
    if (prev2 && isAlnum(ch) && isAlnum(prev) && isAlnum(prev2)) add(prev2 + prev + ch);
    prev2 = prev;
    prev = ch;
  }
}

/**
 * The grams a term's matches must all hold: the term itself up to 2 characters, else its 2-character grams and its
 * 3-character grams of letters and digits (every record holding the term holds each of them, so they only narrow).
 */
function queryGrams(q: string): string[] {
  const chars = Array.from(q);
  if (chars.length <= 2) return [q];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const [a, b, c] = [chars[i] as string, chars[i + 1] as string, chars[i + 2]];
    grams.add(a + b);
    if (c !== undefined && isAlnum(a) && isAlnum(b) && isAlnum(c)) grams.add(a + b + c);
  }
  return [...grams];
}

/** The positions in both ascending lists (galloping through the longer one). */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Int32Array(a.length);
  let n = 0;
  let lo = 0;
  for (let i = 0; i < a.length && lo < b.length; i++) {
    const v = a[i] as number;
    let step = 1;
    let hi = lo;
    while (hi < b.length && (b[hi] as number) < v) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi >= b.length) hi = b.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((b[mid] as number) < v) lo = mid + 1;
      else hi = mid - 1;
    }
    if (lo < b.length && b[lo] === v) out[n++] = v;
  }
  return out.subarray(0, n);
}

/** One built index: the records in order with their gram lists, and what changed since. */
export class Snapshot {
  /** Positions of base records replaced or changed since the build. */
  private readonly dead: Uint8Array;
  private deadCount = 0;
  /** Records added or changed since the build, newest first. */
  private overlay: Doc[] = [];
  private readonly byId = new Map<string, { doc: Doc; pos: number }>();
  private readonly byNumber = new Map<string, Doc>();
  private readonly statusCounts: Record<PublicStatus, number> = { valid: 0, deregistered: 0, revoked: 0 };
  /** Base answers of common longer terms (see `holding`). */
  private readonly common = new Map<string, Int32Array>();
  /** Each filing number's public events, oldest first. */
  private readonly histories = new Map<string, HeldLine[]>();

  constructor(
    private readonly docs: Doc[],
    private readonly postings: Map<string, Int32Array>,
    /** The last public event applied. */
    public lastSeq: number,
    private readonly keepAnswersOver = KEEP_ANSWERS_OVER,
  ) {
    this.dead = new Uint8Array(docs.length);
    docs.forEach((doc, pos) => {
      this.byId.set(doc.id, { doc, pos });
      this.byNumber.set(doc.number, doc);
      this.statusCounts[doc.status] += 1;
    });
  }

  get changedCount(): number {
    return this.overlay.length;
  }

  get size(): number {
    return this.docs.length;
  }

  /** Puts a record's current row in place of what the index held for that filing. */
  apply(doc: Doc): void {
    const held = this.byId.get(doc.id);
    if (held) {
      this.statusCounts[held.doc.status] -= 1;
      if (held.doc.number !== doc.number) this.byNumber.delete(held.doc.number);
      if (held.pos >= 0) {
        if (!this.dead[held.pos]) {
          this.dead[held.pos] = 1;
          this.deadCount += 1;
        }
      } else {
        const at = this.overlay.indexOf(held.doc);
        if (at >= 0) this.overlay.splice(at, 1);
      }
    }
    // Newest first: before the first record with a smaller key.
    let lo = 0;
    let hi = this.overlay.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.overlay[mid] as Doc).key > doc.key) lo = mid + 1;
      else hi = mid;
    }
    this.overlay.splice(lo, 0, doc);
    this.byId.set(doc.id, { doc, pos: -1 });
    this.byNumber.set(doc.number, doc);
    this.statusCounts[doc.status] += 1;
  }

  /** Adds a public event to its record's history (events come in `seq` order; one seen before is ignored). */
  addEvent(r: EventRow): void {
    const seq = Number(r.seq);
    let lines = this.histories.get(r.number);
    if (!lines) {
      lines = [];
      this.histories.set(r.number, lines);
    }
    const last = lines[lines.length - 1];
    if (last && last.seq >= seq) return;
    lines.push({ seq, type: one(r.type), at: new Date(r.at).getTime(), name: r.name, status: one(r.status) });
  }

  /** A record's public history, oldest first (empty for a number with none). */
  history(number: string): HistoryLine[] {
    return (this.histories.get(number) ?? []).map((l) => ({
      seq: l.seq,
      type: l.type,
      at: new Date(l.at),
      platformName: l.name,
      status: l.status,
    }));
  }

  counts(): RegistryCounts {
    const c = this.statusCounts;
    return { ...c, total: c.valid + c.deregistered + c.revoked };
  }

  record(number: string): RegistryRow | undefined {
    const doc = this.byNumber.get(number);
    return doc ? rowOf(doc) : undefined;
  }

  /** A page of the records matching the lower-cased term (all for ''), newest first, and their total. */
  search(q: string, page: number, pageSize: number): RegistryPage {
    let base: Int32Array | null; // null: every base record
    let extra: Doc[];
    if (q === '') {
      base = null;
      extra = this.overlay;
    } else {
      base = [...q].length > 2 ? this.holding(q) : (this.postings.get(q) ?? EMPTY);
      if (this.deadCount > 0) base = this.alive(base);
      extra = this.overlay.filter((d) => d.text.includes(q));
    }
    const baseTotal = base ? base.length : this.docs.length - this.deadCount;
    const total = baseTotal + extra.length;
    const offset = (page - 1) * pageSize;
    const items: RegistryRow[] = [];
    if (offset >= total) return { total, items };
    // Merge the base matches (in position order, skipping dead ones for the whole list) with the changed ones.
    let i = 0; // index into base (or position when base is null)
    let j = 0;
    let seen = 0;
    const nextBase = (): Doc | undefined => {
      if (base) return i < base.length ? this.docs[base[i] as number] : undefined;
      while (i < this.docs.length && this.dead[i]) i++;
      return this.docs[i];
    };
    while (items.length < pageSize) {
      const a = nextBase();
      const b = extra[j];
      if (!a && !b) break;
      let doc: Doc;
      if (a && (!b || a.key > b.key)) {
        doc = a;
        i++;
      } else {
        doc = b as Doc;
        j++;
      }
      if (seen++ >= offset) items.push(rowOf(doc));
    }
    return { total, items };
  }

  /**
   * The base records holding a term of 3 or more characters: the intersection of its grams' lists, each candidate
   * confirmed by a substring test. Where even the rarest gram is common, intersecting costs more than it saves and
   * its list is tested directly. A large answer is kept for the snapshot's life (the base never changes; dead
   * records are taken out after), so a common term costs its scan once.
   */
  private holding(q: string): Int32Array {
    const kept = this.common.get(q);
    if (kept) {
      this.common.delete(q);
      this.common.set(q, kept);
      return kept;
    }
    const lists = queryGrams(q).map((g) => this.postings.get(g) ?? EMPTY);
    lists.sort((a, b) => a.length - b.length);
    let candidates = lists[0] as Int32Array;
    if (candidates.length < this.docs.length / 4) {
      for (let i = 1; i < lists.length && candidates.length > 16; i++) {
        candidates = intersect(candidates, lists[i] as Int32Array);
      }
    }
    const out = new Int32Array(candidates.length);
    let n = 0;
    for (let k = 0; k < candidates.length; k++) {
      const pos = candidates[k] as number;
      if ((this.docs[pos] as Doc).text.includes(q)) out[n++] = pos;
    }
    const found = out.slice(0, n);
    if (n >= this.keepAnswersOver) {
      this.common.set(q, found);
      if (this.common.size > KEEP_ANSWERS) this.common.delete(this.common.keys().next().value as string);
    }
    return found;
  }

  /** The positions not marked dead. */
  private alive(positions: Int32Array): Int32Array {
    const out = new Int32Array(positions.length);
    let n = 0;
    for (let k = 0; k < positions.length; k++) {
      const pos = positions[k] as number;
      if (!this.dead[pos]) out[n++] = pos;
    }
    return out.subarray(0, n);
  }
}

/** Answers of longer terms with at least this many base records are kept, up to KEEP_ANSWERS terms (LRU). */
const KEEP_ANSWERS_OVER = 2000;
const KEEP_ANSWERS = 32;

/**
 * The gram lists of records in the registry's order (what a build spends its CPU on: about a microsecond a gram).
 * Lists grow as typed arrays, doubling, and are cut to size at the end; the loop yields now and then so that
 * requests are answered meanwhile.
 */
export async function buildSnapshot(docs: Doc[], lastSeq: number, keepAnswersOver?: number): Promise<Snapshot> {
  const lists = new Map<string, { a: Int32Array; n: number }>();
  for (let pos = 0; pos < docs.length; pos++) {
    forEachGram((docs[pos] as Doc).text, (g) => {
      const list = lists.get(g);
      if (!list) {
        const a = new Int32Array(4);
        a[0] = pos;
        lists.set(g, { a, n: 1 });
      } else if (list.a[list.n - 1] !== pos) {
        if (list.n === list.a.length) {
          const grown = new Int32Array(list.a.length * 2);
          grown.set(list.a);
          list.a = grown;
        }
        list.a[list.n++] = pos;
      }
    });
    if (pos % 2000 === 1999) await new Promise((r) => setImmediate(r));
  }
  const postings = new Map<string, Int32Array>();
  for (const [g, list] of lists) postings.set(g, list.a.slice(0, list.n));
  return new Snapshot(docs, postings, lastSeq, keepAnswersOver);
}

/** Rows read a query at a time while building, so other requests get the database in between (PGlite: one connection). */
const BUILD_CHUNK = 5000;
/** A registry this small is built while the first request waits (tests, a new deployment); a larger one in the background. */
const BUILD_IN_REQUEST = 20_000;
/** More changed filings than this at once (a bulk import by another process): rebuild rather than apply them. */
const MAX_APPLY = 1000;

export interface RegistryIndexOptions {
  ttlMs: number;
  clock?: () => number;
  /** This process's public event generation (services/publicEvents.ts); a test stands in for another instance. */
  generation?: () => number;
  /** See BUILD_IN_REQUEST, MAX_APPLY and KEEP_ANSWERS_OVER (tests make them small). */
  buildInRequest?: number;
  maxApply?: number;
  keepAnswersOver?: number;
}

export class RegistryIndex {
  private snapshot: Snapshot | null = null;
  private building: Promise<Snapshot> | null = null;
  private syncing: Promise<void> | null = null;
  private syncedGeneration = -1;
  private lastSyncAt = Number.NEGATIVE_INFINITY;
  private readonly clock: () => number;
  private readonly generation: () => number;
  private readonly buildInRequest: number;
  private readonly maxApply: number;
  /** How many times the index was built (for tests and the benchmark). */
  builds = 0;
  /** Where a failed build is reported (the server's log); the SQL path answers meanwhile and a later read retries. */
  onError: (err: unknown) => void = () => {};

  constructor(
    private readonly db: Executor,
    private readonly opts: RegistryIndexOptions,
  ) {
    this.clock = opts.clock ?? (() => performance.now());
    this.generation = opts.generation ?? publicEventGeneration;
    this.buildInRequest = opts.buildInRequest ?? BUILD_IN_REQUEST;
    this.maxApply = opts.maxApply ?? MAX_APPLY;
  }

  /** The lower-cased term the index can answer, or null when only SQL can lower-case it as PostgreSQL does. */
  static termOf(q: string): string | null {
    return lowerAscii(q);
  }

  /**
   * The index as current as the rules above require, or null while a large registry's first build runs (the caller
   * then reads through SQL).
   */
  async current(): Promise<Snapshot | null> {
    let snap = this.snapshot;
    if (!snap) {
      const build = this.startBuild();
      const [row] = await queryRows<{ n: string | number }>(
        this.db,
        sql`select coalesce(sum(n), 0) as n from public_registry_counts`,
      );
      if (Number(row?.n ?? 0) > this.buildInRequest) return null;
      try {
        snap = await build;
      } catch {
        return null; // reported by startBuild; SQL answers this request
      }
    }
    if (this.opts.ttlMs <= 0) {
      await this.sync(); // nothing may be kept: catch up before every answer
    } else {
      // This process recorded a public event: catch up before answering (a sync already under way may predate it,
      // hence the rounds). Otherwise catch up once the TTL has passed; only the request that starts it waits.
      for (let round = 0; round < 3 && this.generation() !== this.syncedGeneration; round++) await this.sync();
      if (this.clock() - this.lastSyncAt >= this.opts.ttlMs && !this.syncing) await this.sync();
    }
    return this.snapshot;
  }

  /** Records in the index (0 before it is built). */
  get size(): number {
    return this.snapshot?.counts().total ?? 0;
  }

  /** Builds the index now (at start), unless it is built or being built; resolves with how many records it holds. */
  async warm(): Promise<number> {
    const snap = this.snapshot ?? (await this.startBuild());
    return snap.size;
  }

  private startBuild(): Promise<Snapshot> {
    if (!this.building) {
      const building = this.build().then(
        (snap) => {
          this.snapshot = snap;
          this.building = null;
          return snap;
        },
        (err) => {
          this.building = null;
          throw err;
        },
      );
      // A background build's failure is reported, not thrown at nobody; the next request tries again.
      building.catch((err) => this.onError(err));
      this.building = building;
    }
    return this.building;
  }

  private async build(): Promise<Snapshot> {
    const generation = this.generation();
    const [top] = await queryRows<{ seq: string | number }>(
      this.db,
      sql`select coalesce(max(seq), 0) as seq from public_events`,
    );
    const docs: Doc[] = [];
    // Keyset pages along `public_registry_order_idx`: each page starts after the last row of the one before.
    let after: SQL = sql``;
    for (;;) {
      const rows: (DocRow & { d: string; us: string })[] = await queryRows(
        this.db,
        sql`select ${DOC_COLUMNS}, to_char(filing_date, 'YYYY-MM-DD') as d,
                   ((extract(epoch from approved_at) * 1000000)::bigint)::text as us
            from public_registry ${after}
            order by filing_date desc, approved_at desc, filing_id desc limit ${BUILD_CHUNK}`,
      );
      for (const r of rows) docs.push(docOf(r));
      const last = rows[rows.length - 1];
      if (rows.length < BUILD_CHUNK || !last) break;
      after = sql`where (filing_date, approved_at, filing_id) <
                  (${last.d}::date, 'epoch'::timestamptz + ${last.us}::bigint * interval '1 microsecond', ${last.id}::uuid)`;
    }
    const lastSeq = Number(top?.seq ?? 0);
    const snap = await buildSnapshot(docs, lastSeq, this.opts.keepAnswersOver);
    // The public history up to the same event, in pages along its primary key.
    for (let after = 0; after < lastSeq; ) {
      const rows = await queryRows<EventRow>(
        this.db,
        sql`select ${EVENT_COLUMNS} from public_events where seq > ${after} and seq <= ${lastSeq}
            order by seq limit ${BUILD_CHUNK}`,
      );
      for (const r of rows) snap.addEvent(r);
      const last = rows[rows.length - 1];
      if (rows.length < BUILD_CHUNK || !last) break;
      after = Number(last.seq);
    }
    // What happened while the rows were read is applied before the snapshot is used.
    await this.catchUp(snap);
    this.builds += 1;
    if (!this.snapshot) this.syncedGeneration = generation;
    this.lastSyncAt = this.clock();
    return snap;
  }

  private sync(): Promise<void> {
    if (!this.syncing) {
      const generation = this.generation();
      const started = this.clock();
      this.syncing = (async () => {
        const snap = this.snapshot;
        if (!snap) return;
        const outcome = await this.catchUp(snap);
        if (outcome === 'rebuild') {
          // A restored database (the history went back) or a bulk import: build afresh; until then, what is held.
          this.startBuild();
        }
        this.syncedGeneration = generation;
        this.lastSyncAt = started;
      })().finally(() => {
        this.syncing = null;
      });
    }
    return this.syncing;
  }

  /** Applies the public events after the snapshot's last; 'rebuild' when they cannot be applied one by one. */
  private async catchUp(snap: Snapshot): Promise<'done' | 'rebuild'> {
    const [head] = await queryRows<{ top: string | number; ids: string }>(
      this.db,
      sql`select (select coalesce(max(seq), 0) from public_events) as top,
                 (select coalesce(json_agg(e.filing_id), '[]'::json)
                  from (select distinct filing_id from public_events where seq > ${snap.lastSeq}
                        limit ${this.maxApply + 1}) as e)::text as ids`,
    );
    const top = Number(head?.top ?? 0);
    const ids = JSON.parse(head?.ids ?? '[]') as string[];
    if (top < snap.lastSeq || ids.length > this.maxApply) return 'rebuild';
    if (ids.length > 0) {
      const rows = await queryRows<DocRow>(
        this.db,
        sql`select ${DOC_COLUMNS} from public_registry
            where filing_id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`,
      );
      for (const r of rows) snap.apply(docOf(r));
      const events = await queryRows<EventRow>(
        this.db,
        sql`select ${EVENT_COLUMNS} from public_events where seq > ${snap.lastSeq} and seq <= ${top} order by seq`,
      );
      for (const e of events) snap.addEvent(e);
    }
    snap.lastSeq = top;
    if (snap.changedCount > Math.max(this.maxApply, snap.size / 20)) return 'rebuild';
    return 'done';
  }
}
