import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { type Database, fromPglite } from '../db/client.js';
import { copyPostgresTemplate } from './templates.js';

/** A fresh, migrated and seeded database of the kind this test project runs on (with its URL on PostgreSQL). */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  if (inject('dbKind') === 'postgres') return copyPostgresTemplate(inject('pgTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  return fromPglite(client);
}
