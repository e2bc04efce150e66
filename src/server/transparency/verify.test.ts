/**
 * `vcp log verify` over HTTP and in the database: an intact log verifies and its head is saved; a grown log verifies
 * against the saved head; one tampered leaf, a forged head signature and a rewritten history are each found, and the
 * first wrong leaf is named.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logVerify } from '../cli/logCommands.js';
import { queryRows } from '../db/client.js';
import { seedDemo } from '../demo/seed.js';
import { lockPublicEvents, type PublicEvent, recordPublicEvent } from '../services/publicEvents.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { publishHead } from './heads.js';
import { backfillLog } from './logStore.js';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.ctx, { filings: 30, seed: 'verify1' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-log-'));
}, 120_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await logVerify(server.ctx, args, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}
const overHttp = (...more: string[]) => run(['--url', server.url, ...more]);
const inDatabase = (...more: string[]) => run(more);

async function leafAt(index: number): Promise<string> {
  const [row] = await queryRows<{ leaf: string }>(
    server.ctx.db,
    sql`select leaf from transparency_leaves where idx = ${index}`,
  );
  return row?.leaf as string;
}
async function setLeaf(index: number, leaf: string): Promise<void> {
  await server.ctx.db.execute(sql`update transparency_leaves set leaf = ${leaf} where idx = ${index}`);
}

describe('vcp log verify', () => {
  it('verifies an intact log over HTTP and in the database, and saves the head', async () => {
    const state = path.join(dir, 'head.json');
    const http = await overHttp('--state', state);
    expect(http.text).toMatch(/transparency log intact: \d+ leaves verified/);
    expect(http.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).head.treeSize).toBeGreaterThan(20);
    const db = await inDatabase();
    expect(db.text).toMatch(/transparency log intact/);
    expect(db.code).toBe(0);
  });

  it('verifies a log that grew since the saved head', async () => {
    const state = path.join(dir, 'head.json');
    const saved = JSON.parse(fs.readFileSync(state, 'utf8')).head.treeSize as number;
    const [last] = await queryRows<{ filing_id: string; filing_number: string; record: PublicEvent['record'] }>(
      server.ctx.db,
      sql`select filing_id, filing_number, record from public_events order by seq desc limit 1`,
    );
    await server.ctx.db.transaction((tx) =>
      recordPublicEvent(tx, {
        type: 'filing.changed',
        filingId: last?.filing_id as string,
        filingNumber: last?.filing_number as string,
        at: new Date(),
        record: { ...(last?.record as PublicEvent['record']), platformName: '更名后的漏洞平台' },
      }),
    );
    const http = await overHttp('--state', state);
    expect(http.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).head.treeSize).toBe(saved + 1);
  });

  it('names the one tampered leaf, over HTTP and in the database', async () => {
    const original = await leafAt(5);
    const parsed = JSON.parse(original);
    const forged = original.replace(JSON.stringify(parsed.record.platformName), JSON.stringify('伪造的平台名称'));
    expect(forged).not.toBe(original);
    await setLeaf(5, forged);
    try {
      const http = await overHttp();
      expect(http.code).toBe(1);
      expect(http.text).toContain('the first wrong leaf is leaf 5 (seq 6)');
      const db = await inDatabase();
      expect(db.code).toBe(1);
      expect(db.text).toContain('leaf 5 differs from public event 6');
      expect(db.text).toContain('the first wrong leaf is leaf 5 (seq 6)');
    } finally {
      await setLeaf(5, original);
    }
    expect((await overHttp()).code).toBe(0);
  });

  it('refuses a head whose signature does not verify, and one signed by a key other than the pinned one', async () => {
    const pinned = path.join(dir, 'other.pem');
    const { generateKeyPairSync } = await import('node:crypto');
    fs.writeFileSync(
      pinned,
      generateKeyPairSync('ec', { namedCurve: 'SM2' }).publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const pinnedRun = await overHttp('--key', pinned);
    expect(pinnedRun.code).toBe(1);
    expect(pinnedRun.text).toContain('another key than the pinned one');

    await server.ctx.db.execute(sql`update transparency_heads set signature = ${Buffer.from('forged').toString('base64')}
      where id = (select max(id) from transparency_heads)`);
    const http = await overHttp();
    expect(http.code).toBe(1);
    expect(http.text).toContain('signature does not verify');
    const db = await inDatabase();
    expect(db.code).toBe(1);
    expect(db.text).toContain('signature does not verify');
    await server.ctx.db.execute(
      sql`delete from transparency_heads where id = (select max(id) from transparency_heads)`,
    );
  });

  it('finds a history rewritten and re-signed since the saved head, and names its first changed leaf', async () => {
    const state = path.join(dir, 'head.json');
    expect((await overHttp('--state', state)).code).toBe(0);
    // The operator rewrites public event 3 and rebuilds and re-signs the whole log.
    await server.ctx.db.execute(
      sql`update public_events set record = jsonb_set(record, '{platformName}', '"改写的历史"') where seq = 3`,
    );
    await server.ctx.db.execute(sql`delete from transparency_leaves`);
    await server.ctx.db.execute(sql`delete from transparency_nodes`);
    await server.ctx.db.execute(sql`delete from transparency_heads`);
    await backfillLog(server.ctx.db, lockPublicEvents);
    await publishHead(server.ctx);
    const http = await overHttp('--state', state);
    expect(http.code).toBe(1);
    expect(http.text).toContain('leaf 2 changed since the saved head');
    expect(http.text).toContain('the first wrong leaf is leaf 2 (seq 3)');
  });
});
