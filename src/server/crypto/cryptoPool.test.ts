/**
 * Issue 9, finding 1: attachment chunks are sealed, opened and hashed on the crypto threads (cryptoPool.ts), in
 * FieldCipher's format byte for byte; during an upload and a download through the server the thread that answers
 * requests seals, opens and hashes none of them; and the threads neither keep a process alive when idle nor hang it
 * when closed mid-work.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHUNK_BYTES } from '../attachments/blobStore.js';
import { samplePdf } from '../attachments/fixtures.js';
import { registerApplicant } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { CryptoPool, sharedCryptoPool } from './cryptoPool.js';
import { DecryptError, FieldCipher, type KeyringInput } from './fieldCipher.js';
import { sm3Hex } from './sm3.js';

const keyring = (activeKid = 'a1'): KeyringInput => ({
  activeKid,
  keys: { a1: randomBytes(32), a0: randomBytes(32) },
  indexKey: randomBytes(32),
});

async function totals(pool: CryptoPool) {
  const stats = await pool.stats();
  return {
    sealed: stats.reduce((n, s) => n + s.sealed, 0),
    opened: stats.reduce((n, s) => n + s.opened, 0),
    threads: stats.map((s) => s.threadId),
  };
}

describe('the crypto threads', () => {
  const pool = new CryptoPool(2);
  afterAll(() => pool.close());

  it('seal chunks that FieldCipher opens, hash them in order, and open what FieldCipher sealed', async () => {
    const input = keyring();
    const cipher = new FieldCipher(input);
    const parts = [randomBytes(CHUNK_BYTES), randomBytes(CHUNK_BYTES), randomBytes(1000), Buffer.alloc(0)];
    const sealer = pool.upload(cipher);
    // Copies are handed over: a sealed chunk's memory moves to the thread.
    const sealed = await Promise.all(parts.map((p, i) => sealer.seal(Buffer.from(p), `blob:x:${i}`)));
    expect(await sealer.digest()).toBe(sm3Hex(Buffer.concat(parts)));
    for (const [i, s] of sealed.entries()) {
      const plain = parts[i] as Buffer;
      // version 1, kid "a1", iv, tag, ciphertext: FieldCipher's layout.
      expect([s[0], s[1], s.subarray(2, 4).toString('ascii')]).toEqual([1, 2, 'a1']);
      expect(s.length).toBe(2 + 2 + 16 + 32 + plain.length);
      expect(cipher.openBytes(s, `blob:x:${i}`).equals(plain)).toBe(true);
    }
    // Sealed on this thread under an older key of the ring (data from before the pool, or before a rotation).
    const older = new FieldCipher({ ...input, activeKid: 'a0' });
    const byMain = older.sealBytes(parts[0] as Buffer, 'blob:y:0');
    expect((await pool.open(cipher, Buffer.from(byMain), 'blob:y:0')).equals(parts[0] as Buffer)).toBe(true);
    // The work was done on threads of their own.
    expect((await totals(pool)).threads.every((id) => id !== threadId)).toBe(true);
  });

  it('refuse a chunk moved elsewhere, altered, or under a key not in the ring, as FieldCipher does', async () => {
    const cipher = new FieldCipher(keyring());
    const sealed = cipher.sealBytes(randomBytes(5000), 'blob:z:0');
    await expect(pool.open(cipher, Buffer.from(sealed), 'blob:z:1')).rejects.toThrow(DecryptError);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
    await expect(pool.open(cipher, altered, 'blob:z:0')).rejects.toThrow('integrity check failed');
    const stranger = new FieldCipher({ activeKid: 'q9', keys: { q9: randomBytes(32) }, indexKey: randomBytes(32) });
    await expect(pool.open(stranger, Buffer.from(sealed), 'blob:z:0')).rejects.toThrow('no key "a1"');
    // Another cipher with the same key ids but other keys: its own keys on the thread, not the first one's.
    await expect(pool.open(new FieldCipher(keyring()), Buffer.from(sealed), 'blob:z:0')).rejects.toThrow(
      'integrity check failed',
    );
  });

  it('give the same results without threads (CRYPTO_THREADS=0)', async () => {
    const inline = new CryptoPool(0);
    const cipher = new FieldCipher(keyring());
    const plain = randomBytes(3 * CHUNK_BYTES);
    const sealer = inline.upload(cipher);
    const sealed = await sealer.seal(plain, 'blob:w:0');
    expect(await sealer.digest()).toBe(sm3Hex(plain));
    expect((await pool.open(cipher, Buffer.from(sealed), 'blob:w:0')).equals(plain)).toBe(true);
    expect((await inline.open(cipher, Buffer.from(sealed), 'blob:w:0')).equals(plain)).toBe(true);
    expect(await inline.stats()).toEqual([]);
  });

  it('refuse work once closed', async () => {
    const closing = new CryptoPool(1);
    const cipher = new FieldCipher(keyring());
    const sealed = cipher.sealBytes(randomBytes(100), 'a');
    expect((await closing.open(cipher, Buffer.from(sealed), 'a')).length).toBe(100);
    await closing.close();
    await expect(closing.open(cipher, Buffer.from(sealed), 'a')).rejects.toThrow('closed');
    expect(() => closing.upload(cipher)).toThrow('closed');
    expect(await closing.stats()).toEqual([]);
  });
});

describe('an upload and a download through the server', () => {
  let server: TestServer;
  const spies: { mockRestore(): void }[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const spy of spies) spy.mockRestore();
    await server?.close();
  });

  it('seal, hash and open every chunk on the crypto threads, none on the thread answering requests', async () => {
    const pool = sharedCryptoPool();
    expect(pool.size).toBeGreaterThan(0);
    const seal = vi.spyOn(FieldCipher.prototype, 'sealBytes');
    const open = vi.spyOn(FieldCipher.prototype, 'openBytes');
    spies.push(seal, open);
    const c = server.client();
    await registerApplicant(c);
    const filingId = (await c.post<{ filing: { id: string } }>('/api/filings', {})).body.filing.id;
    const pdf = Buffer.concat([samplePdf('threads'), Buffer.alloc(5 * CHUNK_BYTES, '%pad\n')]);
    const chunks = Math.ceil(pdf.length / CHUNK_BYTES);
    const before = await totals(pool);

    const up = await c.upload(filingId, 'mlps_proof', pdf, 'p.pdf');
    expect(up.status).toBe(201);
    expect(up.body.attachment.sm3).toBe(sm3Hex(pdf));
    const down = await c.get(`/api/filings/${filingId}/attachments/${up.body.attachment.id}`);
    expect(down.status).toBe(200);
    expect(down.bytes.equals(pdf)).toBe(true);

    const after = await totals(pool);
    expect(after.sealed - before.sealed).toBe(chunks);
    expect(after.opened - before.opened).toBe(chunks);
    expect(after.threads.length).toBeGreaterThan(0);
    expect(after.threads).not.toContain(threadId);
    const onThisThread = (spy: { mock: { calls: unknown[][] } }) =>
      spy.mock.calls.filter((args) => String(args[1] ?? '').startsWith('blob:')).length;
    expect(onThisThread(seal)).toBe(0);
    expect(onThisThread(open)).toBe(0);
  });
});

describe('a process using the crypto threads', () => {
  const CHILD = fileURLToPath(new URL('../test/cryptoPoolChild.ts', import.meta.url));
  const run = (env: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
        env: { ...process.env, CRYPTO_THREADS: '', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout?.on('data', (d) => {
        out += String(d);
      });
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, out }));
    });

  it('ends by itself when its work is done: idle threads do not hold it', async () => {
    const { code, out } = await run();
    expect(out).toMatch(/^threads [1-4]\n$/);
    expect(code).toBe(0);
  });

  it('ends when the pool is closed with work still under way, which fails rather than hangs', async () => {
    const { code, out } = await run({ CLOSE_MID_WORK: '1' });
    expect(out).toMatch(
      /^threads [1-4], (finished|failed: (a crypto thread stopped|the crypto threads were closed).*)\n$/,
    );
    expect(code).toBe(0);
  });
});
