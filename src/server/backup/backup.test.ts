/**
 * SPEC §12 `vcp backup` / `vcp restore`, on the database this project runs on: a round trip gives back every row as it
 * was backed up (and the audit chain verifies); a database in use, a damaged file or other keys are refused and change
 * nothing; a PGlite folder held by a running process is refused.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '../audit/auditLog.js';
import { createContext } from '../bootstrap.js';
import { runCommand } from '../cli/commands.js';
import { queryRows } from '../db/client.js';
import { applicantEmail, DEMO_APPLICANT_PASSWORD, seedDemo } from '../demo/seed.js';
import { startTestServer, type TestServer, testCipher } from '../test/harness.js';
import { createTestDatabase } from '../test/testDb.js';
import { RestoreRefused, restoreDatabase } from './restore.js';
import { listTables } from './schemaInfo.js';

/** Every table's rows as text, in a stable order: equal fingerprints, equal data. */
async function fingerprint(server: TestServer): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await listTables(server.ctx.db)) {
    const [row] = await queryRows<{ n: number; h: string | null }>(
      server.ctx.db,
      sql`select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as h from ${sql.identifier(t.name)} x`,
    );
    out[t.name] = `${row?.n}:${row?.h ?? ''}`;
  }
  return out;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-backup-test-'));

describe('backup and restore', () => {
  let server: TestServer;
  let before: Record<string, string>;
  const file = path.join(tmp, 'full.vcpbak');

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.ctx, { filings: 60, seed: 'b1' });
    const out: string[] = [];
    expect(await runCommand(server.ctx, ['backup', file], (l) => out.push(l))).toBe(0);
    expect(out.join('\n')).toContain('keys are not in the backup');
    before = await fingerprint(server);
    // Then life goes on: more filings, an account, an edited row.
    await seedDemo(server.ctx, { filings: 15, seed: 'b2' });
    await server.ctx.db.execute(
      sql`update filings set platform_name = 'changed after the backup' where status = 'approved'`,
    );
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes one gzip file whose header names the format, migration and key ids, and holds no personal data in clear', () => {
    const text = gunzipSync(fs.readFileSync(file)).toString('utf8');
    const header = JSON.parse(text.slice(0, text.indexOf('\n')));
    expect(header).toMatchObject({
      format: 'vcp-backup',
      version: 1,
      source: server.ctx.database.kind,
      keyIds: ['t1'],
    });
    expect(header.migration.count).toBeGreaterThan(0);
    expect(header.tables.find((t: { name: string }) => t.name === 'filings').rows).toBe(60);
    expect(text).not.toContain(applicantEmail('b1', 1));
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/"end":true/);
  });

  it('refuses a database that holds data without --force, and a damaged file even with it, changing nothing', async () => {
    const changed = await fingerprint(server);
    expect(changed).not.toEqual(before);
    await expect(restoreDatabase(server.ctx, file)).rejects.toThrow(RestoreRefused);
    const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const truncated = path.join(tmp, 'truncated.vcpbak');
    fs.writeFileSync(truncated, gzipSync(`${lines.slice(0, -2).join('\n')}\n`));
    await expect(restoreDatabase(server.ctx, truncated, { force: true })).rejects.toThrow(/incomplete|damaged/);
    const altered = path.join(tmp, 'altered.vcpbak');
    fs.writeFileSync(altered, gzipSync(`${lines.join('\n').replace('"draft"', '"submitted"')}\n`));
    await expect(restoreDatabase(server.ctx, altered, { force: true })).rejects.toThrow(/SM3/);
    expect(await fingerprint(server)).toEqual(changed);
  });

  it('refuses keys that do not open the backup, changing nothing', async () => {
    const changed = await fingerprint(server);
    const other = createContext(server.ctx.config, server.ctx.database, testCipher());
    await expect(restoreDatabase(other, file, { force: true })).rejects.toThrow(/keys/);
    expect(await fingerprint(server)).toEqual(changed);
  });

  it.skipIf(inject('dbKind') !== 'postgres')(
    'refuses an empty PostgreSQL database another session uses, without --force',
    async () => {
      const empty = await createTestDatabase();
      const ctx = createContext(server.ctx.config, empty, server.ctx.cipher);
      const other = new (await import('pg')).default.Client({ connectionString: empty.url });
      await other.connect();
      try {
        await expect(restoreDatabase(ctx, file)).rejects.toThrow(/other session/);
        await other.end();
        // Once it is alone, the same restore goes through.
        await new Promise((r) => setTimeout(r, 200));
        expect((await restoreDatabase(ctx, file)).rows).toBeGreaterThan(0);
      } finally {
        await other.end().catch(() => {});
        await empty.close();
      }
    },
  );

  it('restores every row as it was backed up, the audit chain verifies, and the system works on', async () => {
    const out: string[] = [];
    expect(await runCommand(server.ctx, ['restore', file, '--force'], (l) => out.push(l))).toBe(0);
    expect(out.join('\n')).toContain('audit chain intact');
    expect(await fingerprint(server)).toEqual(before);
    expect((await verifyAuditChain(server.ctx.db)).ok).toBe(true);
    const client = server.client();
    const login = await client.post('/api/auth/login', {
      email: applicantEmail('b1', 1),
      password: DEMO_APPLICANT_PASSWORD,
    });
    expect(login.status).toBe(200);
    const gone = await server
      .client()
      .post('/api/auth/login', { email: applicantEmail('b2', 1), password: DEMO_APPLICANT_PASSWORD });
    expect(gone.status).toBe(401);
    // Serial counters were set past the restored rows: new audit entries and outbox rows append.
    const fresh = await server.client().signUp({ email: 'after-restore@example.cn', password: 'correct-horse-42' });
    expect(fresh.status).toBe(200);
    expect((await verifyAuditChain(server.ctx.db)).ok).toBe(true);
  });
});

describe.skipIf(inject('dbKind') !== 'pglite')('restore on a PGlite folder', () => {
  it('refuses a data folder another running process holds', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-restore-lock-'));
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(path.join(dir, 'vcp.lock'), String(holder.pid));
      const res = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/server/cli/vcp.ts', 'restore', '/nonexistent.vcpbak'],
        {
          env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(res.status).toBe(1);
      expect(`${res.stdout}${res.stderr}`).toContain(`in use by process ${holder.pid}`);
      expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(false);
    } finally {
      holder.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
