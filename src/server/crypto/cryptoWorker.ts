/**
 * A crypto thread of cryptoPool.ts: seals, opens and hashes attachment chunks with sealedFormat.ts, the functions
 * FieldCipher uses on the main thread. It holds, per keyring, only the derived keys of each key id it was sent.
 *
 * Messages (from cryptoPool.ts): `ring` (a keyring's derived keys), `drop` (an upload that failed), and, answered
 * with `{ id, ok, result | error }`: `seal` (and hash, for an upload), `open`, `digest` (ends an upload), `stats`.
 */
import { createHash, type Hash, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { type DerivedKey, IV_LEN, openWith, sealWith } from './sealedFormat.js';

/** What the pool sends when it starts a thread. */
export interface CryptoWorkerData {
  /** Linux nice steps below the process's priority. */
  niceness: number;
}

interface Ring {
  active: string;
  keys: Map<string, DerivedKey>;
}

type Message =
  | { op: 'ring'; ring: number; active: string; keys: [string, Uint8Array, Uint8Array][] }
  | { op: 'drop'; upload: number }
  | { op: 'seal'; id: number; ring: number; upload?: number; aad: string; data: Uint8Array }
  | { op: 'open'; id: number; ring: number; aad: string; data: Uint8Array }
  | { op: 'digest'; id: number; upload: number }
  | { op: 'stats'; id: number };

type Answered = Exclude<Message, { op: 'ring' } | { op: 'drop' }>;

const port = parentPort;
if (!port) throw new Error('cryptoWorker.ts runs as a worker thread of cryptoPool.ts');
const { niceness } = workerData as CryptoWorkerData;

// This thread yields to the one answering requests: on Linux a thread's own id takes a nice value of its own.
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0 && niceness > 0) os.setPriority(tid, Math.min(19, os.getPriority(tid) + niceness));
} catch {
  // not Linux, or not allowed: the same priority as the rest of the process
}

const rings = new Map<number, Ring>();
/** Upload id → the SM3 of its chunks so far. */
const hashes = new Map<number, Hash>();
const done = { sealed: 0, opened: 0 };

function ringOf(id: number): Ring {
  const ring = rings.get(id);
  if (!ring) throw new Error(`no keyring ${id} on this thread`);
  return ring;
}

/** Bytes that own their whole ArrayBuffer, so that it can be transferred (a small Buffer views Node's shared pool). */
function owned(buf: Buffer): Uint8Array<ArrayBuffer> {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.buffer instanceof ArrayBuffer)
    return buf as Uint8Array<ArrayBuffer>;
  return new Uint8Array(buf);
}

/**
 * The chunk that came in goes out with the answer, unreferenced: it leaves this thread at once instead of waiting
 * for a garbage collection here, which a thread allocating little runs seldom (tens of MB of dead chunks held).
 */
const spent = (data: Uint8Array, out: Uint8Array): ArrayBuffer[] =>
  data.buffer !== out.buffer && data.buffer instanceof ArrayBuffer && data.buffer.byteLength > 0 ? [data.buffer] : [];

const bytesOf = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

function handle(msg: Answered): [unknown, ArrayBuffer[]] {
  switch (msg.op) {
    case 'seal': {
      const plain = bytesOf(msg.data);
      if (msg.upload !== undefined) {
        let hash = hashes.get(msg.upload);
        if (!hash) {
          hash = createHash('sm3');
          hashes.set(msg.upload, hash);
        }
        hash.update(plain);
      }
      const ring = ringOf(msg.ring);
      const iv = randomFillSync(Buffer.allocUnsafe(IV_LEN));
      const out = owned(sealWith(ring.keys.get(ring.active) as DerivedKey, ring.active, iv, plain, msg.aad));
      done.sealed++;
      return [out, [out.buffer, ...spent(msg.data, out)]];
    }
    case 'open': {
      const ring = ringOf(msg.ring);
      const out = owned(openWith((kid) => ring.keys.get(kid), msg.data, msg.aad));
      done.opened++;
      return [out, [out.buffer, ...spent(msg.data, out)]];
    }
    case 'digest': {
      const hash = hashes.get(msg.upload) ?? createHash('sm3');
      hashes.delete(msg.upload);
      return [hash.digest('hex'), []];
    }
    case 'stats':
      return [{ threadId, sealed: done.sealed, opened: done.opened, uploads: hashes.size }, []];
  }
}

port.on('message', (msg: Message) => {
  if (msg.op === 'ring') {
    const keys = new Map(msg.keys.map(([kid, enc, mac]) => [kid, { enc: Buffer.from(enc), mac: Buffer.from(mac) }]));
    rings.set(msg.ring, { active: msg.active, keys });
    return;
  }
  if (msg.op === 'drop') {
    hashes.delete(msg.upload);
    return;
  }
  let answer: [unknown, ArrayBuffer[]];
  try {
    answer = handle(msg);
  } catch (err) {
    // The name and message only: never anything else of the key or the data.
    const e = err as Error;
    port.postMessage({ id: msg.id, ok: false, error: { name: String(e?.name), message: String(e?.message) } });
    return;
  }
  try {
    port.postMessage({ id: msg.id, ok: true, result: answer[0] }, answer[1]);
  } catch {
    // Memory Node will not let go of (newer Node throws rather than copying it): copied instead.
    port.postMessage({ id: msg.id, ok: true, result: answer[0] });
  }
});
