/**
 * Attachment chunks are sealed, opened and hashed on a small pool of worker threads (issue 9, finding 1): SM4-CTR,
 * HMAC-SM3 and the file's SM3 digest were a third of the server's main-thread time while large files went up or
 * down, and every other request waited for them. Here the main thread only cuts the stream into 64 KiB chunks and
 * hands each one over; its memory is transferred to the thread and the sealed (or opened) chunk is transferred back,
 * so nothing is copied through the message port.
 *
 * The format is FieldCipher's (crypto/fieldCipher.ts), byte for byte: version | kidLength | kid | iv | tag | ct,
 * HMAC-SM3 over head ‖ kid ‖ iv ‖ len(aad) ‖ aad ‖ ct. Chunks sealed here open with `FieldCipher.openBytes` and the
 * other way round (cryptoPool.test.ts checks both), so data from before the pool, key rotation and backups are
 * untouched. Small field values (personal data) stay synchronous on the main thread: a round trip to a thread costs
 * more than sealing a few hundred bytes (`npm run bench:seal`).
 *
 * Keys: a thread receives, once per keyring, the derived SM4 and MAC keys of each key id (`chunkKeysForWorker`),
 * never a master key nor the blind-index key; they cross in memory to a thread of this process and are never part
 * of an error, a log line or a reply.
 *
 * An upload's chunks all go to one thread, in order, which also keeps the file's running SM3 digest; a download's
 * chunks go to whichever thread has least to do and are sent in order. Threads start when first needed, up to
 * `size` (CRYPTO_THREADS, default the available cores, at most 4; 0 keeps everything on the main thread, to
 * compare), at a lower priority than the main thread. An idle thread does not keep the process alive; main.ts closes
 * the pool on shutdown.
 *
 * The worker's code is a string evaluated as CommonJS (as db/pgliteThread.ts does), so that the same file works
 * from the build, under tsx and under vitest.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { DecryptError, type FieldCipher } from './fieldCipher.js';

const WORKER_SOURCE = `
const { parentPort, threadId, workerData } = require('node:worker_threads');
const { createCipheriv, createDecipheriv, createHash, createHmac, randomFillSync, timingSafeEqual } = require('node:crypto');
// This thread yields to the one answering requests: on Linux a thread's own id takes a nice value of its own.
try {
  const os = require('node:os');
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0 && workerData.niceness > 0) os.setPriority(tid, Math.min(19, os.getPriority(tid) + workerData.niceness));
} catch {
  // not Linux, or not allowed: the same priority as the rest of the process
}
const VERSION = 1;
const IV_LEN = 16;
const TAG_LEN = 32;
// keyring id -> { active, keys: Map(kid -> { enc, mac }) }
const rings = new Map();
// upload id -> the SM3 of its chunks so far
const hashes = new Map();
const done = { sealed: 0, opened: 0 };

class DecryptError extends Error {
  constructor(message) { super(message); this.name = 'DecryptError'; }
}

// FieldCipher.tag: one HMAC over head | kid | iv | len(aad) | aad | ct.
function tag(mac, head, kid, iv, ct, aad) {
  const aadBuf = Buffer.from(aad, 'utf8');
  const aadLen = Buffer.alloc(4);
  aadLen.writeUInt32BE(aadBuf.length);
  return createHmac('sm3', mac).update(head).update(kid).update(iv).update(aadLen).update(aadBuf).update(ct).digest();
}

function ringOf(id) {
  const ring = rings.get(id);
  if (!ring) throw new Error('no keyring ' + id + ' on this thread');
  return ring;
}

// FieldCipher.sealBytes.
function seal(ring, plain, aad) {
  const key = ring.keys.get(ring.active);
  const kid = Buffer.from(ring.active, 'ascii');
  const iv = randomFillSync(Buffer.allocUnsafe(IV_LEN));
  const cipher = createCipheriv('sm4-ctr', key.enc, iv);
  const body = cipher.update(plain);
  const last = cipher.final();
  const ct = last.length ? Buffer.concat([body, last]) : body;
  const head = Buffer.from([VERSION, kid.length]);
  return Buffer.concat([head, kid, iv, tag(key.mac, head, kid, iv, ct, aad), ct]);
}

// FieldCipher.openBytes.
function open(ring, buf, aad) {
  if (buf.length < 2 || buf[0] !== VERSION) throw new DecryptError('unknown ciphertext version');
  const kidLen = buf[1];
  const ivAt = 2 + kidLen;
  const tagAt = ivAt + IV_LEN;
  const ctAt = tagAt + TAG_LEN;
  if (buf.length < ctAt) throw new DecryptError('ciphertext too short');
  const kid = buf.subarray(2, ivAt);
  const key = ring.keys.get(kid.toString('ascii'));
  if (!key) throw new DecryptError('no key "' + kid.toString('ascii') + '" in the keyring');
  const iv = buf.subarray(ivAt, tagAt);
  const ct = buf.subarray(ctAt);
  const expected = tag(key.mac, buf.subarray(0, 2), kid, iv, ct, aad);
  if (!timingSafeEqual(buf.subarray(tagAt, ctAt), expected)) throw new DecryptError('integrity check failed');
  const decipher = createDecipheriv('sm4-ctr', key.enc, iv);
  const body = decipher.update(ct);
  const last = decipher.final();
  return last.length ? Buffer.concat([body, last]) : body;
}

// Bytes that own their whole ArrayBuffer, so that it can be transferred (a small Buffer views Node's shared pool).
function owned(buf) {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength) return buf;
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return copy;
}

// The chunk that came in goes out with the answer, unreferenced: it leaves this thread at once instead of waiting for
// a garbage collection here, which a thread allocating little runs seldom (tens of MB of dead chunks held meanwhile).
const spent = (data, out) => (data.buffer !== out.buffer && data.buffer.byteLength > 0 ? [data.buffer] : []);

const bytesOf = (data) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

function handle(msg) {
  switch (msg.op) {
    case 'seal': {
      const plain = bytesOf(msg.data);
      if (msg.upload !== undefined) {
        let hash = hashes.get(msg.upload);
        if (!hash) hashes.set(msg.upload, (hash = createHash('sm3')));
        hash.update(plain);
      }
      const out = owned(seal(ringOf(msg.ring), plain, msg.aad));
      done.sealed++;
      return [out, [out.buffer, ...spent(msg.data, out)]];
    }
    case 'open': {
      const out = owned(open(ringOf(msg.ring), bytesOf(msg.data), msg.aad));
      done.opened++;
      return [out, [out.buffer, ...spent(msg.data, out)]];
    }
    case 'digest': {
      const hash = hashes.get(msg.upload) || createHash('sm3');
      hashes.delete(msg.upload);
      return [hash.digest('hex'), []];
    }
    case 'stats':
      return [{ threadId, sealed: done.sealed, opened: done.opened, uploads: hashes.size }, []];
  }
  throw new Error('unknown operation ' + msg.op);
}

parentPort.on('message', (msg) => {
  if (msg.op === 'ring') {
    const keys = new Map(msg.keys.map(([kid, enc, mac]) => [kid, { enc: Buffer.from(enc), mac: Buffer.from(mac) }]));
    rings.set(msg.ring, { active: msg.active, keys });
    return;
  }
  if (msg.op === 'drop') {
    hashes.delete(msg.upload);
    return;
  }
  let answer;
  try {
    answer = handle(msg);
  } catch (err) {
    // The name and message only: never anything else of the key or the data.
    parentPort.postMessage({ id: msg.id, ok: false, error: { name: String(err && err.name), message: String(err && err.message) } });
    return;
  }
  try {
    parentPort.postMessage({ id: msg.id, ok: true, result: answer[0] }, answer[1]);
  } catch {
    // Memory Node will not let go of (newer Node throws rather than copying it): copied instead.
    parentPort.postMessage({ id: msg.id, ok: true, result: answer[0] });
  }
});
`;

/** What a crypto thread reports of itself (tests, and to see the work is spread). */
export interface CryptoThreadStats {
  threadId: number;
  sealed: number;
  opened: number;
  /** Uploads whose digest is still open on the thread. */
  uploads: number;
}

