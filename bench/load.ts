/**
 * `npm run bench:load` (issue 9): APPLICANTS applicants (default 200) at once, each registering, filling the whole
 * form, uploading the required files and submitting, spread over two instances of the built server on one
 * PostgreSQL database. Prints errors (target 0), whether the database's counts match, and p50/p95/p99 per step,
 * each as a ratio to the same step of one applicant alone, measured first in the same run.
 * Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { REQUIRED_UPLOADS, validFilingDraft } from '../src/server/test/factories.js';
import type { Mailbox } from '../src/server/test/receivers.js';
import { mailedToken, signUp } from './signUp.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const APPLICANTS = Number(process.env.APPLICANTS ?? 200);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STEPS = ['register', 'create', 'upload', 'submit'] as const;
type Step = (typeof STEPS)[number];

class Client {
  private cookie = '';
  constructor(private readonly base: string) {}
  async send(method: string, p: string, init: { json?: unknown; form?: FormData } = {}) {
    const headers: Record<string, string> = this.cookie ? { cookie: this.cookie } : {};
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + p, {
      method,
      headers,
      body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
    });
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}

/** One applicant's whole filing; the time of each step, or the first failure. */
async function applicant(
  base: string,
  n: number,
  times: Record<Step, number[]>,
  mailbox: Mailbox,
): Promise<string | null> {
  const c = new Client(base);
  const timed = async (step: Step, run: () => Promise<{ status: number }>, ok: number) => {
    const t = performance.now();
    const res = await run();
    times[step].push(performance.now() - t);
    if (res.status !== ok) throw new Error(`${step}: ${res.status} ${JSON.stringify(res).slice(0, 200)}`);
    return res;
  };
  try {
    const email = `load-${n}-${randomBytes(4).toString('hex')}@example.com`;
    // Signing up is two requests around the confirmation mail: the step times both, and not the mail's trip.
    await timed(
      'register',
      () => c.send('POST', '/api/auth/register', { json: { email, password: 'lantern-ferry-8841' } }),
      202,
    );
    const token = await mailedToken(mailbox, email);
    await timed('register', () => c.send('POST', '/api/auth/confirm-email', { json: { token } }), 200);
    const created = (await timed(
      'create',
      () => c.send('POST', '/api/filings', { json: validFilingDraft() }),
      201,
    )) as {
      status: number;
      body: { filing: { id: string } };
    };
    const id = created.body.filing.id;
    for (const u of REQUIRED_UPLOADS) {
      const form = new FormData();
      form.append('kind', u.kind);
      form.append('file', new Blob([new Uint8Array(u.bytes())]), u.name);
      await timed('upload', () => c.send('POST', `/api/filings/${id}/attachments`, { form }), 201);
    }
    await timed('submit', () => c.send('POST', `/api/filings/${id}/submit`), 200);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function startInstance(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = performance.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited with ${child.exitCode}`);
    if (performance.now() - started > 60_000) throw new Error(`instance on ${port} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main() {
  const dbName = `vcp_load_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const env = {
    DATABASE_URL: url.toString(),
    VCP_KEYS: `b1:${randomBytes(32).toString('base64')}`,
    VCP_INDEX_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-load-')),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_REGISTER: '1000000',
  };
  const mail = await signUp.mailbox();
  Object.assign(env, mail.env);
  const base = 3950 + Math.floor(Math.random() * 40);
  const instances: ChildProcess[] = [];
  try {
    // The first runs the migrations; the second starts on a migrated database.
    instances.push(await startInstance(env, base));
    instances.push(await startInstance(env, base + 1));
    const urls = [`http://127.0.0.1:${base}`, `http://127.0.0.1:${base + 1}`];

    const alone = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
    for (let i = 0; i < 3; i++) {
      const err = await applicant(urls[i % 2] as string, -1 - i, alone, mail.mailbox);
      if (err) throw new Error(`baseline failed: ${err}`);
    }

    const times = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: APPLICANTS }, (_, i) => applicant(urls[i % 2] as string, i, times, mail.mailbox)),
    );
    const wall = performance.now() - t0;
    const errors = results.filter((r): r is string => r !== null);

    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    const submitted = Number(
      (await db.query(`select count(*) as n from filings where status = 'submitted'`)).rows[0].n,
    );
    const files = Number((await db.query('select count(*) as n from attachments')).rows[0].n);
    await db.end();
    const expectedFilings = APPLICANTS + 3;
    const expectedFiles = expectedFilings * REQUIRED_UPLOADS.length;

    console.log(`${APPLICANTS} applicants at once on two instances, PostgreSQL: ${(wall / 1000).toFixed(1)} s`);
    console.log(`errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`);
    console.log(
      `submitted filings: ${submitted} of ${expectedFilings}, attachments: ${files} of ${expectedFiles} — ${
        submitted === expectedFilings && files === expectedFiles ? 'counts match' : 'COUNTS DIFFER'
      }`,
    );
    for (const s of STEPS) {
      const one = pct(alone[s], 50);
      const [p50, p95, p99] = [50, 95, 99].map((p) => pct(times[s], p)) as [number, number, number];
      console.log(
        `${s.padEnd(8)} alone ${one.toFixed(0)} ms | p50 ${p50.toFixed(0)} ms (${(p50 / one).toFixed(1)}×) ` +
          `p95 ${p95.toFixed(0)} ms (${(p95 / one).toFixed(1)}×) p99 ${p99.toFixed(0)} ms (${(p99 / one).toFixed(1)}×)`,
      );
    }
    if (errors.length || submitted !== expectedFilings || files !== expectedFiles) process.exitCode = 1;
  } finally {
    for (const child of instances) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await mail.mailbox.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
