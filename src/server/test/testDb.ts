import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { type Database, fromPglite } from '../db/client.js';
import { pgliteCodec } from '../db/pgliteCodec.js';
import { PgliteThread } from '../db/pgliteThread.js';
import { copyPostgresTemplate } from './templates.js';

/** A fresh, migrated and seeded database of the kind this test project runs on (with its URL on PostgreSQL). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (inject('dbKind') === 'postgres') return copyPostgresTemplate(inject('pgTemplate'));
  const template = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  if (process.env.VCP_TEST_PGLITE_THREAD === '1') return threadTestDatabase(template);
  return pgliteTestDatabase(await PGlite.create({ ...pgliteCodec, loadDataDir: template }));
}

/**
 * VCP_TEST_PGLITE_THREAD=1: PGlite on its own thread, as the server runs it (db/pgliteThread.ts), so that any test
 * file can be run against that path too.
 */
async function threadTestDatabase(dump: Blob): Promise<TestDatabase> {
  const thread = await PgliteThread.create({ loadDataDir: dump });
  return { ...fromPglite(thread.asClient()), dump: () => thread.dumpDataDir() };
}

/** On PGlite, `dump` takes the data folder as it stands, so a restart can open the same data in a new instance. */
export type TestDatabase = Database & { url?: string; dump?: () => Promise<Blob> };

export function pgliteTestDatabase(client: PGlite): TestDatabase {
  return { ...fromPglite(client), dump: () => client.dumpDataDir('none') };
}

/** The same data in a new PGlite instance (a restart on the same folder). */
export async function reopenPglite(dump: Blob): Promise<TestDatabase> {
  if (process.env.VCP_TEST_PGLITE_THREAD === '1') return threadTestDatabase(dump);
  return pgliteTestDatabase(await PGlite.create({ ...pgliteCodec, loadDataDir: dump }));
}
