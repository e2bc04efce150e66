/**
 * Files in the database in sealed 64 KiB chunks (`attachment_chunks`). An upload is read from its stream one chunk
 * at a time: hashed (SM3), sealed (SM4-CTR + HMAC-SM3, bound to blob id and position) and written by one short
 * statement each, so memory stays near one chunk and PGlite's single connection is never held for a whole file; the
 * size limit is enforced while reading. A download is a stream reading a few chunks per query.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/client.js';
import { attachmentChunks, attachments, attachmentUploads } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
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
  return new AppError(413, 'file_too_large', `文件超过大小上限 ${mb} MB`, [
    { field: 'file', message: `文件不能超过 ${mb} MB` },
  ]);
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
  const hash = createHash('sm3');
  const head: Buffer[] = [];
  let headBytes = 0;
  let tail: Buffer[] = [];
  let tailBytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let size = 0;
  let seq = 0;

  // Chunk writes under way: up to WRITES_AHEAD at once, so the next chunk is read and sealed while the database
  // (on its own thread) writes the last ones, and a round trip to it is not paid once per chunk.
  const writing: Promise<void>[] = [];
  const flush = async (piece: Buffer) => {
    const at = seq++;
    const write = ctx.db
      .insert(attachmentChunks)
      .values({ blobId, seq: at, content: ctx.cipher.sealBytes(piece, chunkAad(blobId, at)) })
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

  await ctx.db.insert(attachmentUploads).values({ blobId, startedAt: ctx.now() });
  try {
    for await (const data of source) {
      const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      size += buf.length;
      if (size > maxBytes) throw fileTooLarge(maxBytes);
      hash.update(buf);
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
      pending.push(buf);
      pendingBytes += buf.length;
      while (pendingBytes >= CHUNK_BYTES) {
        const all = Buffer.concat(pending, pendingBytes);
        await flush(all.subarray(0, CHUNK_BYTES));
        const rest = all.subarray(CHUNK_BYTES);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
      }
    }
    if (pendingBytes > 0) await flush(Buffer.concat(pending, pendingBytes));
    await Promise.all(writing);
    const tailBuf = Buffer.concat(tail, tailBytes);
    tail = [];
    const detected =
      size === 0 ? null : await detectStreamed(Buffer.concat(head, headBytes), tailBuf.subarray(-SNIFF_BYTES), size);
    return { blobId, size, sm3: hash.digest('hex'), detected };
  } catch (err) {
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
      await yieldToOthers();
      for (const row of rows) {
        if (row.seq !== seq) throw new Error(`attachment chunk ${seq} of ${blobId} is missing`);
        const plain = ctx.cipher.openBytes(row.content, chunkAad(blobId, seq));
        sent += plain.length;
        seq++;
        yield plain;
        await yieldToOthers();
      }
      if (rows.length < CHUNKS_PER_READ) break;
    }
    if (sent !== size) throw new Error(`attachment ${blobId} holds ${sent} bytes, ${size} expected`);
  }
  return Readable.from(chunks(), { objectMode: false });
}
