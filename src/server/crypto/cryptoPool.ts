/**
 * Attachment chunks are sealed, opened and hashed on a small pool of worker threads (issue 9, finding 1): SM4-CTR,
 * HMAC-SM3 and the file's SM3 digest were a third of the server's main-thread time while large files went up or
 * down, and every other request waited for them. Here the main thread only cuts the stream into 64 KiB chunks and
 * hands each one over; its memory is transferred to the thread and the sealed (or opened) chunk is transferred back,
 * so nothing is copied through the message port.
 *
 * The format is FieldCipher's, written by the same functions (crypto/sealedFormat.ts). Chunks sealed here open with
 * `FieldCipher.openBytes` and the other way round (cryptoPool.test.ts checks both), so data from before the pool, key
 * rotation and backups are untouched. Small field values (personal data) stay synchronous on the main thread: a round trip to a thread costs
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
 * A thread runs cryptoWorker.ts, which seals and opens with sealedFormat.ts, as FieldCipher does. From the build it
 * is loaded as it is; from TypeScript sources (tsx, vitest) through tsx's loader, as demo/seed.ts loads its builder.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CryptoWorkerData } from './cryptoWorker.js';
import { DecryptError, type FieldCipher } from './fieldCipher.js';

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

/** cryptoWorker.ts in a new thread: the built file as it is, or the TypeScript source through tsx's loader. */
function startWorker(workerData: CryptoWorkerData): Worker {
  const url = new URL(`./cryptoWorker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const load = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(load, { eval: true, workerData });
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
    const worker = startWorker({ niceness: NICENESS });
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
