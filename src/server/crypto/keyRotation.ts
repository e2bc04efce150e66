/**
 * SPEC §12 key rotation: every sealed value (crypto/sealedColumns.ts) not yet under the active key is opened with
 * the key it names and sealed again with the active one, in batches of one short transaction each, so the system
 * keeps running. Readers never notice: every old key stays in the keyring until nothing uses it (`vcp keys status`),
 * and a value is only replaced if it is still the one that was read (a concurrent write wins and is left alone).
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type Executor, queryRows } from '../db/client.js';
import { nextTurn } from '../lib/interrupted.js';
import type { FieldCipher } from './fieldCipher.js';
import { kidOf, SEALED_COLUMNS, type SealedColumn } from './sealedColumns.js';

export interface RotationProgress {
  table: string;
  column: string;
  resealed: number;
}

export interface RotationResult {
  activeKid: string;
  resealed: number;
  byColumn: RotationProgress[];
  /** Stopped by `signal` between two batches: what is left is re-sealed by the next run. */
  interrupted: boolean;
}

const b64 = (v: unknown) =>
  Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('base64') : String(v);

/** Where a batch starts: after the last key (and second key column) of the batch before. */
type Cursor = { k: string; k2: string | null } | null;

async function resealBatch(
  db: Executor,
  cipher: FieldCipher,
  c: SealedColumn,
  after: Cursor,
  batchSize: number,
): Promise<{ count: number; last: Cursor }> {
  const table = sql.identifier(c.table);
  const col = sql.identifier(c.column);
  const key = sql.identifier(c.key);
  const key2 = c.key2 ? sql.identifier(c.key2.name) : null;
  const reads = sql.raw(
    [...new Set([c.key, ...(c.key2 ? [c.key2.name] : []), ...c.reads])].map((r) => `"${r}"`).join(', '),
  );
  const keyType = sql.raw(c.keyType);
  let from: SQL = sql`true`;
  if (after !== null) {
    from =
      key2 && c.key2
        ? sql`(${key}, ${key2}) > (${after.k}::${keyType}, ${after.k2}::${sql.raw(c.key2.type)})`
        : sql`${key} > ${after.k}::${keyType}`;
  }
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${reads}, ${key}::text as "__key", ${key2 ? sql`${key2}::text` : sql`null`} as "__key2",
               ${col} as "__value" from ${table}
        where ${col} is not null and ${kidOf(c)} <> ${cipher.activeKeyId} and ${from}
        order by ${key}${key2 ? sql`, ${key2}` : sql``} limit ${batchSize}`,
  );
  if (rows.length === 0) return { count: 0, last: null };
  const updates = rows.map((r) => {
    const aad = c.aad(r);
    const sealed =
      c.kind === 'bytea'
        ? cipher.sealBytes(cipher.openBytes(r.__value as Uint8Array, aad), aad).toString('base64')
        : cipher.sealText(cipher.openText(String(r.__value), aad), aad);
    return { k: String(r.__key), k2: r.__key2 === null ? null : String(r.__key2), old: b64(r.__value), v: sealed };
  });
  const decode = (x: SQL) => (c.kind === 'bytea' ? sql`decode(${x}, 'base64')` : x);
  const result = await db.execute(sql`update ${table} t set ${col} = ${decode(sql`x.v`)}
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(k text, k2 text, old text, v text)
    where t.${key}::text = x.k ${key2 ? sql`and t.${key2}::text = x.k2` : sql``}
      and t.${col} = ${decode(sql`x.old`)}`);
  // node-postgres says rowCount, PGlite affectedRows.
  const counted = result as unknown as { rowCount?: number | null; affectedRows?: number };
  const count = Number(counted.rowCount ?? counted.affectedRows ?? 0);
  const lastRow = rows[rows.length - 1];
  return { count, last: { k: String(lastRow?.__key), k2: lastRow?.__key2 == null ? null : String(lastRow.__key2) } };
}

/**
 * Re-seals everything to `cipher`'s active key. `onBatch` runs after each committed batch (progress, or a test's
 * reads in between); `signal` stops the run between batches (each batch is its own transaction). Returns how many values were re-sealed; values written meanwhile under an old key (an instance
 * not yet restarted with the new keys) are left for the next run, and `vcp keys status` shows them.
 */
export async function rotateKeys(
  db: Db,
  cipher: FieldCipher,
  opts: { batchSize?: number; onBatch?: (p: RotationProgress) => Promise<void> | void; signal?: AbortSignal } = {},
): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 500;
  const byColumn: RotationProgress[] = [];
  const stopped = () => opts.signal?.aborted === true;
  for (const c of SEALED_COLUMNS) {
    if (stopped()) break;
    const progress = { table: c.table, column: c.column, resealed: 0 };
    let after: Cursor = null;
    for (;;) {
      // A turn of the event loop first, so a signal's handler gets to run (lib/interrupted.ts).
      await nextTurn();
      if (stopped()) break;
      const batch = await db.transaction((tx) => resealBatch(tx, cipher, c, after, batchSize));
      if (batch.last === null) break;
      progress.resealed += batch.count;
      after = batch.last;
      await opts.onBatch?.({ ...progress });
    }
    byColumn.push(progress);
  }
  return {
    activeKid: cipher.activeKeyId,
    resealed: byColumn.reduce((s, p) => s + p.resealed, 0),
    byColumn,
    interrupted: stopped(),
  };
}