/** Seals one upload's chunks in order, and gives the SM3 digest of all of them at the end. */
export interface UploadSealer {
  /** Seals `plain` (its memory is handed over: do not use it afterwards) bound to `aad`. */
  seal(plain: Buffer, aad: string): Promise<Buffer>;
  /** The SM3 of every chunk sealed, in order; ends the upload. */
  digest(): Promise<string>;
  /** Ends an upload that failed. */
  drop(): void;
}

/**
 * How much lower the crypto threads' priority is than the process's (Linux nice steps): when cores are scarce the
 * thread answering requests runs first and an upload's sealing waits, not the other way round (without it, waking a
 * crypto thread for each chunk took the main thread's core: `npm run bench:upload`).
 */
const NICENESS = 10;

/** Default pool size: the cores this process may use, at least 1 and at most 4. */
export function defaultCryptoThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

type Task = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Reply = { id: number; ok: boolean; result?: unknown; error?: { name: string; message: string } };

interface Thread {
  worker: Worker;
  pending: Map<number, Task>;
  /** Keyrings this thread has received. */
  rings: Set<number>;
  /** Uploads pinned to this thread. */
  uploads: number;
  failed: Error | null;
  /** Fails what is under way on the thread and takes it out of the pool. */
  stop(err: Error): void;
}

