/**
 * Files in the database in sealed 64 KiB chunks (`attachment_chunks`). An upload is read from its stream one chunk
 * at a time: hashed (SM3), sealed (SM4-CTR + HMAC-SM3, bound to blob id and position) and written by one short
 * statement each, so memory stays near one chunk and PGlite's single connection is never held for a whole file; the
 * size limit is enforced while reading. A download is a stream reading a few chunks per query. Hashing, sealing and
 * opening happen on the crypto threads (crypto/cryptoPool.ts), not on the thread that answers requests.
 */
import { Readable } from 'node:stream';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { sharedCryptoPool } from '../crypto/cryptoPool.js';
import type { Executor } from '../db/client.js';
import { attachmentChunks, attachments, attachmentUploads } from '../db/schema.js';
import { AppError, said } from '../lib/errors.js';
import { faultPoint } from '../lib/faults.js';
import { type Detected, detectStreamed, SNIFF_BYTES } from './sniff.js';

export const CHUNK_BYTES = 64 * 1024;
/** Chunks read by one query of a download. */
const CHUNKS_PER_READ = 8;
/** Chunk writes of one upload under way at once. */
const WRITES_AHEAD = 4;

/**
 * A stream whose data is already buffered is read without returning to the event loop, and so are the answers of
 * PGlite when it runs on this thread (PGLITE_THREAD=off): without a pause a whole file would be sealed and written (or
 * opened and sent) before any other request got a turn. One pause per chunk bounds the wait of everyone else to one
 * chunk's work.
 */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface StoredBlob {
  blobId: string;
  size: number;
  sm3: string;
  /** The type recognised from the bytes; null: none we accept. */
  detected: Detected | null;
}

export const chunkAad = (blobId: string, seq: number) => `blob:${blobId}:${seq}`;

export function fileTooLarge(maxBytes: number): AppError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new AppError(413, 'file_too_large', `文件超过大小上限 ${mb} MB`, [said('file', 'api.fileTooLarge', { mb })]);
}

/**
 * Streams `source` into sealed chunks. Throws 413 as soon as more than `maxBytes` arrived; on any error the chunks
 * written so far are removed. The upload is recorded first, so that what a killed process leaves behind is found
 * and removed later (attachments/uploadSweep.ts).
 */
