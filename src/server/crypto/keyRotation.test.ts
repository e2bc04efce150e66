/**
 * SPEC §12 `vcp keys rotate`: personal data, account emails, TOTP secrets, partner payloads and attachments are
 * re-sealed with the new key in batches; everything stays readable between the batches (directly and through the
 * API); a value an old instance writes meanwhile keeps opening and is picked up by the next run; an old key can be
 * removed only once nothing uses it.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeBlob } from '../attachments/blobStore.js';
import { createContext } from '../bootstrap.js';
import { runCommand } from '../cli/commands.js';
import { registerUser } from '../commands/registerUser.js';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { applicantEmail, DEMO_APPLICANT_PASSWORD, seedDemo } from '../demo/seed.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { FieldCipher } from './fieldCipher.js';
import { rotateKeys } from './keyRotation.js';
import { loadKeyring } from './keys.js';
import { keyUsage, SEALED_COLUMNS } from './sealedColumns.js';
import { sm3Hex } from './sm3.js';

/** Every sealed value opened, by table, column and row: what a reader gets. */
async function readAll(ctx: AppContext): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of SEALED_COLUMNS) {
    const cols = [c.key, ...(c.key2 ? [c.key2.name] : []), ...c.reads];
    const reads = sql.raw([...new Set(cols)].map((r) => `"${r}"`).join(', '));
    const rows = await queryRows<Record<string, unknown>>(
      ctx.db,
      sql`select ${reads}, ${sql.identifier(c.column)} as v from ${sql.identifier(c.table)} where ${sql.identifier(c.column)} is not null`,
    );
    for (const r of rows) {
      const plain =
        c.kind === 'bytea'
          ? sm3Hex(ctx.cipher.openBytes(r.v as Uint8Array, c.aad(r)))
          : ctx.cipher.openText(String(r.v), c.aad(r));
      const id = c.key2 ? `${String(r[c.key])}/${String(r[c.key2.name])}` : String(r[c.key]);
      out.set(`${c.table}.${c.column}:${id}`, plain);
    }
  }
  return out;
}

const kids = async (ctx: AppContext) => [...new Set((await keyUsage(ctx.db)).map((u) => u.kid))].sort();

function keysOf(server: TestServer) {
  const [kid, b64] = server.keys.VCP_KEYS.split(':') as [string, string];
  return { kid, key: Buffer.from(b64, 'base64'), indexKey: Buffer.from(server.keys.VCP_INDEX_KEY, 'base64') };
}

describe('the list of sealed columns', () => {
  it('names every *_enc and bytea column of the schema, so rotation and backups miss none', async () => {
    const server = await startTestServer();
    try {
      const cols = await queryRows<{ c: string }>(
        server.ctx.db,
        sql`select table_name || '.' || column_name as c from information_schema.columns
            where table_schema = 'public' and (column_name like '%\\_enc' or data_type = 'bytea') order by 1`,
      );
      // Binary columns that hold nothing personal, so are not sealed: public homepages as fetched and their
      // screenshots (Article 5).
      const plain = ['homepage_bodies.gz', 'homepage_checks.screenshot'];
      expect(cols.map((r) => r.c).filter((c) => !plain.includes(c))).toEqual(
        SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort(),
      );
    } finally {
      await server.close();
    }
  });
});

