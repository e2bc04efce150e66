/**
 * `npm run bench:log`: the transparency log at scale (SPEC §11) on PGlite and PostgreSQL. Appends N synthetic leaves
 * in batches (as the demo seed does), then times, per operation: the root of the whole tree, inclusion and
 * consistency proofs at random sizes from the stored subtrees (transparency/ranges.ts), a page of 1000 entries, and,
 * for comparison, the same inclusion proof computed from every leaf hash read from the database.
 *
 *   BENCH_LEAVES (100000) · BENCH_DBS (pglite,postgres) · BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres:
 *   a database vcp_bench_log is created there)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase, queryRows } from '../src/server/db/client.js';
import { lockPublicEvents } from '../src/server/services/publicEvents.js';
import type { LeafInput } from '../src/server/transparency/leaf.js';
import {
  appendLeaves,
  consistencyProofAt,
  inclusionProofAt,
  leavesBetween,
  rootAt,
} from '../src/server/transparency/logStore.js';
import { inclusionProof } from '../src/server/transparency/merkle.js';

const N = Number(process.env.BENCH_LEAVES ?? 100_000);
const DBS = (process.env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim());
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 2000;

function leaf(seq: number): LeafInput {
  return {
    seq,
    type: 'filing.approved',
    filingNumber: `工信漏备2026${String(seq).padStart(5, '0')}号`,
    at: new Date(Date.UTC(2026, 0, 1) + seq * 60_000),
    record: {
      filingNumber: `工信漏备2026${String(seq).padStart(5, '0')}号`,
      platformName: `示例漏洞平台${seq}`,
      homepageUrl: `https://src${seq}.example.cn/`,
      icpNumber: `京ICP备${10000000 + seq}号`,
      publishUrls: [`https://src${seq}.example.cn/advisories`],
      socialAccounts: [],
      sponsorName: `示例科技有限公司${seq}`,
      sponsorType: 'enterprise',
      sponsorTypeLabel: '企业',
      filingDate: '2026-01-01',
      lastChangeDate: null,
      status: 'valid',
    },
  };
}

async function time<T>(runs: number, f: (i: number) => Promise<T>): Promise<{ p50: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs / 2)] as number, p99: ms[Math.min(runs - 1, Math.floor(runs * 0.99))] as number };
}

const fmt = (r: { p50: number; p99: number }) => `p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`;
const rnd = (k: number, n: number) => Math.floor((((k * 2654435761) % 2 ** 32) / 2 ** 32) * n);

async function bench(kind: string, database: Database): Promise<void> {
  await migrateDatabase(database);
  const { db } = database;
  const t0 = performance.now();
  for (let from = 1; from <= N; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - from + 1) }, (_, i) => leaf(from + i));
    await db.transaction(async (tx) => {
      await lockPublicEvents(tx);
      await appendLeaves(tx, batch);
    });
  }
  const appendMs = performance.now() - t0;
  const one = await time(50, async (i) =>
    db.transaction(async (tx) => {
      await lockPublicEvents(tx);
      await appendLeaves(tx, [leaf(N + i + 1)]);
    }),
  );
  const size = N + 50;
  const [nodes] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from transparency_nodes`);
  console.log(
    `\n${kind}: ${size} leaves, ${nodes?.n} stored subtrees; appended in batches of ${BATCH} in ${(appendMs / 1000).toFixed(1)} s`,
  );
  console.log(`  append one leaf (own transaction)        ${fmt(one)}`);
  console.log(`  root of the whole tree                   ${fmt(await time(100, () => rootAt(db, size)))}`);
  console.log(
    `  inclusion proof, random index and size   ${fmt(
      await time(200, (k) => {
        const s = 1 + rnd(k + 7, size);
        return inclusionProofAt(db, rnd(k, s), s);
      }),
    )}`,
  );
  console.log(
    `  consistency proof, random sizes          ${fmt(
      await time(200, (k) => {
        const s = 1 + rnd(k + 7, size);
        return consistencyProofAt(db, 1 + rnd(k, s), s);
      }),
    )}`,
  );
  console.log(
    `  entries: a page of 1000 leaves           ${fmt(
      await time(50, (k) => {
        const start = rnd(k, size - 1000);
        return leavesBetween(db, start, start + 1000);
      }),
    )}`,
  );
  console.log(
    `  inclusion proof from all leaf hashes     ${fmt(
      await time(5, async (k) => {
        const rows = await queryRows<{ leaf_hash: string }>(
          db,
          sql`select leaf_hash from transparency_leaves order by idx`,
        );
        return inclusionProof(
          rnd(k, size),
          rows.map((r) => Buffer.from(r.leaf_hash, 'hex')),
        );
      }),
    )}   (for comparison: no stored subtrees)`,
  );
}

for (const kind of DBS) {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-bench-log-'));
    const database = await openDatabase({ dataDir: dir });
    try {
      await bench('PGlite', database);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('drop database if exists vcp_bench_log');
    await admin.query('create database vcp_bench_log');
    const url = new URL(PG_URL);
    url.pathname = '/vcp_bench_log';
    const database = await openDatabase({ dataDir: os.tmpdir(), databaseUrl: url.toString() });
    try {
      await bench('PostgreSQL', database);
    } finally {
      await database.close();
      await admin.query('drop database if exists vcp_bench_log');
      await admin.end();
    }
  }
}
