/**
 * Issue 8: `vcp` commands stopped mid-batch by SIGTERM or SIGINT, run as users run them (a child process on a data
 * folder, or on PostgreSQL through DATABASE_URL). Once the command has reported its first batch the signal is sent;
 * the command must end its batch (or roll back), say what was done and how to go on, and exit 143 or 130; the data must
 * be consistent (audit chain, public history, transparency log, registry counts), and the same command run again
 * must finish the work. Covered: demo seed, keys rotate, backup, restore.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '../audit/auditLog.js';
import { type Database, openDatabase, queryRows } from '../db/client.js';
import { urlForDatabase, withAdmin } from '../test/templates.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FILINGS = 1500;
let dataDir: string;
let dbName: string | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-signals-'));
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', VCP_KEYS: '', LOG_LEVEL: 'error' };
  if (inject('dbKind') === 'postgres') {
    dbName = `vcp_signals_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`create database ${dbName}`));
    env.DATABASE_URL = urlForDatabase(dbName);
  }
});
afterAll(async () => {
  if (dbName) await withAdmin((c) => c.query(`drop database if exists ${dbName} with (force)`));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first stdout line matching `re`. */
  line(re: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

function vcp(...args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli/vcp.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiting: { re: RegExp; resolve: (l: string) => void }[] = [];
  child.stdout?.on('data', (d) => {
    out += String(d);
    for (const w of [...waiting]) {
      const hit = out.split('\n').find((l) => w.re.test(l));
      if (hit) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => out,
    line: (re) =>
      new Promise((resolve, reject) => {
        waiting.push({ re, resolve });
        exited.then(() => reject(new Error(`exited before a line matching ${re}:\n${out}`)));
      }),
    exited,
  };
}

async function finished(run: Run): Promise<{ code: number | null; out: string }> {
  const code = await run.exited;
  return { code, out: run.output() };
}

async function withDb<T>(f: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL || undefined, onPoolError: () => {} });
  try {
    return await f(database);
  } finally {
    await database.close();
  }
}

/** What must hold after any stop: the chain verifies and the public side is in step with its history. */
async function consistent(): Promise<{ filings: number; audit: number }> {
  return withDb(async ({ db }) => {
    const audit = await verifyAuditChain(db);
    expect(audit.ok).toBe(true);
    const [row] = await queryRows<Record<string, number>>(
      db,
      sql`select (select count(*)::int from filings) as filings,
                 (select count(*)::int from public_events) as events,
                 (select coalesce(max(seq), 0)::int from public_events) as top,
                 (select count(*)::int from transparency_leaves) as leaves,
                 (select count(distinct filing_id)::int from public_events) as published,
                 (select count(*)::int from public_registry) as registry,
                 (select coalesce(sum(n), 0)::int from public_registry_counts) as counted,
                 (select count(*)::int from (
                    select g, count(*)::int as n from public_registry, unnest(grams) as g group by g) t
                    full join public_search_gram_counts c on c.gram = t.g
                  where coalesce(t.n, 0) <> coalesce(c.n, 0)) as wrong_grams,
                 (select count(*)::int from filings f where f.owner_id not in (select id from users)) as orphans`,
    );
    const r = row as Record<string, number>;
    expect(r.top).toBe(r.events);
    expect(r.leaves).toBe(r.events);
    expect(r.registry).toBe(r.published);
    expect(r.counted).toBe(r.registry);
    expect(r.wrong_grams).toBe(0);
    expect(r.orphans).toBe(0);
    return { filings: Number(r.filings), audit: audit.checked };
  });
}

describe('vcp stopped by a signal mid-batch', () => {
  it('demo seed: SIGTERM ends the batch, exits 143 with what was written; the same command continues', async () => {
    const args = ['demo', 'seed', '--filings', String(FILINGS), '--batch', '150', '--seed', 'sig'];
    const first = vcp(...args);
    await first.line(/^\d+ \/ \d+ filings/);
    first.child.kill('SIGTERM');
    const stopped = await finished(first);
    expect(stopped.code, stopped.out).toBe(143);
    const written = Number(/(\d+) of 1500 filings are written/.exec(stopped.out)?.[1]);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(FILINGS);
    expect(stopped.out).toContain('again to continue');
    expect((await consistent()).filings).toBe(written);

    const again = await finished(vcp(...args));
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain(`continuing the interrupted run of seed sig: ${written} of 1500`);
    expect(again.out).toContain(`seeded 1500 filings`);
    expect((await consistent()).filings).toBe(FILINGS);
    // The numbers of both runs are one gapless series a year (工信漏备YYYYNNNNN号).
    const numbers = await withDb(({ db }) =>
      queryRows<{ n: string }>(db, sql`select filing_number as n from filings where filing_number is not null`),
    );
    expect(numbers.length).toBeGreaterThan(FILINGS / 2);
    const byYear = new Map<string, number[]>();
    for (const { n } of numbers)
      byYear.set(n.slice(4, 8), [...(byYear.get(n.slice(4, 8)) ?? []), Number(n.slice(8, 13))]);
    for (const seqs of byYear.values()) {
      expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i + 1));
    }
    // And a finished run is not run twice.
    const twice = await finished(vcp(...args));
    expect(twice.code).toBe(1);
    expect(twice.out).toContain('already holds the demo data of seed sig');
  }, 300_000);

  it('keys rotate: SIGINT ends the batch, exits 130, old keys still open the rest; the rerun re-seals it', async () => {
    if (env.DATABASE_URL) {
      // On PostgreSQL the first run only adds the key (the servers must restart with it); the second re-seals.
      const added = await finished(vcp('keys', 'rotate'));
      expect(added.code, added.out).toBe(0);
      expect(added.out).toContain('run `vcp keys rotate` again');
    }
    const rotate = vcp('keys', 'rotate', '--batch', '50');
    await rotate.line(/re-sealed$/);
    rotate.child.kill('SIGINT');
    const stopped = await finished(rotate);
    expect(stopped.code, stopped.out).toBe(130);
    expect(stopped.out).toMatch(/interrupted by SIGINT: re-sealed \d+ values/);
    expect(stopped.out).toContain('Run `vcp keys rotate` again');
    const status = await finished(vcp('keys', 'status'));
    expect(status.code, status.out).toBe(0);
    expect(status.out).toMatch(/k1\t\d+ sealed values\tstill in use/);
    await consistent();

    const again = await finished(vcp('keys', 'rotate'));
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/re-sealed \d+ values with key k2/);
    const after = await finished(vcp('keys', 'status'));
    expect(after.out).toMatch(/k1\t0 sealed values\tunused/);
    // Every sealed value opens: the audit chain holds, and a demo applicant still signs in is shown by the seed tests.
    await consistent();
  }, 300_000);

  it('backup: SIGTERM leaves no file and exits 143; the rerun writes it', async () => {
    const file = path.join(dataDir, 'signals.vcpbak');
    const backup = vcp('backup', file);
    await backup.line(/rows written/);
    backup.child.kill('SIGTERM');
    const stopped = await finished(backup);
    expect(stopped.code, stopped.out).toBe(143);
    expect(stopped.out).toContain('backup interrupted by SIGTERM');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const again = await finished(vcp('backup', file));
    expect(again.code, again.out).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
  }, 300_000);

  it('restore: SIGINT rolls it back whole, exits 130, the previous data is intact; the rerun restores', async () => {
    const file = path.join(dataDir, 'signals.vcpbak');
    // Life goes on after the backup: the restore must bring back the backup's state, and an interrupted one none of it.
    const more = await finished(vcp('demo', 'seed', '--filings', '40', '--seed', 'later'));
    expect(more.code, more.out).toBe(0);
    const before = await consistent();
    expect(before.filings).toBe(FILINGS + 40);

    const restore = vcp('restore', file, '--force');
    await restore.line(/rows loaded/);
    restore.child.kill('SIGINT');
    const stopped = await finished(restore);
    expect(stopped.code, stopped.out).toBe(130);
    expect(stopped.out).toContain('restore interrupted by SIGINT: rolled back');
    expect(await consistent()).toEqual(before);

    const again = await finished(vcp('restore', file, '--force'));
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('audit chain intact');
    expect((await consistent()).filings).toBe(FILINGS);
  }, 300_000);
});