export async function writeBlob(
  ctx: AppContext,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<StoredBlob> {
  const blobId = crypto.randomUUID();
  const head: Buffer[] = [];
  let headBytes = 0;
  let tail: Buffer[] = [];
  let tailBytes = 0;
  // The chunk being filled: memory of its own, handed whole to a crypto thread when full (moved, not copied).
  let chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let filled = 0;
  let size = 0;
  let seq = 0;

  await ctx.db.insert(attachmentUploads).values({ blobId, startedAt: ctx.now() });
  // One crypto thread seals this upload's chunks in order and keeps the file's SM3 meanwhile.
  const sealer = sharedCryptoPool().upload(ctx.cipher);
  // Chunk seals and writes under way: up to WRITES_AHEAD at once, so the next chunk is read while the last ones are
  // sealed (on a crypto thread) and written (by the database, on its own thread or server), and a round trip is not
  // paid once per chunk; no more than that, so memory stays near a few chunks whatever the client sends.
  const writing: Promise<void>[] = [];
  const flush = async (piece: Buffer) => {
    const at = seq++;
    const write = sealer
      .seal(piece, chunkAad(blobId, at))
      // A plain statement: Drizzle's insert builder cost the main thread ~0.8 ms per chunk (bench:upload's profile).
      .then((content) =>
        ctx.db.execute(
          sql`insert into attachment_chunks (blob_id, seq, content) values (${blobId}, ${at}, ${content})`,
        ),
      )
      .then(() => undefined);
    // Awaited below (in order, or all together on failure); this only keeps it from counting as unhandled meanwhile.
    write.catch(() => {});
    writing.push(write);
    if (seq === 3) {
      await Promise.all(writing);
      faultPoint('upload.midFile');
    }
    if (writing.length >= WRITES_AHEAD) await writing.shift();
    await yieldToOthers();
  };

  try {
    for await (const data of source) {
      const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      size += buf.length;
      if (size > maxBytes) throw fileTooLarge(maxBytes);
      if (headBytes < SNIFF_BYTES) {
        const take = buf.subarray(0, SNIFF_BYTES - headBytes);
        head.push(take);
        headBytes += take.length;
      }
      tail.push(buf);
      tailBytes += buf.length;
      while (tail.length > 1 && tailBytes - (tail[0] as Buffer).length >= SNIFF_BYTES) {
        tailBytes -= (tail.shift() as Buffer).length;
      }
      let from = 0;
      while (from < buf.length) {
        const n = Math.min(CHUNK_BYTES - filled, buf.length - from);
        buf.copy(chunk, filled, from, from + n);
        filled += n;
        from += n;
        if (filled === CHUNK_BYTES) {
          const full = chunk;
          chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
          filled = 0;
          await flush(full);
        }
      }
    }
    if (filled > 0) await flush(chunk.subarray(0, filled));
    await Promise.all(writing);
    const sm3 = await sealer.digest();
    const tailBuf = Buffer.concat(tail, tailBytes);
    tail = [];
    const detected =
      size === 0 ? null : await detectStreamed(Buffer.concat(head, headBytes), tailBuf.subarray(-SNIFF_BYTES), size);
    return { blobId, size, sm3, detected };
  } catch (err) {
    sealer.drop();
    // No write still under way may land after the discard.
    await Promise.allSettled(writing);
    await discardBlob(ctx.db, blobId).catch(() => {});
    throw err;
  }
}

/** Removes a blob's chunks (a refused or abandoned upload). */
export async function discardBlob(db: Executor, blobId: string): Promise<void> {
  await db.delete(attachmentChunks).where(eq(attachmentChunks.blobId, blobId));
  await db.delete(attachmentUploads).where(eq(attachmentUploads.blobId, blobId));
}

/** Removes the chunks of these blobs that no attachment row refers to any more. */
export async function discardUnusedBlobs(db: Executor, blobIds: (string | null)[]): Promise<void> {
  const ids = blobIds.filter((b): b is string => !!b);
  if (!ids.length) return;
  await db
    .delete(attachmentChunks)
    .where(
      and(
        inArray(attachmentChunks.blobId, ids),
        sql`not exists (select 1 from ${attachments} a where a.blob_id = ${attachmentChunks.blobId})`,
      ),
    );
}

/** The plaintext of a blob as a stream, a few chunks per query; it fails if the stored size does not add up. */
export function readBlob(ctx: AppContext, blobId: string, size: number): Readable {
  // A real promise: a Drizzle query runs again on every `then`.
  const read = (from: number) =>
    Promise.resolve(
      ctx.db
        .select({ seq: attachmentChunks.seq, content: attachmentChunks.content })
        .from(attachmentChunks)
        .where(and(eq(attachmentChunks.blobId, blobId), gte(attachmentChunks.seq, from)))
        .orderBy(asc(attachmentChunks.seq))
        .limit(CHUNKS_PER_READ),
    );
  async function* chunks() {
    const pool = sharedCryptoPool();
    let seq = 0;
    let sent = 0;
    let next = read(0);
    for (;;) {
      const rows = await next;
      // The next few chunks are read while these are opened and sent.
      if (rows.length === CHUNKS_PER_READ) {
        next = read(seq + rows.length);
        next.catch(() => {}); // awaited on the next round
      }
      // The chunks of this read are opened on the crypto threads together, and sent in order.
      const opened = rows.map((row, i) => {
        if (row.seq !== seq + i) throw new Error(`attachment chunk ${seq + i} of ${blobId} is missing`);
        const plain = pool.open(ctx.cipher, row.content, chunkAad(blobId, row.seq));
        plain.catch(() => {}); // awaited below, in order
        return plain;
      });
      for (const plain of opened) {
        const bytes = await plain;
        sent += bytes.length;
        seq++;
        yield bytes;
        await yieldToOthers();
      }
      if (rows.length < CHUNKS_PER_READ) break;
    }
    if (sent !== size) throw new Error(`attachment ${blobId} holds ${sent} bytes, ${size} expected`);
  }
  return Readable.from(chunks(), { objectMode: false });
}
