/**
 * Opens the database: embedded PGlite in DATA_DIR by default, or a PostgreSQL server when DATABASE_URL is set.
 * Both are driven through the same Drizzle API, so every query runs on both.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { isDatabaseUnavailable } from '../lib/dbErrors.js';
import { lockDataDir } from './dataDirLock.js';
import { pgliteCodec } from './pgliteCodec.js';
import { PgliteThread } from './pgliteThread.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: read helpers accept both. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** On PostgreSQL, the pool behind `db` (migrations hold a lock on one of its connections). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export function fromPglite(client: PGlite, onClose?: () => void): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async close() {
      await client.close();
      onClose?.();
    },
  };
}

/**
 * Wraps a pool. A client whose connection drops (a PostgreSQL restart, a terminated backend, a cut network) emits
 * 'error'; without a listener Node would crash, so the error is reported and the pool replaces the client.
 */
export function fromPool(pool: pg.Pool, onError: (err: Error) => void = reportPoolError): Database {
  pool.on('error', onError);
  pool.on('connect', (client) => {
    // A client checked out between two queries (inside a transaction) has no pool listener: its connection dropping
    // would be an unhandled 'error' event.
    client.on('error', onError);
    releaseWhenBroken(client);
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return { db, kind: 'postgres', pool, close: () => pool.end() };
}

/**
 * Drizzle's `transaction()` on a pool runs `begin` before its try/finally, so a connection lost at that moment is
 * never released: each outage would leak a pool slot until the pool is exhausted for good. So a checked-out client
 * whose query fails because the connection is gone is handed back here at once, marked broken (the pool destroys
 * it), and the caller's later release becomes a no-op.
 */
function releaseWhenBroken(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.catch((err: unknown) => {
      if (isDatabaseUnavailable(err) && typeof client.release === 'function') {
        const release = client.release;
        client.release = () => {};
        try {
          release(err instanceof Error ? err : new Error(String(err)));
        } catch {
          // already released
        }
      }
      throw err;
    });
  };
}

function reportPoolError(err: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 50, time: Date.now(), msg: 'database connection lost', err: err.message })}\n`,
  );
}

/** Any 64-bit number nobody else uses: the key of the session advisory lock that serialises migrations. */
export const MIGRATION_LOCK_KEY = '7526640437817198950';

/**
 * Applies the migrations not yet applied. On PostgreSQL several instances may start at once: each takes a session
 * advisory lock on one connection first, so one migrates while the others wait and then find nothing left to do
 * (Drizzle's migrator alone would let both create its table and apply the same migration). PGlite has one owner.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  const opts = { migrationsFolder: MIGRATIONS_FOLDER };
  // The migrators are typed per driver; the underlying object is the right one for its kind.
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, opts);
    return;
  }
  if (!database.pool) {
    await migratePg(database.db as never, opts);
    return;
  }
  const client = await database.pool.connect();
  let broken = false;
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg({ client, schema }) as never, opts);
    } finally {
      await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } catch (err) {
    // A connection in an unknown state (the lock may still be held) must not return to the pool.
    broken = true;
    throw err;
  } finally {
    client.release(broken);
  }
}

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Where a lost idle connection is reported (the server's logger); default a JSON line on stderr. */
  onPoolError?: (err: Error) => void;
  /** PGlite on its own thread (db/pgliteThread.ts; default), or on this one. */
  pgliteThread?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // Waiting for a connection (a free slot, or a server that does not answer) gives up after 15 s, so a request
    // meets its 503 rather than hanging when the network drops packets; refused connections fail at once anyway.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 15_000 });
    // Fail early with the server's own message when it cannot be reached.
    const c = await pool.connect();
    c.release();
    return fromPool(pool, opts.onPoolError);
  }
  const release = lockDataDir(opts.dataDir);
  try {
    const dataDir = path.join(opts.dataDir, 'pgdata');
    // On the main thread every statement would hold every request meanwhile (issue 9, `npm run bench:upload`).
    const client =
      opts.pgliteThread === false
        ? await PGlite.create(dataDir, pgliteCodec)
        : (await PgliteThread.create({ dataDir })).asClient();
    return fromPglite(client, release);
  } catch (err) {
    release();
    throw err;
  }
}

/** Runs raw SQL and returns its rows, the same on both drivers (both results carry `rows`). */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
