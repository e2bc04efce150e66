/**
 * The transparency log in the database (SPEC §11): leaves appended in the transaction of each public event
 * (services/publicEvents.ts calls appendLeaves under its advisory lock), complete subtrees stored as they complete,
 * and roots and proofs of any size computed from O(log² n) stored nodes (transparency/ranges.ts).
 */
import { sql } from 'drizzle-orm';
import { type Db, type Executor, queryRows, type Tx } from '../db/client.js';
import { type LeafInput, leafText } from './leaf.js';
import { leafHash } from './merkle.js';
import {
  appendNodes,
  consistencyRanges,
  inclusionRanges,
  type NodeKey,
  nodeKeyId,
  nodesFor,
  perfectParts,
  type Range,
  rangeHash,
} from './ranges.js';

/** How many leaves the log holds (leaf indexes are 0 … size − 1, gapless). */
export async function logSize(db: Executor): Promise<number> {
  const [row] = await queryRows<{ n: string | number | null }>(
    db,
    sql`select max(idx) + 1 as n from transparency_leaves`,
  );
  return Number(row?.n ?? 0);
}

async function fetchNodes(db: Executor, keys: readonly NodeKey[]): Promise<Map<string, Buffer>> {
  const map = new Map<string, Buffer>();
  if (keys.length === 0) return map;
  const json = JSON.stringify(keys);
  const rows = await queryRows<{ level: number; idx: string | number; hash: string }>(
    db,
    sql`select n.level, n.idx, n.hash from transparency_nodes n
          join jsonb_to_recordset(${json}::jsonb) as k(level int, idx bigint) on n.level = k.level and n.idx = k.idx
        union all
        select 0, l.idx, l.leaf_hash from transparency_leaves l
          join jsonb_to_recordset(${json}::jsonb) as k(level int, idx bigint) on k.level = 0 and l.idx = k.idx`,
  );
  for (const r of rows) map.set(nodeKeyId({ level: Number(r.level), idx: Number(r.idx) }), Buffer.from(r.hash, 'hex'));
  return map;
}

async function hashesOf(db: Executor, ranges: readonly Range[]): Promise<Buffer[]> {
  const nodes = await fetchNodes(db, nodesFor(ranges));
  return ranges.map((r) => rangeHash(r, nodes));
}

/**
 * Appends the leaves of `events` (consecutive `seq`, oldest first) in the caller's transaction, which holds the
 * public events' lock. Events the log does not have yet before the first of them (a database from before the log)
 * are read from `public_events` and appended first, so the log never has a gap.
 */
export async function appendLeaves(tx: Tx, events: readonly LeafInput[]): Promise<void> {
  if (events.length === 0) return;
  const size = await logSize(tx);
  const first = events[0]?.seq ?? 0;
  let all: readonly LeafInput[] = events;
  if (first !== size + 1) {
    if (first <= size) throw new Error(`transparency log: event ${first} already has its leaf`);
    all = [...(await eventsBetween(tx, size + 1, first)), ...events];
  }
  all.forEach((e, i) => {
    if (e.seq !== size + i + 1) throw new Error(`transparency log: event ${e.seq} out of order`);
  });
  const frontierKeys = perfectParts(0, size);
  const stored = await fetchNodes(tx, frontierKeys);
  const frontier = frontierKeys.map((key) => ({ key, hash: stored.get(nodeKeyId(key)) as Buffer }));
  const leaves = all.map((e) => leafText(e));
  const made = appendNodes(
    size,
    frontier,
    leaves.map((l) => leafHash(l)),
  );
  const leafRows = JSON.stringify(
    leaves.map((leaf, i) => ({ idx: size + i, leaf, hash: leafHash(leaf).toString('hex') })),
  );
  await tx.execute(sql`insert into transparency_leaves (idx, leaf, leaf_hash)
    select x.idx, x.leaf, x.hash from jsonb_to_recordset(${leafRows}::jsonb) as x(idx bigint, leaf text, hash text)`);
  const nodeRows = made
    .filter((n) => n.key.level > 0)
    .map((n) => ({ level: n.key.level, idx: n.key.idx, hash: n.hash.toString('hex') }));
  if (nodeRows.length > 0) {
    await tx.execute(sql`insert into transparency_nodes (level, idx, hash)
      select x.level, x.idx, x.hash from jsonb_to_recordset(${JSON.stringify(nodeRows)}::jsonb)
        as x(level int, idx bigint, hash text)`);
  }
}

/** Public events with from ≤ seq < to, as leaf inputs. */
async function eventsBetween(db: Executor, from: number, to: number): Promise<LeafInput[]> {
  const rows = await queryRows<{
    seq: string | number;
    type: string;
    filing_number: string;
    at: Date;
    record: unknown;
  }>(
    db,
    sql`select seq, type, filing_number, at, record from public_events where seq >= ${from} and seq < ${to} order by seq`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    type: r.type,
    filingNumber: r.filing_number,
    at: new Date(r.at),
    record: typeof r.record === 'string' ? JSON.parse(r.record) : r.record,
  }));
}

/** Public events read back from the database (what `vcp log verify` checks the leaves against). */
export const readEvents = eventsBetween;

/**
 * The backfill: appends the leaves of every public event the log does not hold yet, in transactions of `batch`
 * events, under the public events' lock. Run at start after the migrations (bootstrap.ts); a no-op when in step.
 */
export async function backfillLog(db: Db, lock: (tx: Tx) => Promise<void>, batch = 2000): Promise<number> {
  let added = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await lock(tx);
      const size = await logSize(tx);
      const events = await eventsBetween(tx, size + 1, size + 1 + batch);
      await appendLeaves(tx, events);
      return events.length;
    });
    added += n;
    if (n < batch) return added;
  }
}

export async function rootAt(db: Executor, size: number): Promise<Buffer> {
  const [h] = await hashesOf(db, [[0, size]]);
  return h as Buffer;
}

export async function inclusionProofAt(db: Executor, index: number, size: number): Promise<Buffer[]> {
  return hashesOf(db, inclusionRanges(index, size));
}

export async function consistencyProofAt(db: Executor, first: number, second: number): Promise<Buffer[]> {
  return hashesOf(db, consistencyRanges(first, second));
}

export async function leavesBetween(
  db: Executor,
  start: number,
  end: number,
): Promise<{ index: number; leaf: string }[]> {
  const rows = await queryRows<{ idx: string | number; leaf: string }>(
    db,
    sql`select idx, leaf from transparency_leaves where idx >= ${start} and idx < ${end} order by idx`,
  );
  return rows.map((r) => ({ index: Number(r.idx), leaf: r.leaf }));
}
