import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCommand } from '../cli/commands.js';
import { queryRows } from '../db/client.js';
import { registerApplicant } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { appendAudit, verifyAuditChain } from './auditLog.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const c = server.client();
  await registerApplicant(c);
  await c.post('/api/filings', {});
  await server.ctx.db.transaction((tx) =>
    appendAudit(tx, { action: 'filing.create', actorId: null, subjectType: 'filing', subjectId: 'x', details: {} }),
  );
});
afterAll(() => server?.close());

async function runVerify() {
  const lines: string[] = [];
  const code = await runCommand(server.ctx, ['audit', 'verify'], (l) => lines.push(l));
  return { code, output: lines.join('\n') };
}

describe('audit chain', () => {
  it('records account and filing events in order, each chained to the one before', async () => {
    const rows = await queryRows<{ action: string; prev_hash: string; hash: string }>(
      server.ctx.db,
      sql`select action, prev_hash, hash from audit_log order by seq`,
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['calendar.import', 'account.register', 'filing.create']));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const result = await verifyAuditChain(server.ctx.db);
    expect(result).toMatchObject({ ok: true, checked: rows.length });
  });

  it('`vcp audit verify` passes on an intact chain', async () => {
    const { code, output } = await runVerify();
    expect(code).toBe(0);
    expect(output).toMatch(/intact: \d+ entries/);
  });

  it('names the first entry whose content was edited', async () => {
    const rows = await queryRows<{ seq: number }>(
      server.ctx.db,
      sql`select seq from audit_log where action = 'account.register' order by seq limit 1`,
    );
    const seq = Number(rows[0]?.seq);
    await server.ctx.db.execute(sql`update audit_log set details = '{"roles":["admin"]}' where seq = ${seq}`);
    const { code, output } = await runVerify();
    expect(code).toBe(1);
    expect(output).toContain(`BROKEN at entry #${seq}`);
    expect(output).toContain('content does not match');
  });

  it('names the entry after a deleted one', async () => {
    // Restore a clean chain first by verifying on a fresh server, then delete a middle row there.
    const fresh = await startTestServer();
    try {
      const c = fresh.client();
      await registerApplicant(c);
      await c.post('/api/filings', {});
      const rows = await queryRows<{ seq: number }>(fresh.ctx.db, sql`select seq from audit_log order by seq`);
      const middle = Number(rows[1]?.seq);
      const next = Number(rows[2]?.seq);
      await fresh.ctx.db.execute(sql`delete from audit_log where seq = ${middle}`);
      const result = await verifyAuditChain(fresh.ctx.db);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toEqual({ seq: next, reason: 'prev_hash does not match the entry before' });
    } finally {
      await fresh.close();
    }
  });
});

describe('`npm run vcp -- audit verify` as a process', () => {
  // One run is enough: the process opens its own embedded database, whatever the project.
  it.runIf(inject('dbKind') === 'pglite')(
    'exits 0 on a fresh embedded database and prints the count',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-cli-'));
      try {
        const run = promisify(execFile);
        const { stdout } = await run('npx', ['tsx', 'src/server/cli/vcp.ts', 'audit', 'verify'], {
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
          timeout: 150_000,
        });
        expect(stdout).toMatch(/audit chain intact: [1-9]\d* entries verified/);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
