/**
 * Test databases are copies of one migrated, seeded template, made once per run by the global setups:
 * a PGlite data-dir dump restored in ~1 s, or a PostgreSQL `CREATE DATABASE … TEMPLATE`.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromPglite, fromPool, migrateDatabase } from '../db/client.js';
import { pgliteCodec } from '../db/pgliteCodec.js';
import { CalendarService } from '../services/calendar.js';
import { seedPartners } from '../services/outbox.js';

export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function prepareTemplate(database: Database): Promise<void> {
  await migrateDatabase(database);
  await new CalendarService(database.db).seedOfficial();
  await seedPartners(database.db);
}

export async function makePgliteTemplate(): Promise<Blob> {
  const client = await PGlite.create(pgliteCodec);
  await prepareTemplate(fromPglite(client));
  const dump = await client.dumpDataDir('none');
  await client.close();
  return dump;
}

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_PG_URL;
}

export function urlForDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  c.on('error', () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function isPostgresReachable(): Promise<boolean> {
  try {
    await withAdmin((c) => c.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

export async function makePostgresTemplate(name: string): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`drop database if exists "${name}"`);
    await c.query(`create database "${name}"`);
  });
  const database = fromPool(new pg.Pool({ connectionString: urlForDatabase(name), max: 2 }), ignore);
  try {
    await prepareTemplate(database);
  } finally {
    await database.close();
    await waitForNoConnections(name);
  }
}

const ignore = () => {};

/**
 * `pool.end()` resolves before its clients' sockets have closed. Dropping the database `WITH (FORCE)` at that moment
 * terminates those backends, and the closing clients receive 57P01: wait until the server has let them go.
 */
export async function waitForNoConnections(database: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  await withAdmin(async (c) => {
    for (;;) {
      const { rows } = await c.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      if ((rows[0]?.n ?? 0) === 0 || Date.now() > until) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  });
}

/** A fresh database for one test file, copied from the template; `url` lets other pools and processes in. */
export async function copyPostgresTemplate(template: string): Promise<Database & { url: string }> {
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database "${name}" template "${template}"`));
  const url = urlForDatabase(name);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Connections cut on purpose by a test (or by the drop below) must not crash the test process.
  const database = fromPool(pool, ignore);
  return {
    ...database,
    url,
    async close() {
      await pool.end();
      await waitForNoConnections(name);
      await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