/** Every FieldCipher gets an id the first time it is used here; a thread is sent its keys once. */
const ringIds = new WeakMap<FieldCipher, number>();
let nextRing = 1;
const ringOf = (cipher: FieldCipher) => {
  let id = ringIds.get(cipher);
  if (id === undefined) {
    id = nextRing++;
    ringIds.set(cipher, id);
  }
  return id;
};

const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * `bytes` as a Uint8Array that owns its whole ArrayBuffer, so that the buffer can be moved to a thread rather than
 * copied; a view into a larger buffer (Node's shared pool for small Buffers, a slice) is copied first, since moving
 * it would take the rest of that buffer away from its owner.
 */
function movable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer)
    return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

function rebuildError(e: { name: string; message: string } | undefined): Error {
  if (e?.name === 'DecryptError') return new DecryptError(e.message);
  const err = new Error(e?.message ?? 'crypto thread failed');
  if (e?.name) err.name = e.name;
  return err;
}

export class CryptoPool {
  /** Threads at most; 0: everything runs on the calling thread. */
  readonly size: number;
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private nextUpload = 1;
  private closed = false;

  constructor(size: number) {
    this.size = Math.max(0, Math.floor(size));
  }

  /** Starts an upload: its chunks are sealed and hashed in order on one thread. */
  upload(cipher: FieldCipher): UploadSealer {
    if (this.size === 0) {
      const hash = createHash('sm3');
      return {
        seal: async (plain, aad) => {
          hash.update(plain);
          return cipher.sealBytes(plain, aad);
        },
        digest: async () => hash.digest('hex'),
        drop: () => {},
      };
    }
    const thread = this.pick();
    const upload = this.nextUpload++;
    thread.uploads++;
    let open = true;
    const end = () => {
      if (!open) return false;
      open = false;
      thread.uploads--;
      return true;
    };
    return {
      seal: (plain, aad) => {
        const data = movable(plain);
        return this.call<Uint8Array>(thread, cipher, { op: 'seal', upload, aad, data }, [data.buffer]).then(asBuffer);
      },
      digest: () => {
        end();
        return this.call<string>(thread, cipher, { op: 'digest', upload }, []);
      },
      drop: () => {
        if (end() && !thread.failed) thread.worker.postMessage({ op: 'drop', upload });
      },
    };
  }

  /** Opens a sealed chunk (its memory is handed over: do not use it afterwards) bound to `aad`. */
  async open(cipher: FieldCipher, sealed: Uint8Array, aad: string): Promise<Buffer> {
    if (this.size === 0) return cipher.openBytes(sealed, aad);
    const data = movable(sealed);
    return asBuffer(await this.call<Uint8Array>(this.pick(), cipher, { op: 'open', aad, data }, [data.buffer]));
  }

