/**
 * `npm run bench:seal`: what opening a sealed value (the same work as sealing it: SM4-CTR and HMAC-SM3) costs the
 * main thread, done there (FieldCipher) or handed to a crypto thread (crypto/cryptoPool.ts), for a small field value
 * and for a 64 KiB attachment chunk. The main thread's CPU time is
 * read from /proc (its own task), so the numbers say what other requests would wait for; the round trip (wall time
 * per value, one after another) says what the caller waits. Printed per operation and as ratios, since the machine
 * may be busy.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { CryptoPool } from '../src/server/crypto/cryptoPool.js';
import { FieldCipher } from '../src/server/crypto/fieldCipher.js';

const cipher = new FieldCipher({ activeKid: 'b1', keys: { b1: randomBytes(32) }, indexKey: randomBytes(32) });
const pool = new CryptoPool(1);

/** CPU time (µs, 100 ticks a second) of this process's main thread. */
function mainCpuUs(): number {
  const fields = (fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function measure(n: number, run: () => unknown): Promise<{ cpu: number; wall: number }> {
  const c0 = mainCpuUs();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await run();
  return { cpu: (mainCpuUs() - c0) / n, wall: ((performance.now() - t0) * 1000) / n };
}

async function compare(label: string, bytes: number, n: number) {
  const value = randomBytes(bytes);
  const sealed = cipher.sealBytes(value, 'bench');
  // Warm both paths (the thread starts on first use).
  for (let i = 0; i < 50; i++) {
    cipher.openBytes(sealed, 'bench');
    await pool.open(cipher, Buffer.from(sealed), 'bench');
  }
  const sync = await measure(n, () => cipher.openBytes(sealed, 'bench'));
  const threaded = await measure(n, () => pool.open(cipher, Buffer.from(sealed), 'bench'));
  const us = (v: number) => `${v.toFixed(1)} µs`;
  console.log(`${label} (${bytes} bytes), ${n} opens one after another:`);
  console.log(`  on the main thread: ${us(sync.wall)} each, main-thread CPU ${us(sync.cpu)}`);
  console.log(
    `  on a crypto thread: ${us(threaded.wall)} round trip (${(threaded.wall / sync.wall).toFixed(1)}× the main thread's), ` +
      `main-thread CPU ${us(threaded.cpu)} (${(threaded.cpu / Math.max(sync.cpu, 0.01)).toFixed(2)}×)`,
  );
}

async function main() {
  await compare('a field value', 200, 20_000);
  await compare('an attachment chunk', 64 * 1024, 2_000);
  await pool.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