describe('key rotation', () => {
  let server: TestServer;
  let baseline: Map<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.ctx, { filings: 30, seed: 'k1' });
    // A file stored in chunks, as uploads are since chunking: 150 KiB are three sealed chunks.
    const big = await writeBlob(server.ctx, [randomBytes(150 * 1024)], 1024 * 1024);
    baseline = await readAll(server.ctx);
    expect([...baseline.keys()].filter((k) => k.startsWith(`attachment_chunks.content:${big.blobId}`))).toHaveLength(3);
  }, 120_000);
  afterAll(() => server?.close());

  it('re-seals everything in batches while every value stays readable, and the old key is removable only when unused', async () => {
    const { kid, key, indexKey } = keysOf(server);
    expect(await kids(server.ctx)).toEqual([kid]);
    const oldCipher = server.ctx.cipher;
    // The servers restarted with the new key first in their keyring, the old one after it.
    const newKey = randomBytes(32);
    const cipher = new FieldCipher({ activeKid: 't2', keys: { [kid]: key, t2: newKey }, indexKey });
    server.ctx.cipher = cipher;
    const client = server.client();
    expect(
      (await client.post('/api/auth/login', { email: applicantEmail('k1', 1), password: DEMO_APPLICANT_PASSWORD }))
        .status,
    ).toBe(200);
    const mine = (await client.get('/api/filings')).body.items as { id: string }[];
    const detail = async () => (await client.get(`/api/filings/${mine[0]?.id}`)).body;
    const before = await detail();

    let batches = 0;
    let mixed = false;
    let oldInstanceWrote = false;
    await rotateKeys(server.ctx.db, cipher, {
      batchSize: 7,
      onBatch: async (p) => {
        batches++;
        const twoKeys = (await kids(server.ctx)).length === 2;
        if (twoKeys) mixed = true;
        // Readers between two batches: the API and every sealed value.
        expect(await detail()).toEqual(before);
        if (batches % 10 === 1) {
          const now = await readAll(server.ctx);
          for (const [k, v] of baseline) expect(now.get(k), k).toBe(v);
        }
        if (twoKeys) {
          const out: string[] = [];
          expect(await runCommand(server.ctx, ['keys', 'remove', kid], (l) => out.push(l))).toBe(1);
          expect(out.join('\n')).toContain('still seals');
        }
        if (!oldInstanceWrote && p.table !== 'users') {
          // An instance not yet restarted still seals with the old key, behind the pass (users are done).
          await registerUser(createContext(server.ctx.config, server.ctx.database, oldCipher), {
            email: 'old-instance@example.cn',
            password: 'correct-horse-42',
          });
          oldInstanceWrote = true;
        }
      },
    });
    expect(batches).toBeGreaterThan(20);
    expect(mixed).toBe(true);
    expect(oldInstanceWrote).toBe(true);
    const after = await readAll(server.ctx);
    for (const [k, v] of baseline) expect(after.get(k), k).toBe(v);
    // What the old instance wrote during the run, behind the pass, is still under the old key, and still opens.
    const left = (await keyUsage(server.ctx.db)).filter((u) => u.kid === kid);
    expect(left.reduce((s, u) => s + u.rows, 0)).toBeGreaterThan(0);
    const second = await rotateKeys(server.ctx.db, cipher);
    expect(second.resealed).toBe(left.reduce((s, u) => s + u.rows, 0));
    expect(await kids(server.ctx)).toEqual(['t2']);
    const status: string[] = [];
    expect(await runCommand(server.ctx, ['keys', 'status'], (l) => status.push(l))).toBe(0);
    expect(status.join('\n')).toMatch(new RegExp(`${kid}\\t0 sealed values\\tunused`));
    // With the old key gone, everything still opens.
    server.ctx.cipher = new FieldCipher({ activeKid: 't2', keys: { t2: newKey }, indexKey });
    const final = await readAll(server.ctx);
    for (const [k, v] of baseline) expect(final.get(k), k).toBe(v);
    expect(
      (await client.post('/api/auth/login', { email: 'old-instance@example.cn', password: 'correct-horse-42' })).status,
    ).toBe(200);
  }, 120_000);
});

describe('vcp keys with the key file', () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.ctx, { filings: 8, seed: 'kf' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-keys-'));
    const { kid, key, indexKey } = keysOf(server);
    fs.writeFileSync(
      path.join(dir, 'keys.json'),
      JSON.stringify({
        activeKid: kid,
        keys: { [kid]: key.toString('base64') },
        indexKey: indexKey.toString('base64'),
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The context a restarted `vcp` or server gets: keys from the file in its DATA_DIR. */
  const fromFile = () => {
    const config = { ...server.ctx.config, keys: undefined, dataDir: dir };
    return createContext(config, server.ctx.database, new FieldCipher(loadKeyring({ dataDir: dir }).input));
  };

  it('adds a new active key, re-seals, and removes the old key from the file once unused', async () => {
    const baseline = await readAll(fromFile());
    const out: string[] = [];
    expect(await runCommand(fromFile(), ['keys', 'rotate'], (l) => out.push(l))).toBe(0);
    expect(out.join('\n')).toContain('new key k2 is active');
    if (inject('dbKind') === 'postgres') {
      // PostgreSQL: servers may be running; they restart with the new key before the data is re-sealed.
      expect(out.join('\n')).toContain('Restart the server');
      expect(await kids(server.ctx)).toEqual(['t1']);
      expect(await runCommand(fromFile(), ['keys', 'rotate'], (l) => out.push(l))).toBe(0);
    }
    expect(out.join('\n')).toMatch(/re-sealed \d+ values with key k2/);
    expect(await kids(server.ctx)).toEqual(['k2']);
    expect(await runCommand(fromFile(), ['keys', 'remove', 'k2'], (l) => out.push(l))).toBe(1);
    expect(await runCommand(fromFile(), ['keys', 'remove', 't1'], (l) => out.push(l))).toBe(0);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'keys.json'), 'utf8'));
    expect(Object.keys(file.keys)).toEqual(['k2']);
    expect(fs.statSync(path.join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    const after = await readAll(fromFile());
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(baseline));
    const audit = await queryRows<{ action: string }>(
      server.ctx.db,
      sql`select action from audit_log where action like 'keys.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['keys.rotate', 'keys.remove']);
  }, 120_000);
});
