/**
 * PGlite on its own thread (db/pgliteThread.ts), as the server opens its data folder: migrations, bytes, transactions
 * and errors behave as on PGlite in-process, and the main thread keeps serving while a statement runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, fromPglite, migrateDatabase, queryRows } from './client.js';
import { PgliteThread } from './pgliteThread.js';
import { attachmentChunks, attachmentUploads } from './schema.js';

let dir: string;
let database: Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-pglite-thread-'));
  database = fromPglite((await PgliteThread.create({ dataDir: dir })).asClient());
  await migrateDatabase(database);
}, 120_000);
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PGlite on its own thread', () => {
  it('stores and returns bytes and timestamps as they went in', async () => {
    const blobId = crypto.randomUUID();
    const content = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7) % 256));
    const startedAt = new Date('2026-12-04T10:00:00.123Z');
    await database.db.insert(attachmentUploads).values({ blobId, startedAt });
    await database.db.insert(attachmentChunks).values({ blobId, seq: 0, content });
    const [chunk] = await database.db.select().from(attachmentChunks).where(eq(attachmentChunks.blobId, blobId));
    expect(Buffer.from(chunk?.content as Uint8Array).equals(content)).toBe(true);
    const [upload] = await database.db.select().from(attachmentUploads).where(eq(attachmentUploads.blobId, blobId));
    expect(upload?.startedAt).toEqual(startedAt);
  });

  it('commits a transaction, and rolls one back when its work throws', async () => {
    const kept = crypto.randomUUID();
    const dropped = crypto.randomUUID();
    await database.db.transaction(async (tx) => {
      await tx.insert(attachmentUploads).values({ blobId: kept, startedAt: new Date() });
    });
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(attachmentUploads).values({ blobId: dropped, startedAt: new Date() });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const ids = (await database.db.select().from(attachmentUploads)).map((r) => r.blobId);
    expect(ids).toContain(kept);
    expect(ids).not.toContain(dropped);
  });

  it('reports a failed statement with its SQLSTATE, and goes on working', async () => {
    const blobId = crypto.randomUUID();
    await database.db.insert(attachmentUploads).values({ blobId, startedAt: new Date() });
    const err = await database.db
      .insert(attachmentUploads)
      .values({ blobId, startedAt: new Date() })
      .catch((e: unknown) => e);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('23505');
    expect(await queryRows<{ one: number }>(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('lets the main thread run other work while a long statement runs', async () => {
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const turnsBefore = turns;
    await queryRows(database.db, sql`select count(*) from generate_series(1, 3000000) g where g % 7 = 0`);
    running = false;
    expect(turns - turnsBefore).toBeGreaterThan(10);
  });
});
