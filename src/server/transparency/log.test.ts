/**
 * The transparency log in the database and over HTTP (SPEC §11): every public event has its leaf, the demo seed's
 * batch path writes the same leaves and nodes as events recorded one by one, the backfill rebuilds the same log, heads
 * are SM2-signed, and the proofs served over HTTP are the ones a second, naive RFC 6962 implementation computes.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { seedDemo } from '../demo/seed.js';
import {
  lockPublicEvents,
  type PublicEvent,
  type PublicEventType,
  recordPublicEvent,
} from '../services/publicEvents.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { leafText } from './leaf.js';
import { backfillLog } from './logStore.js';
import { verifyConsistency, verifyInclusion } from './merkle.js';
import { verifyHead } from './signer.js';

// A naive RFC 6962 §2.1 implementation over the raw leaves, written from the definitions (no shared code).
const H = (hex: string) => createHash('sm3').update(Buffer.from(hex, 'hex')).digest('hex');
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const mth = (d: string[]): string =>
  d.length === 0
    ? H('')
    : d.length === 1
      ? H(`00${Buffer.from(d[0] as string, 'utf8').toString('hex')}`)
      : H(`01${mth(d.slice(0, k(d.length)))}${mth(d.slice(k(d.length)))}`);
const path = (m: number, d: string[]): string[] => {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...path(m, d.slice(0, s)), mth(d.slice(s))] : [...path(m - s, d.slice(s)), mth(d.slice(0, s))];
};
const subproof = (m: number, d: string[], b: boolean): string[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s
    ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))]
    : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
};
const buf = (h: string) => Buffer.from(h, 'hex');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.ctx, { filings: 40, seed: 'log1' });
}, 120_000);
afterAll(() => server?.close());

const rows = <T>(s: TestServer, q: ReturnType<typeof sql>) => queryRows<T>(s.ctx.db, q);
const storedLog = async (s: TestServer) => ({
  leaves: (
    await rows<{ idx: string; leaf: string; leaf_hash: string }>(
      s,
      sql`select idx, leaf, leaf_hash from transparency_leaves order by idx`,
    )
  ).map((r) => ({ ...r, idx: Number(r.idx) })),
  nodes: (
    await rows<{ level: number; idx: string; hash: string }>(
      s,
      sql`select level, idx, hash from transparency_nodes order by level, idx`,
    )
  ).map((r) => ({ ...r, level: Number(r.level), idx: Number(r.idx) })),
});
const events = (s: TestServer) =>
  rows<{ seq: string; type: string; filing_id: string; filing_number: string; at: Date; record: unknown }>(
    s,
    sql`select seq, type, filing_id, filing_number, at, record from public_events order by seq`,
  );

async function allEntries(s: TestServer, size: number): Promise<string[]> {
  const out: string[] = [];
  while (out.length < size) {
    const res = await s.client().get(`/api/public/log/entries?start=${out.length}&end=${size}`);
    expect(res.status).toBe(200);
    for (const e of res.body.entries) {
      expect(e.index).toBe(out.length);
      out.push(e.leaf);
    }
  }
  return out;
}

describe('the transparency log', () => {
  it('holds one leaf per public event, in the canonical encoding, hashed as RFC 6962 leaves', async () => {
    const evs = await events(server);
    const { leaves } = await storedLog(server);
    expect(evs.length).toBeGreaterThan(20);
    expect(leaves.map((l) => Number(l.idx))).toEqual(evs.map((e) => Number(e.seq) - 1));
    evs.forEach((e, i) => {
      const text = leafText({
        seq: Number(e.seq),
        type: e.type,
        filingNumber: e.filing_number,
        at: e.at,
        record: e.record,
      });
      expect(leaves[i]?.leaf).toBe(text);
      expect(leaves[i]?.leaf_hash).toBe(H(`00${Buffer.from(text).toString('hex')}`));
    });
    const first = JSON.parse(leaves[0]?.leaf as string);
    expect(Object.keys(first)).toEqual(['at', 'event', 'filingNumber', 'record', 'seq']);
    expect(first.event).toBe('approved');
    expect(first.seq).toBe(1);
  });

  it('writes the same leaves and nodes from the demo seed’s batches as from events recorded one by one', async () => {
    const evs = await events(server);
    const other = await startTestServer();
    try {
      for (const e of evs) {
        await other.ctx.db.transaction((tx) =>
          recordPublicEvent(tx, {
            type: e.type as PublicEventType,
            filingId: e.filing_id,
            filingNumber: e.filing_number,
            at: new Date(e.at),
            record: e.record as PublicEvent['record'],
          }),
        );
      }
      expect(await storedLog(other)).toEqual(await storedLog(server));
      const heads = await Promise.all([server, other].map((s) => s.client().get('/api/public/log/head')));
      expect(heads[1]?.body.rootHash).toBe(heads[0]?.body.rootHash);
    } finally {
      await other.close();
    }
  }, 120_000);

  it('builds the same log again from the public events (the backfill of a database from before the log)', async () => {
    const before = await storedLog(server);
    await server.ctx.db.execute(sql`delete from transparency_leaves`);
    await server.ctx.db.execute(sql`delete from transparency_nodes`);
    expect(await backfillLog(server.ctx.db, lockPublicEvents, 7)).toBe(before.leaves.length);
    expect(await storedLog(server)).toEqual(before);
    expect(await backfillLog(server.ctx.db, lockPublicEvents)).toBe(0);
  });

  it('serves an SM2-signed head whose root is that of the entries, and signs a new one when the tree grows', async () => {
    const c = server.client();
    const key = await c.get('/api/public/log/key');
    expect(key.status).toBe(200);
    expect(key.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(key.text).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const head = (await c.get('/api/public/log/head')).body;
    const leaves = await allEntries(server, head.treeSize);
    expect(head.treeSize).toBe((await events(server)).length);
    expect(head.rootHash).toBe(mth(leaves));
    expect(verifyHead(head, key.text)).toBe(true);
    expect(verifyHead({ ...head, treeSize: head.treeSize - 1 }, key.text)).toBe(false);
    expect(verifyHead({ ...head, rootHash: H('00') }, key.text)).toBe(false);
    expect((await c.get('/api/public/log/head')).body).toEqual(head);

    const [last] = await events(server).then((e) => e.slice(-1));
    await server.ctx.db.transaction((tx) =>
      recordPublicEvent(tx, {
        type: 'filing.changed',
        filingId: last?.filing_id as string,
        filingNumber: last?.filing_number as string,
        at: new Date(),
        record: { ...(last?.record as PublicEvent['record']), platformName: '变更后的平台' },
      }),
    );
    const grown = (await c.get('/api/public/log/head')).body;
    expect(grown.treeSize).toBe(head.treeSize + 1);
    expect(verifyHead(grown, key.text)).toBe(true);
    const proof = (await c.get(`/api/public/log/proof/consistency?first=${head.treeSize}&second=${grown.treeSize}`))
      .body.proof as string[];
    expect(
      verifyConsistency(head.treeSize, grown.treeSize, buf(head.rootHash), buf(grown.rootHash), proof.map(buf)),
    ).toBe(true);
  });

  it('serves the inclusion and consistency proofs the naive implementation computes, for every size', async () => {
    const c = server.client();
    const head = (await c.get('/api/public/log/head')).body;
    const leaves = await allEntries(server, head.treeSize);
    const n = leaves.length;
    for (const size of [1, 2, 3, 7, 8, 9, 16, 17, n - 1, n]) {
      const d = leaves.slice(0, size);
      const root = mth(d);
      for (const index of new Set([0, 1, Math.floor(size / 2), size - 2, size - 1].filter((i) => i >= 0 && i < size))) {
        const res = await c.get(`/api/public/log/proof/inclusion?index=${index}&treeSize=${size}`);
        expect(res.status).toBe(200);
        expect(res.body.auditPath).toEqual(path(index, d));
        const lh = buf(H(`00${Buffer.from(d[index] as string).toString('hex')}`));
        expect(verifyInclusion(index, size, lh, res.body.auditPath.map(buf), buf(root))).toBe(true);
      }
      for (const first of new Set([1, 2, 3, Math.floor(size / 2), size - 1, size].filter((m) => m >= 1 && m <= size))) {
        const res = await c.get(`/api/public/log/proof/consistency?first=${first}&second=${size}`);
        expect(res.status).toBe(200);
        expect(res.body.proof).toEqual(subproof(first, d, true));
      }
    }
  });

  it('refuses proofs and ranges outside the tree with 400 naming the parameter', async () => {
    const c = server.client();
    const { treeSize } = (await c.get('/api/public/log/head')).body;
    const cases: [string, string][] = [
      [`/api/public/log/proof/inclusion?index=${treeSize}&treeSize=${treeSize}`, 'index'],
      [`/api/public/log/proof/inclusion?index=0&treeSize=${treeSize + 1}`, 'treeSize'],
      ['/api/public/log/proof/inclusion?index=-1&treeSize=1', 'index'],
      [`/api/public/log/proof/consistency?first=2&second=1`, 'first'],
      [`/api/public/log/proof/consistency?first=1&second=${treeSize + 1}`, 'second'],
      ['/api/public/log/proof/consistency?first=0&second=1', 'first'],
      [`/api/public/log/entries?start=${treeSize}&end=${treeSize + 5}`, 'start'],
      ['/api/public/log/entries?start=3&end=3', 'end'],
      ['/api/public/log/entries?start=x&end=3', 'start'],
    ];
    for (const [url, field] of cases) {
      const res = await c.get(url);
      expect(res.status, url).toBe(400);
      expect(JSON.stringify(res.body), url).toContain(field);
    }
  });
});
