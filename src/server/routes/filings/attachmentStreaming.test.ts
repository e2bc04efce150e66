/**
 * Issue 9, finding 1 and part of 9: files go to the database in sealed 64 KiB chunks while the body streams, are
 * read back as a stream, the owner is checked before a byte of the body is read, and reading stops at the limit.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDocx, sampleOfd, samplePdf, sampleZip } from '../../attachments/fixtures.js';
import { queryRows } from '../../db/client.js';
import { registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const sm3 = (bytes: Buffer) => createHash('sm3').update(bytes).digest('hex');

async function applicantWithDraft(): Promise<{ c: TestClient; filingId: string }> {
  const c = server.client();
  await registerApplicant(c);
  const res = await c.post<{ filing: { id: string } }>('/api/filings', {});
  expect(res.status).toBe(201);
  return { c, filingId: res.body.filing.id };
}

/** A PDF padded to `size` bytes with a recognisable marker repeated through it. */
function bigPdf(size: number, marker = 'PLAINTEXT-MARKER-91ab'): Buffer {
  const head = samplePdf(marker);
  const pad = Buffer.alloc(size - head.length, `%${marker}\n`);
  return Buffer.concat([head, pad]);
}

async function chunksOf(attachmentId: string) {
  return queryRows<{ seq: number; content: Uint8Array }>(
    server.ctx.db,
    sql`select c.seq, c.content from attachment_chunks c join attachments a on a.blob_id = c.blob_id
        where a.id = ${attachmentId} order by c.seq`,
  );
}

/**
 * Sends a multipart upload by hand: the headers announce `declared` bytes but only `sent` of the file are written,
 * then the request waits. Resolves with the status the server answers, or 'no answer' after `waitMs`.
 */
function partialUpload(
  c: TestClient,
  filingId: string,
  opts: { declared: number; sent: Buffer; waitMs: number },
): Promise<number | 'no answer'> {
  const boundary = 'vcpboundary7d1f';
  const preamble = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nmlps_proof\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const cookie = (c as unknown as { cookies: Map<string, string> }).cookies;
  const url = new URL(`${server.url}/api/filings/${filingId}/attachments`);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(preamble.length + opts.declared),
        cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('no answer');
    }, opts.waitMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.write(preamble);
    req.write(opts.sent);
  });
}

describe('attachments in chunks', () => {
  it('stores a 1 MB file as sealed chunks of 64 KiB and gives back the same bytes', async () => {
    const { c, filingId } = await applicantWithDraft();
    const pdf = bigPdf(1024 * 1024 + 100);
    const up = await c.upload(filingId, 'mlps_proof', pdf, 'proof.pdf');
    expect(up.status).toBe(201);
    expect(up.body.attachment).toMatchObject({ size: pdf.length, sm3: sm3(pdf) });

    const chunks = await chunksOf(up.body.attachment.id);
    expect(chunks.map((r) => r.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i));
    for (const chunk of chunks) {
      const stored = Buffer.from(chunk.content);
      expect(stored.length).toBeLessThan(64 * 1024 + 256);
      expect(stored.includes(Buffer.from('PLAINTEXT-MARKER'))).toBe(false);
    }
    const [row] = await queryRows<{ content: unknown }>(
      server.ctx.db,
      sql`select content from attachments where id = ${up.body.attachment.id}`,
    );
    expect(row?.content).toBeNull();

    const down = await c.get(`/api/filings/${filingId}/attachments/${up.body.attachment.id}`);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-length')).toBe(String(pdf.length));
    expect(down.bytes.equals(pdf)).toBe(true);
  });

  it('recognises a DOCX or OFD of several MB by the central directory at its end', async () => {
    const { c, filingId } = await applicantWithDraft();
    const media = randomBytes(3 * 1024 * 1024);
    const docx = sampleZip({ ...unzipSync(sampleDocx()), 'word/media/image1.bin': media });
    const ofd = sampleZip({ ...unzipSync(sampleOfd()), 'Doc_0/Res/image1.bin': media });
    const plain = sampleZip({ 'readme.txt': 'x', 'big.bin': media });
    expect(docx.length).toBeGreaterThan(3 * 1024 * 1024);
    const d = await c.upload(filingId, 'rules_doc', docx, 'rules.docx');
    expect(d.status).toBe(201);
    expect(d.body.attachment.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const o = await c.upload(filingId, 'rules_doc', ofd, 'rules.ofd');
    expect(o.status).toBe(201);
    expect(o.body.attachment.mime).toBe('application/ofd');
    const z = await c.upload(filingId, 'rules_doc', plain, 'rules.docx');
    expect(z.status).toBe(415);
  });

  it('removes the chunks with the attachment, and those of a refused file at once', async () => {
    const { c, filingId } = await applicantWithDraft();
    const before = await queryRows<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from attachment_chunks`);
    const refused = await c.upload(filingId, 'mlps_proof', Buffer.alloc(200_000, 'x'), 'x.pdf');
    expect(refused.status).toBe(415);
    const up = await c.upload(filingId, 'mlps_proof', bigPdf(200_000), 'p.pdf');
    expect(up.status).toBe(201);
    expect((await chunksOf(up.body.attachment.id)).length).toBe(4);
    const del = await c.delete(`/api/filings/${filingId}/attachments/${up.body.attachment.id}`);
    expect(del.status).toBe(204);
    const after = await queryRows<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from attachment_chunks`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('names the download after the detected type, not the uploaded extension', async () => {
    const { c, filingId } = await applicantWithDraft();
    const up = await c.upload(filingId, 'mlps_proof', samplePdf('x'), 'evil.html');
    expect(up.status).toBe(201);
    expect(up.body.attachment.fileName).toBe('evil.pdf');
    const down = await c.get(`/api/filings/${filingId}/attachments/${up.body.attachment.id}`);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('content-disposition')).toContain("filename*=UTF-8''evil.pdf");
  });
});

describe('attachments: checks before and while the body is read', () => {
  it("refuses another applicant's upload before reading its body", async () => {
    const { filingId } = await applicantWithDraft();
    const other = server.client();
    await registerApplicant(other);
    const status = await partialUpload(other, filingId, {
      declared: 10 * 1024 * 1024,
      sent: Buffer.alloc(64 * 1024, 'a'),
      waitMs: 5000,
    });
    expect(status).toBe(403);
  });

  it('answers 413 once the limit is passed, without waiting for the rest of the body', async () => {
    const { c, filingId } = await applicantWithDraft();
    await server.ctx.settings.set('upload.maxBytes', 256 * 1024);
    try {
      const status = await partialUpload(c, filingId, {
        declared: 50 * 1024 * 1024,
        sent: bigPdf(512 * 1024),
        waitMs: 5000,
      });
      expect(status).toBe(413);
      const rows = await queryRows<{ n: number }>(
        server.ctx.db,
        sql`select count(*)::int as n from attachments where filing_id = ${filingId}`,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await server.ctx.settings.set('upload.maxBytes', 20 * 1024 * 1024);
    }
  });
});
