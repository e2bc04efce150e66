/**
 * `npm start` as an operator or a container runtime uses it (issue 8): on a built tree it starts without building,
 * and SIGTERM sent to the npm process under load reaches the server, which finishes the requests in flight and
 * exits within 10 s, leaving no process behind, even though nobody reads its stdout (a full pipe must not hold the
 * exit).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/server/test/ports.js';

const STAMP = 'dist/.build-stamp';
let child: ChildProcess | undefined;
let dataDir = '';

afterAll(() => {
  // Whatever the assertions said, nothing this test started may outlive it.
  if (child?.pid) for (const pid of groupPids(child.pid)) killQuietly(pid);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function killQuietly(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The processes of the npm process's group (npm, and the server it exec'd into via sh). */
function groupPids(pgid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when the group is empty
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A registration the server has begun when the signal comes: it asks `Expect: 100-continue`, so the server's
 * "100 Continue" proves it has read the headers; half the body follows, the rest only when `finish()` is called.
 */
function slowRegistration(port: number, email: string) {
  const body = JSON.stringify({ email, password: 'slow-body-passphrase-2026' });
  const half = Math.floor(body.length / 2);
  let finish = () => {};
  let begun = () => {};
  const started = new Promise<void>((r) => {
    begun = r;
  });
  const status = new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/auth/register',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          expect: '100-continue',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.on('continue', () => {
      req.write(body.slice(0, half));
      finish = () => req.end(body.slice(half));
      begun();
    });
    req.flushHeaders();
  });
  return { started, status, finish: () => finish() };
}

describe('npm start', () => {
  it('starts a built tree without building, and exits cleanly on SIGTERM under load with stdout unread', async () => {
    expect(fs.existsSync(STAMP), 'run npm run build first').toBe(true);
    const stampBefore = fs.readFileSync(STAMP, 'utf8');
    const stampMtime = fs.statSync(STAMP).mtimeMs;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-start-'));
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;

    const started = Date.now();
    child = spawn('npm', ['start'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: '',
        LOG_LEVEL: 'info',
        RATE_LIMIT_REGISTER: '1000',
        RATE_LIMIT_PUBLIC: '0',
        VCP_FORCE_BUILD: '',
      },
      // stdout is a pipe that this test never reads; stderr is read for the failure message.
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.pause();
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const npmPid = child.pid as number;

    for (;;) {
      const ok = await fetch(`${baseUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`no start:\n${stderr}`);
      await sleep(100);
    }
    // No build ran: ensure-build said nothing and the stamp a build rewrites is untouched. (How long a start takes is
    // bench:startup's business, not a test's: this machine's load varies too much.)
    expect(stderr).not.toMatch(/Building/);
    expect(fs.readFileSync(STAMP, 'utf8')).toBe(stampBefore);
    expect(fs.statSync(STAMP).mtimeMs).toBe(stampMtime);

    const serverPid = groupPids(npmPid).find((pid) => commandOf(pid).includes('dist/server/main.js'));
    expect(serverPid, 'the server runs in the npm process group').toBeDefined();

    // Load: 40 clients searching the public registry without pause; every request logs two lines to stdout.
    let stopLoad = false;
    const answered: number[] = [];
    const loadErrors: string[] = [];
    const client = async () => {
      while (!stopLoad) {
        try {
          const res = await fetch(`${baseUrl}/api/public/filings?q=%E5%B9%B3%E5%8F%B0`);
          await res.arrayBuffer();
          answered.push(res.status);
        } catch (err) {
          loadErrors.push(String((err as Error & { cause?: Error }).cause?.message ?? err));
          await sleep(20);
        }
      }
    };
    const clients = Array.from({ length: 40 }, client);
    await sleep(3000);
    const answeredBeforeSignal = answered.length;
    expect(answeredBeforeSignal).toBeGreaterThan(100);

    // Requests the server has begun (headers in, body still coming) when SIGTERM arrives.
    const slow = Array.from({ length: 5 }, (_, i) => slowRegistration(port, `slow-${i}-${Date.now()}@example.com`));
    await Promise.all(slow.map((r) => r.started));
    const signalledAt = Date.now();
    process.kill(npmPid, 'SIGTERM');
    await sleep(1000);
    for (const r of slow) r.finish();

    const slowStatuses = await Promise.all(slow.map((r) => r.status));
    for (;;) {
      if (!groupPids(npmPid).length) break;
      if (Date.now() - signalledAt > 10_000) break;
      await sleep(50);
    }
    const exitMs = Date.now() - signalledAt;
    stopLoad = true;
    await Promise.all(clients);

    expect(slowStatuses).toEqual([202, 202, 202, 202, 202]);
    expect(groupPids(npmPid), `left running: ${groupPids(npmPid).map(commandOf).join('; ')}`).toEqual([]);
    expect(exitMs).toBeLessThan(10_000);
    expect(fs.existsSync(`/proc/${serverPid}`)).toBe(false);
    // What the load got: answers (200, or 503 while closing) until the port closed, then refused connections.
    expect(answered.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(answered.length).toBeGreaterThan(answeredBeforeSignal);
  });
});
