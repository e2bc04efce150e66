/**
 * The sweep of abandoned uploads (issue 9): an upload whose process stopped mid-file (here: a source that never
 * delivers the rest, which leaves the database exactly as kill -9 would; crashes.test.ts kills the real process)
 * leaves chunks nothing refers to. The recurring job removes them once the upload is an hour old, and leaves a
 * younger upload, a filing's complete attachment and a complaint's evidence as they are.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveComplaint } from '../commands/complaints/receiveComplaint.js';
import { queryRows } from '../db/client.js';
import { attachmentUploads } from '../db/schema.js';
import { JOB_DEFINITIONS } from '../jobs/index.js';
import { Scheduler } from '../jobs/scheduler.js';
import { registerApplicant } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { CHUNK_BYTES, writeBlob } from './blobStore.js';
import { samplePdf } from './fixtures.js';

let server: TestServer;
let shiftMs = 0;
const MINUTE = 60_000;

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(Date.now() + shiftMs) });
});
afterAll(async () => {
  await server?.close();
});

const chunksOf = async (blobId: string) =>
  Number(
    (
      await queryRows<{ n: string | number }>(
        server.ctx.db,
        sql`select count(*) as n from attachment_chunks where blob_id = ${blobId}`,
      )
    )[0]?.n,
  );

const uploadRows = async () =>
  (await server.ctx.db.select({ blobId: attachmentUploads.blobId }).from(attachmentUploads)).map((r) => r.blobId);

/** Starts an upload that stops after three chunks, as a killed process would; resolves with its blob id. */
async function abandonedUpload(): Promise<string> {
  const before = new Set(await uploadRows());
  async function* source() {
    for (let i = 0; i < 3; i++) yield Buffer.alloc(CHUNK_BYTES, i + 1);
    await new Promise(() => {}); // the rest never comes
  }
  void writeBlob(server.ctx, source(), 10 * 1024 * 1024);
  for (;;) {
    const blobId = (await uploadRows()).find((b) => !before.has(b));
    if (blobId && (await chunksOf(blobId)) === 3) return blobId;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the sweep of abandoned uploads', () => {
  it('removes an hour-old unfinished upload, and leaves a younger one and every complete file', async () => {
    const scheduler = new Scheduler(
      server.ctx,
      JOB_DEFINITIONS.filter((d) => d.name === 'uploads.sweep'),
    );
    await scheduler.ensureRecurring();

    const c = server.client();
    await registerApplicant(c);
    const filingId = (await c.post('/api/filings', {})).body.filing.id as string;
    const pdf = Buffer.concat([samplePdf('complete'), Buffer.alloc(3 * CHUNK_BYTES, '%pad\n')]);
    const up = await c.upload(filingId, 'mlps_proof', pdf, 'complete.pdf');
    expect(up.status).toBe(201);
    const attachmentId = up.body.attachment.id as string;

    const evidenceBlob = await writeBlob(server.ctx, [samplePdf('evidence')], 1024 * 1024);
    await receiveComplaint(server.ctx, {
      channel: 'phone',
      fields: { category: 'unfiled', targetName: '某漏洞平台', description: '未备案即收集漏洞' },
      evidence: [{ fileName: 'evidence.pdf', blob: evidenceBlob }],
    });
    const evidenceChunks = await chunksOf(evidenceBlob.blobId);

    const old = await abandonedUpload();
    shiftMs = 50 * MINUTE;
    const young = await abandonedUpload();

    shiftMs = 61 * MINUTE;
    expect((await scheduler.runDue()).done).toBe(1);
    expect(await chunksOf(old)).toBe(0);
    expect(await uploadRows()).not.toContain(old);
    expect(await chunksOf(young)).toBe(3);
    expect(await chunksOf(evidenceBlob.blobId)).toBe(evidenceChunks);
    const download = await c.get(`/api/filings/${filingId}/attachments/${attachmentId}`);
    expect(download.status).toBe(200);
    expect(download.bytes.equals(pdf)).toBe(true);

    shiftMs = 120 * MINUTE;
    expect((await scheduler.runDue()).done).toBe(1);
    expect(await chunksOf(young)).toBe(0);
    expect(await server.ctx.db.select().from(attachmentUploads).where(eq(attachmentUploads.blobId, young))).toEqual([]);
    expect((await c.get(`/api/filings/${filingId}/attachments/${attachmentId}`)).bytes.equals(pdf)).toBe(true);
    expect(await chunksOf(evidenceBlob.blobId)).toBe(evidenceChunks);
    shiftMs = 0;
  });
});
