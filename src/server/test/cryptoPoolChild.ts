/**
 * For crypto/cryptoPool.test.ts: a process that uses the crypto threads and then simply ends. It opens a few chunks
 * on the process's pool, prints how many threads did the work, and returns without closing the pool: an idle thread
 * must not keep the process alive. With CLOSE_MID_WORK=1 it closes the pool while a large open is still under way
 * instead, and prints what became of that work.
 */
import { randomBytes } from 'node:crypto';
import { closeCryptoPool, sharedCryptoPool } from '../crypto/cryptoPool.js';
import { FieldCipher } from '../crypto/fieldCipher.js';

const cipher = new FieldCipher({ activeKid: 'c1', keys: { c1: randomBytes(32) }, indexKey: randomBytes(32) });
const pool = sharedCryptoPool();
const sealed = cipher.sealBytes(randomBytes(64 * 1024), 'blob:child:0');
await Promise.all(Array.from({ length: 8 }, () => pool.open(cipher, Buffer.from(sealed), 'blob:child:0')));
const threads = (await pool.stats()).length;
if (process.env.CLOSE_MID_WORK === '1') {
  const big = pool.open(cipher, cipher.sealBytes(randomBytes(32 * 1024 * 1024), 'big'), 'big');
  const outcome = big.then(
    () => 'finished',
    (err: Error) => `failed: ${err.message}`,
  );
  await closeCryptoPool();
  process.stdout.write(`threads ${threads}, ${await outcome}\n`);
} else {
  process.stdout.write(`threads ${threads}\n`);
}
