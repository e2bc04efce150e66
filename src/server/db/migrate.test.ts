/**
 * Two instances starting at once on one fresh PostgreSQL database (issue 8, SPEC §12): both migrate, neither fails,
 * and every migration is applied exactly once.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { urlForDatabase, waitForNoConnections, withAdmin } from '../test/templates.js';
import { fromPool, MIGRATIONS_FOLDER, migrateDatabase } from './client.js';

const onPostgres = inject('dbKind') === 'postgres';
const name = `vcp_migrate_${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  if (!onPostgres) return;
  await waitForNoConnections(name);
  await withAdmin((c) => c.query(`drop database if exists "${name}" with (force)`));
});

describe('migrations on PostgreSQL', () => {
  it.skipIf(!onPostgres)('two migrators started together on a fresh database apply each migration once', async () => {
    await withAdmin((c) => c.query(`create database "${name}"`));
    const instances = [0, 1].map(() => fromPool(new pg.Pool({ connectionString: urlForDatabase(name), max: 3 })));
    try {
      const results = await Promise.allSettled(instances.map((db) => migrateDatabase(db)));
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);

      const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
      const pool = instances[0]?.pool as pg.Pool;
      const applied = await pool.query<{ n: number; distinct: number }>(
        'select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations',
      );
      expect(applied.rows[0]).toEqual({ n: journal.entries.length, distinct: journal.entries.length });
      const tables = await pool.query("select to_regclass('public.filings') as t");
      expect(tables.rows[0].t).toBe('filings');
      // The lock is released: a third start migrates (nothing left) without waiting.
      await migrateDatabase(instances[1] as never);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
    }
  });
});
