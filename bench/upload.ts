/**
 * `npm run bench:upload` (issue 9, finding 1): does a large upload freeze the server? Starts the built server on
 * PGlite (and on PostgreSQL when BENCH_DB=both or postgres), then polls `GET /api/health` one request after another,
 * first while idle and then while UPLOADS applicants (default 2) each upload a SIZE_MB file (default 19) at once and
 * download it again. Prints the slowest health answer during the uploads and downloads as a ratio to the slowest
 * idle answer measured in the same run, the upload times, the CPU time the server's main thread spent on them
 * (what other requests wait for, and unlike latency not inflated by a busy machine) and the server's memory growth as
 * a multiple of the files' size. `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles the server; `tsx
 * bench/cpuProfile.ts <file>` says where its main thread was busy.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { samplePdf } from '../src/server/attachments/fixtures.js';
import { freePort } from '../src/server/test/ports.js';
import { type BenchClient, signUp } from './signUp.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const UPLOADS = Number(process.env.UPLOADS ?? 2);
const SIZE = Math.round(Number(process.env.SIZE_MB ?? 19) * 1024 * 1024);
const IDLE_MS = 3000;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DBS = (process.env.BENCH_DB ?? 'pglite') === 'both' ? ['pglite', 'postgres'] : [process.env.BENCH_DB ?? 'pglite'];

function bigPdf(size: number): Buffer {
  const head = samplePdf('bench-upload');
  return Buffer.concat([head, Buffer.alloc(size - head.length, '%bench-upload-padding\n')]);
}

async function start(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'dist/server/main.js'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const t0 = performance.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (performance.now() - t0 > 180_000) throw new Error('server did not answer within 180 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls health one request after another until `until` resolves; returns each answer's latency. */
async function pollHealth(base: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const times: number[] = [];
  while (!done) {
    const t = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.text();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  return times;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** CPU time (user + system, ms) of the process, and of its main thread alone (/proc, 100 ticks a second). */
function cpuMs(pid: number): { process: number; main: number } {
  const ticks = (file: string) => {
    const fields = (fs.readFileSync(file, 'utf8').split(') ')[1] ?? '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  return { process: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
}

/** The highest resident size sampled every 50 ms until `until` settles. */
async function peakRssDuring(pid: number, until: Promise<unknown>): Promise<number> {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  await until.catch(() => {});
  clearInterval(timer);
  return Math.max(peak, rssMb(pid));
}

const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);

async function runOn(kind: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-bench-upload-'));
  const env: NodeJS.ProcessEnv = {
    DATA_DIR: dataDir,
    VCP_KEYS: `b1:${randomBytes(32).toString('base64')}`,
    VCP_INDEX_KEY: randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_REGISTER: '1000',
  };
  let admin: pg.Client | undefined;
  const dbName = `vcp_upload_${randomBytes(4).toString('hex')}`;
  if (kind === 'postgres') {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  } else {
    delete env.DATABASE_URL;
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { env: mailEnv, mailbox } = await signUp.mailbox();
  const child = await start({ ...env, ...mailEnv }, port);
  try {
    const clients: { c: BenchClient; id: string }[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      const c = await signUp(base, mailbox, `bench-upload-${i}-${randomBytes(3).toString('hex')}@example.com`);
      const res = await c.send('POST', '/api/filings', { json: {} });
      if (res.status !== 201) throw new Error(`create draft: ${res.status}`);
      clients.push({ c, id: (res.body as { filing: { id: string } }).filing.id });
    }
    const file = bigPdf(SIZE);

    const pid = child.pid as number;
    const idle = await pollHealth(base, new Promise((r) => setTimeout(r, IDLE_MS)));
    const uploadTimes: number[] = [];
    const attachmentIds: string[] = [];
    const uploads = Promise.all(
      clients.map(async ({ c, id }, i) => {
        const form = new FormData();
        form.append('kind', 'mlps_proof');
        form.append('file', new Blob([new Uint8Array(file)]), 'big.pdf');
        const t = performance.now();
        const res = await c.send('POST', `/api/filings/${id}/attachments`, { form });
        uploadTimes.push(performance.now() - t);
        if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
        // By client: the uploads may finish in any order.
        attachmentIds[i] = (res.body as { attachment: { id: string } }).attachment.id;
      }),
    );
    const rssBefore = rssMb(pid);
    const cpu0 = cpuMs(pid);
    const [duringUpload, rssUpload] = await Promise.all([pollHealth(base, uploads), peakRssDuring(pid, uploads)]);
    await uploads;
    const cpu1 = cpuMs(pid);
    const downloadTimes: number[] = [];
    const downloads = Promise.all(
      clients.map(async ({ c, id }, i) => {
        const t = performance.now();
        const res = await c.raw('GET', `/api/filings/${id}/attachments/${attachmentIds[i]}`);
        const bytes = (await res.arrayBuffer()).byteLength;
        downloadTimes.push(performance.now() - t);
        if (res.status !== 200 || bytes !== SIZE) throw new Error(`download: ${res.status}, ${bytes} bytes`);
      }),
    );
    const [duringDownload, rssDownload] = await Promise.all([
      pollHealth(base, downloads),
      peakRssDuring(pid, downloads),
    ]);
    await downloads;
    const cpu2 = cpuMs(pid);

    const idleMax = max(idle);
    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`\n${kind}: ${UPLOADS} × ${(SIZE / 1024 / 1024).toFixed(0)} MB at once`);
    console.log(`  /api/health idle: slowest ${f(idleMax)} of ${idle.length} answers`);
    console.log(
      `  /api/health during uploads: slowest ${f(max(duringUpload))} (${(max(duringUpload) / idleMax).toFixed(1)}× idle), ${duringUpload.length} answers`,
    );
    console.log(
      `  /api/health during downloads: slowest ${f(max(duringDownload))} (${(max(duringDownload) / idleMax).toFixed(1)}× idle), ${duringDownload.length} answers`,
    );
    console.log(`  uploads took ${uploadTimes.map(f).join(', ')}; downloads ${downloadTimes.map(f).join(', ')}`);
    const fileMb = SIZE / 1024 / 1024;
    const growth = Math.max(rssUpload, rssDownload) - rssBefore;
    console.log(
      `  main thread CPU: ${cpu1.main - cpu0.main} ms for the uploads, ${cpu2.main - cpu1.main} ms for the downloads (whole process ${cpu1.process - cpu0.process} and ${cpu2.process - cpu1.process} ms)`,
    );
    console.log(
      `  server RSS ${rssBefore} MB before the uploads, at most ${rssUpload} MB during them and ${rssDownload} MB during the downloads: +${growth} MB for ${UPLOADS} × ${fileMb.toFixed(0)} MB (${(growth / (UPLOADS * fileMb)).toFixed(1)}× the files)`,
    );
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await mailbox.close();
    if (admin) {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  for (const kind of DBS) await runOn(kind);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