  /** What each running thread has done so far. */
  stats(): Promise<CryptoThreadStats[]> {
    return Promise.all(this.threads.map((t) => this.call<CryptoThreadStats>(t, null, { op: 'stats' }, [])));
  }

  /** Stops every thread; what is still under way fails. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    await Promise.all(
      threads.map(async (t) => {
        await t.worker.terminate();
        t.stop(new Error('the crypto threads were closed'));
      }),
    );
  }

  /** The thread with least to do; a new one while every thread is busy and the pool is not full. */
  private pick(): Thread {
    if (this.closed) throw new Error('the crypto threads are closed');
    let best: Thread | undefined;
    for (const t of this.threads) {
      if (!best || t.pending.size + t.uploads < best.pending.size + best.uploads) best = t;
    }
    if (best && (best.pending.size + best.uploads === 0 || this.threads.length >= this.size)) return best;
    return this.spawn();
  }

  private spawn(): Thread {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { niceness: NICENESS } });
    // An idle thread does not keep the process alive; one with work under way does (see `call`).
    worker.unref();
    const thread: Thread = {
      worker,
      pending: new Map(),
      rings: new Set(),
      uploads: 0,
      failed: null,
      stop: (err) => {
        if (thread.failed) return;
        thread.failed = err;
        const at = this.threads.indexOf(thread);
        if (at >= 0) this.threads.splice(at, 1);
        for (const task of thread.pending.values()) task.reject(err);
        thread.pending.clear();
      },
    };
    worker.on('message', (msg: Reply) => {
      const task = thread.pending.get(msg.id);
      if (!task) return;
      thread.pending.delete(msg.id);
      if (thread.pending.size === 0) worker.unref();
      if (msg.ok) task.resolve(msg.result);
      else task.reject(rebuildError(msg.error));
    });
    worker.on('error', (err) => thread.stop(err));
    worker.on('exit', (code) => thread.stop(new Error(`a crypto thread stopped (exit code ${code})`)));
    this.threads.push(thread);
    return thread;
  }

  private call<T>(
    thread: Thread,
    cipher: FieldCipher | null,
    msg: Record<string, unknown>,
    transfer: ArrayBuffer[],
  ): Promise<T> {
    if (thread.failed) return Promise.reject(thread.failed);
    if (cipher) {
      const ring = ringOf(cipher);
      if (!thread.rings.has(ring)) {
        const { activeKid, keys } = cipher.chunkKeysForWorker();
        thread.worker.postMessage({ op: 'ring', ring, active: activeKid, keys });
        thread.rings.add(ring);
      }
      msg.ring = ring;
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        try {
          thread.worker.postMessage({ ...msg, id }, transfer);
        } catch (err) {
          // Memory Node will not let go of (newer Node throws rather than copying it): send a copy instead.
          if (!(msg.data instanceof Uint8Array) || (err as Error).name !== 'DataCloneError') throw err;
          const data = new Uint8Array(msg.data);
          thread.worker.postMessage({ ...msg, data, id }, [data.buffer]);
        }
      } catch (err) {
        thread.pending.delete(id);
        if (thread.pending.size === 0) thread.worker.unref();
        reject(err as Error);
      }
    });
  }
}

let shared: CryptoPool | undefined;
let sharedSize = defaultCryptoThreads();

/** The process's pool (attachments/blobStore.ts and the attachment commands use it). */
export function sharedCryptoPool(): CryptoPool {
  if (!shared) shared = new CryptoPool(sharedSize);
  return shared;
}

/** Sets the size of the process's pool (bootstrap.ts, from CRYPTO_THREADS); call before the pool is used. */
export function configureCryptoPool(size: number): void {
  if (shared && shared.size === size) return;
  const old = shared;
  shared = undefined;
  sharedSize = size;
  void old?.close();
}

/** Stops the process's pool (main.ts, on shutdown, after the requests in flight have finished). */
export async function closeCryptoPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
