/**
 * `npm run bench:startup`: how long a restart on an existing data folder takes to answer its first request
 * (target: under 3 s), against a bare Fastify process started the same way in the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/server/test/ports.js';

const ROOT = path.resolve(import.meta.dirname, '..');

async function firstResponse(
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<{ ms: number; child: ChildProcess }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return { ms: performance.now() - started, child };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    if (performance.now() - started > 60_000) throw new Error('no answer within 60 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const bare = `
  const app = require('fastify')();
  app.get('/api/health', async () => ({ ok: true }));
  app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

async function main() {
  const runs = Number(process.env.RUNS ?? 3);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/api/health`;
  const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' };
  try {
    const first = await firstResponse(['dist/server/main.js'], env, url);
    await stop(first.child);
    console.log(`first start (creates the database): ${first.ms.toFixed(0)} ms`);
    const restarts: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < runs; i++) {
      const b = await firstResponse(['-e', bare], { PORT: String(port) }, url);
      await stop(b.child);
      baselines.push(b.ms);
      const r = await firstResponse(['dist/server/main.js'], env, url);
      await stop(r.child);
      restarts.push(r.ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const restart = median(restarts);
    const baseline = median(baselines);
    console.log(`bare Fastify process, first response: ${baseline.toFixed(0)} ms (median of ${runs})`);
    console.log(`restart on existing data, first response: ${restart.toFixed(0)} ms (median of ${runs})`);
    console.log(
      `ratio restart / bare: ${(restart / baseline).toFixed(2)}x; target < 3000 ms: ${restart < 3000 ? 'met' : 'MISSED'}`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
