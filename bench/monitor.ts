/**
 * `npm run bench:monitor`: the homepage monitor at scale (SPEC §7, §10; issue 13): 10,000 sites, each its own host
 * name (site-N.bench.test, resolved to the local fixture server in another process), checked end to end (guarded
 * fetch, decoding, judging, SM3) at a bounded concurrency with per-host connection limits. Bar: < 60 s, memory
 * bounded (peak RSS printed; bar 512 MB). Baseline in the same run: plain undici GETs of the same pages at the same
 * concurrency, no guard, no judging.
 *
 *   BENCH_SITES (10000) · BENCH_CONCURRENCY (64)
 */
import { spawn } from 'node:child_process';
import type { LookupAddress } from 'node:dns';
import path from 'node:path';
import { Agent, request } from 'undici';
import { checkHomepage } from '../src/server/monitor/checkHomepage.js';
import { createMonitorAgent, type DnsLookup } from '../src/server/monitor/fetch.js';
import { siteNumber } from '../src/server/monitor/fixtureServer.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SITES = Number(process.env.BENCH_SITES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const BAR_MS = 60_000;
const BAR_RSS_MB = 512;

async function startFixtures(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/monitorFixtures.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fixture server exited ${code}`)));
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const toLoopback: DnsLookup = (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 } as LookupAddress]);
const fx = await startFixtures();
const sites = Array.from({ length: SITES }, (_, i) => i);
const urlOf = (i: number) => `http://site-${i}.bench.test:${fx.port}/site/${i}`;

try {
  // Baseline: bare GETs to the same pages (literal address: no resolver), same concurrency.
  const bare = new Agent({ connections: 2, keepAliveTimeout: 1_000 });
  let t0 = performance.now();
  await pool(sites, CONCURRENCY, async (i) => {
    const res = await request(`http://127.0.0.1:${fx.port}/site/${i}`, { dispatcher: bare });
    await res.body.text();
  });
  const bareMs = performance.now() - t0;
  await bare.close();

  const agent = createMonitorAgent({ allowPrivate: true, resolve: toLoopback, connectionsPerHost: 2 });
  const results = new Map<string, number>();
  peakRss = process.memoryUsage().rss;
  t0 = performance.now();
  await pool(sites, CONCURRENCY, async (i) => {
    const c = await checkHomepage(urlOf(i), siteNumber(i), { allowPrivate: true, dispatcher: agent });
    results.set(c.result, (results.get(c.result) ?? 0) + 1);
  });
  const monitorMs = performance.now() - t0;
  await agent.close();

  const compliant = results.get('compliant') ?? 0;
  const rssMb = peakRss / 1024 / 1024;
  const pass = monitorMs < BAR_MS && rssMb < BAR_RSS_MB && compliant === SITES;
  console.log(`homepage monitor: ${SITES} sites, concurrency ${CONCURRENCY}`);
  console.log(`  bare GETs (baseline):  ${(bareMs / 1000).toFixed(2)} s`);
  console.log(
    `  full checks:           ${(monitorMs / 1000).toFixed(2)} s  (${(SITES / (monitorMs / 1000)).toFixed(0)} sites/s, ${(monitorMs / bareMs).toFixed(2)}× baseline time)`,
  );
  console.log(`  results:               ${JSON.stringify(Object.fromEntries(results))}`);
  console.log(`  peak RSS:              ${rssMb.toFixed(0)} MB (bar ${BAR_RSS_MB} MB)`);
  console.log(`  bar < ${BAR_MS / 1000} s, all compliant: ${pass ? 'PASS' : 'FAIL'}`);
  process.exitCode = pass ? 0 : 1;
} finally {
  clearInterval(sampler);
  fx.stop();
}
