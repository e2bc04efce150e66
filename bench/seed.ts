/**
 * `npm run bench:seed [-- --filings N]`: the demo seed (SPEC §6, `vcp demo seed`) on a fresh PGlite folder and a fresh
 * PostgreSQL database. For each: filings/s and rows/s, where the time went (building rows in JavaScript, each table's
 * load, the audit chain, the public side), and the ratio to a baseline measured in the same run on the same database:
 * the same number of rows, of the same average width, loaded into a bare scratch table (one text column, no index,
 * no trigger) by the same COPY in transactions of the same size. The ratio says what the seed's consistency costs over
 * pushing its bytes; the extrapolated time is for 100,000 filings at the measured rate.
 *
 *   --filings N (20000) · BENCH_DBS (pglite,postgres) · BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres:
 *   a database vcp_bench_seed is created there)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { bigint, pgTable, text } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { listTables } from '../src/server/backup/schemaInfo.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { queryRows } from '../src/server/db/client.js';
import { copyInsert } from '../src/server/db/copyInsert.js';
import { seedDemo } from '../src/server/demo/seed.js';

const { values } = parseArgs({ options: { filings: { type: 'string' }, batch: { type: 'string' } } });
const N = Number(values.filings ?? 20_000);
const BATCH = Number(values.batch ?? 1000);
const DBS = (process.env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim());
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'vcp_bench_seed';
/** As `vcp demo seed` does: rows built in a worker thread (BENCH_WORKER=0 builds them in the seed's thread). */
const WORKER = process.env.BENCH_WORKER !== '0';

const scratch = pgTable('bench_seed_scratch', { id: bigint('id', { mode: 'number' }), payload: text('payload') });

/** Rows and bytes (as stored, `pg_column_size`) of every table. */
async function volume(ctx: AppContext): Promise<Map<string, { rows: number; bytes: number }>> {
  const out = new Map<string, { rows: number; bytes: number }>();
  for (const t of await listTables(ctx.db)) {
    const [row] = await queryRows<{ n: number; b: string | number }>(
      ctx.db,
      sql`select count(*)::int as n, coalesce(sum(pg_column_size(x.*)), 0)::bigint as b from ${sql.identifier(t.name)} x`,
    );
    out.set(t.name, { rows: Number(row?.n ?? 0), bytes: Number(row?.b ?? 0) });
  }
  return out;
}

/** The baseline: `rows` rows of `width` bytes into the scratch table, in `transactions` transactions. */
async function baseline(ctx: AppContext, rows: number, width: number, transactions: number): Promise<number> {
  await ctx.db.execute(sql`create table bench_seed_scratch (id bigint, payload text)`);
  // Text that does not compress much, as sealed values and JSON do not: windows of one random ASCII string.
  let pool = '';
  for (let x = 1; pool.length < 1 << 20; ) {
    x = (x * 1103515245 + 12345) % 2147483648;
    pool += String.fromCharCode(33 + (x % 94));
  }
  const size = Math.max(1, width - 12);
  const payload = (i: number) => {
    const at = (i * 7919) % (pool.length - size);
    return pool.slice(at, at + size);
  };
  const per = Math.ceil(rows / transactions);
  const t0 = performance.now();
  for (let from = 0; from < rows; from += per) {
    const batch = Array.from({ length: Math.min(per, rows - from) }, (_, k) => ({
      id: from + k,
      payload: payload(from + k),
    }));
    await ctx.db.transaction((tx) => copyInsert(tx, ctx.database.kind, scratch, batch));
  }
  const ms = performance.now() - t0;
  await ctx.db.execute(sql`drop table bench_seed_scratch`);
  return ms;
}

async function bench(label: string, ctx: AppContext): Promise<void> {
  const before = await volume(ctx);
  const timings: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await seedDemo(ctx, { filings: N, seed: 'bench', batchSize: BATCH, timings, worker: WORKER });
  const seedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = await volume(ctx);
  let rows = 0;
  let bytes = 0;
  for (const [name, v] of after) {
    rows += v.rows - (before.get(name)?.rows ?? 0);
    bytes += v.bytes - (before.get(name)?.bytes ?? 0);
  }
  const width = Math.round(bytes / rows);
  const baseMs = await baseline(ctx, rows, width, Math.ceil(N / BATCH));
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `\n${label}: ${result.filings} filings of ${result.users} applicants, ${rows} rows (avg ${width} B) in ${s(seedMs)}`,
  );
  console.log(
    `  seed       ${Math.round(rows / (seedMs / 1000))} rows/s, ${Math.round(N / (seedMs / 1000))} filings/s`,
  );
  console.log(
    `  baseline   ${Math.round(rows / (baseMs / 1000))} rows/s (${rows} rows of ${width} B into a bare table by COPY, ${s(baseMs)})`,
  );
  console.log(`  ratio      seed time / baseline time = ${(seedMs / baseMs).toFixed(2)}`);
  console.log(
    `  CPU        ${s((cpu.user + cpu.system) / 1000)} in this process (all its threads; PostgreSQL's own not counted), ` +
      `load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
  );
  console.log(`  100,000 filings extrapolated: ${((seedMs * (100_000 / N)) / 60_000).toFixed(1)} min`);
  const parts = Object.entries(timings).sort((a, b) => b[1] - a[1]);
  console.log(`  where the time went: ${parts.map(([k, ms]) => `${k} ${s(ms)}`).join(', ')}`);
}

async function withContext(dataDir: string, databaseUrl: string | undefined, f: (ctx: AppContext) => Promise<void>) {
  const ctx = await bootstrap({ ...loadConfig(), dataDir, databaseUrl, keys: undefined });
  try {
    await f(ctx);
  } finally {
    await ctx.database.close();
  }
}

for (const kind of DBS) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-bench-seed-'));
  try {
    if (kind === 'pglite') {
      await withContext(dir, undefined, (ctx) => bench('PGlite', ctx));
    } else {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${DB_NAME} with (force)`);
      await admin.query(`create database ${DB_NAME}`);
      const url = new URL(PG_URL);
      url.pathname = `/${DB_NAME}`;
      try {
        await withContext(dir, url.toString(), (ctx) => bench('PostgreSQL', ctx));
      } finally {
        await admin.query(`drop database if exists ${DB_NAME} with (force)`);
        await admin.end();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
