/**
 * kill -9 of the real server process (issue 9): `src/server/main.ts` runs as a child on PGlite (a data folder) or
 * PostgreSQL, and VCP_FAULT (lib/faults.ts) makes it SIGKILL itself mid-submit, mid-upload and right after the SMTP
 * server accepted a mail, before the outcome is recorded. After each crash a fresh process starts on the same data:
 * the folder opens, the submit left nothing half-done (still a draft, and it submits), the upload left no attachment,
 * and the mail is delivered again under the same Idempotency-Key and Message-ID (SPEC §7: at least once, duplicates
 * recognisable), after which the account it confirms exists once. The chunks the killed upload left are removed by
 * the sweep of abandoned uploads, and every complete file still downloads whole.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sweepAbandonedUploads } from './attachments/uploadSweep.js';
import { openDatabase, queryRows } from './db/client.js';
import { createCompleteDraft } from './test/factories.js';
import { TestClient } from './test/harness.js';
import { freePort } from './test/ports.js';
import { type Mailbox, parseMail, startMailbox } from './test/receivers.js';
import { tokenInMail } from './test/signUp.js';
import { urlForDatabase, withAdmin } from './test/templates.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let mailbox: Mailbox;
let env: NodeJS.ProcessEnv;
let dbName: string | undefined;
let dataDir: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-crash-'));
  env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    VCP_KEYS: `c1:${randomBytes(32).toString('base64')}`,
    VCP_INDEX_KEY: randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    SMTP_URL: mailbox.url,
    OUTBOX_POLL_MS: '200',
    OUTBOX_LEASE_MS: '1000',
    RATE_LIMIT_REGISTER: '1000',
  };
  if (inject('dbKind') === 'postgres') {
    dbName = `vcp_crash_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`create database ${dbName}`));
    env.DATABASE_URL = urlForDatabase(dbName);
  }
});
afterAll(async () => {
  await mailbox?.close();
  if (dbName) await withAdmin((c) => c.query(`drop database if exists ${dbName} with (force)`));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Life {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function start(fault?: string): Promise<Life> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), ...(fault ? { VCP_FAULT: fault } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url, exited };
    } catch {
      // starting
    }
    if (child.exitCode !== null || Date.now() - t0 > 90_000) throw new Error(`server did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(life: Life) {
  if (life.child.exitCode === null && life.child.signalCode === null) life.child.kill('SIGTERM');
  return life.exited;
}

async function tokenFor(email: string, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mail = mailbox.messages.find((m) => m.to.includes(email));
    const token = mail ? tokenInMail(parseMail(mail.raw).text) : null;
    if (token) return token;
    if (Date.now() > until) throw new Error(`no mail for ${email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const PASSWORD = 'lantern-ferry-8841';

describe('kill -9 of the server process', () => {
  it('loses or half-writes nothing mid-submit, mid-upload or mid-delivery, and the data opens after each', async () => {
    // A clean life: an applicant with a complete draft and an empty one.
    const email = `crash-${randomBytes(3).toString('hex')}@example.com`;
    let life = await start();
    let c = new TestClient(life.url);
    expect((await c.post('/api/auth/register', { email, password: PASSWORD })).status).toBe(202);
    expect((await c.post('/api/auth/confirm-email', { token: await tokenFor(email) })).status).toBe(200);
    const filingId = await createCompleteDraft(c);
    const empty = (await c.post('/api/filings', {})).body.filing.id as string;
    await stop(life);

    // Killed inside the submit's transaction.
    life = await start('submit.beforeCommit');
    c = new TestClient(life.url);
    expect((await c.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    await c.post(`/api/filings/${filingId}/submit`).catch(() => null);
    expect(await life.exited).toMatchObject({ signal: 'SIGKILL' });

    // Killed with three chunks of a 1 MB upload written.
    life = await start('upload.midFile');
    c = new TestClient(life.url);
    expect((await c.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024, '%pad\n')]);
    await c.upload(empty, 'mlps_proof', big, 'big.pdf').catch(() => null);
    expect(await life.exited).toMatchObject({ signal: 'SIGKILL' });

    // Killed after the SMTP server took the confirmation mail of a second sign-up, before recording it.
    const second = `crash-mail-${randomBytes(3).toString('hex')}@example.com`;
    life = await start('outbox.afterSend');
    expect(
      (await new TestClient(life.url).post('/api/auth/register', { email: second, password: PASSWORD })).status,
    ).toBe(202);
    expect(await life.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(mailbox.messages.filter((m) => m.to.includes(second))).toHaveLength(1);

    // A fresh process on the same data.
    life = await start();
    try {
      c = new TestClient(life.url);
      expect((await c.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
      const draft = await c.get(`/api/filings/${filingId}`);
      expect(draft.body.filing.status).toBe('draft');
      const submitted = await c.post(`/api/filings/${filingId}/submit`);
      expect(submitted.status, submitted.text).toBe(200);
      expect((await c.get(`/api/filings/${filingId}`)).body.filing.status).toBe('submitted');

      const half = await c.get(`/api/filings/${empty}`);
      expect(half.body.filing.attachments ?? []).toEqual([]);

      // The lease (OUTBOX_LEASE_MS) runs out and the mail goes again, recognisably the same message.
      const until = Date.now() + 30_000;
      while (mailbox.messages.filter((m) => m.to.includes(second)).length < 2 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
      }
      const copies = mailbox.messages.filter((m) => m.to.includes(second)).map((m) => parseMail(m.raw));
      expect(copies).toHaveLength(2);
      expect(new Set(copies.map((m) => m.headers['idempotency-key'])).size).toBe(1);
      expect(new Set(copies.map((m) => m.headers['message-id'])).size).toBe(1);
      const token = tokenInMail(copies[0]?.text ?? '');
      const d = new TestClient(life.url);
      expect((await d.post('/api/auth/confirm-email', { token })).status).toBe(200);
      expect((await new TestClient(life.url).post('/api/auth/confirm-email', { token })).status).toBe(400);
      // Delivered is recorded now: no third copy on later runs.
      await new Promise((r) => setTimeout(r, 1500));
      expect(mailbox.messages.filter((m) => m.to.includes(second))).toHaveLength(2);
    } finally {
      await stop(life);
    }

    // The killed upload's three chunks are still there, pointed at by nothing; an hour on the sweep removes them,
    // and not one chunk of a complete file.
    const database = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL || undefined });
    try {
      const count = async (referenced: boolean) =>
        Number(
          (
            await queryRows<{ n: string | number }>(
              database.db,
              sql`select count(*) as n from attachment_chunks c
                where ${referenced ? sql`` : sql`not`} exists (select 1 from attachments a where a.blob_id = c.blob_id)`,
            )
          )[0]?.n,
        );
      const complete = await count(true);
      expect([await count(false), complete > 0]).toEqual([3, true]);
      await sweepAbandonedUploads(database.db, new Date(Date.now() + 61 * 60_000));
      expect([await count(false), await count(true)]).toEqual([0, complete]);
    } finally {
      await database.close();
    }

    // A fresh process still serves every file of the submitted filing whole.
    life = await start();
    try {
      c = new TestClient(life.url);
      expect((await c.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
      const files = (await c.get(`/api/filings/${filingId}`)).body.filing.attachments as { id: string }[];
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const res = await c.get(`/api/filings/${filingId}/attachments/${f.id}`);
        expect([res.status, createHash('sm3').update(res.bytes).digest('hex')]).toEqual([
          200,
          res.headers.get('x-sm3-digest'),
        ]);
      }
    } finally {
      await stop(life);
    }
  }, 600_000);
});
