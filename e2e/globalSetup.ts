/**
 * Starts the built system (`node dist/server/main.js`) on the embedded database in a fresh folder, as a user
 * would after `npm start`, and tells the tests where it listens. Before that, while nobody holds the data folder,
 * the operators' tool (`node dist/server/cli/vcp.js user create`) makes a staff account, as an operator would;
 * its TOTP secret comes from the printed otpauth:// URI.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { freePort } from '../src/server/test/ports.js';
import { startMailDrop } from './mail.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    /** Where the SMTP peer drops the mails the server sends (e2e/mail.ts). */
    mailDir: string;
    reviewerEmail: string;
    reviewerPassword: string;
    reviewerTotpSecret: string;
  }
}

export const REVIEWER = {
  email: 'reviewer@e2e.example.gov.cn',
  password: 'review-e2e-passphrase-2026',
  name: '审核员甲',
};

/** `vcp user create` on the (not yet running) server's data folder; returns the TOTP secret it enrolled. */
async function createStaffUser(dataDir: string): Promise<string> {
  const cli = 'dist/server/cli/vcp.js';
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const args = ['user', 'create', '--email', REVIEWER.email, '--role', 'reviewer', '--role', 'admin'];
  args.push('--password', REVIEWER.password, '--name', REVIEWER.name);
  const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    timeout: 90_000,
  }).catch((err: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`vcp user create failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  });
  const uri = stdout.split('\n').find((line) => line.startsWith('otpauth://'));
  const secret = uri ? new URL(uri).searchParams.get('secret') : null;
  if (!secret) throw new Error(`no otpauth:// URI with a secret in the output of vcp user create:\n${stdout}`);
  return secret;
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const reviewerTotpSecret = await createStaffUser(dataDir);
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-e2e-mail-'));
  const mail = await startMailDrop(mailDir);
  const logFile = path.join(dataDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['dist/server/main.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      RATE_LIMIT_REGISTER: '1000',
      // Every browser signs in from 127.0.0.1, and on an idle machine the account and editor files alone send more
      // than the default 20 sign-ins and reset requests a minute: the 21st got 429 and its page never came. The
      // limit itself is tested in src/server/routes/auth.
      RATE_LIMIT_LOGIN: '1000',
      OUTBOX_POLL_MS: '300',
      // Homepage checks against the local fixture site the monitor test serves (SPEC §10).
      MONITOR_ALLOW_PRIVATE: 'true',
      SMTP_URL: mail.url,
    },
    stdio: ['ignore', out, out],
  });
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // starting
    }
    // A loaded machine (several test runs at once) can take over a minute to open a new database.
    if (child.exitCode !== null || Date.now() - started > 180_000) {
      throw new Error(`the server did not start:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', dataDir);
  project.provide('mailDir', mailDir);
  project.provide('reviewerEmail', REVIEWER.email);
  project.provide('reviewerPassword', REVIEWER.password);
  project.provide('reviewerTotpSecret', reviewerTotpSecret);
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await mail.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(mailDir, { recursive: true, force: true });
  };
}
