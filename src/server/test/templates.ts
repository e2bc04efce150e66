/**
 * Test databases are copies of one migrated, seeded template, made once per run by the global setups:
 * a PGlite data-dir dump restored in ~1 s, or a PostgreSQL `CREATE DATABASE … TEMPLATE`.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromPglite, fromPool, migrateDatabase } from '../db/client.js';
import { CalendarService } from '../services/calendar.js';
import { seedPartners } from '../services/outbox.js';

export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function prepareTemplate(database: Database): Promise<void> {
  await migrateDatabase(database);
  await new CalendarService(database.db).seedOfficial();
  await seedPartners(database.db);
}

export async function makePgliteTemplate(): Promise<Blob> {
  const client = await PGlite.create();
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
  const database = fromPool(new pg.Pool({ connectionString: urlForDatabase(name), max: 2 }));
  try {
    await prepareTemplate(database);
  } finally {
    await database.close();
  }
}

/** A fresh database for one test file, copied from the template; `url` lets other pools and processes in. */
export async function copyPostgresTemplate(template: string): Promise<Database & { url: string }> {
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`create database "${name}" template "${template}"`));
  const url = urlForDatabase(name);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const database = fromPool(pool);
  return {
    ...database,
    url,
    async close() {
      await pool.end();
      await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
