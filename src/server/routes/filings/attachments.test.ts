import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sampleDocx,
  sampleExe,
  sampleJpeg,
  sampleOfd,
  samplePdf,
  samplePng,
  sampleZip,
} from '../../attachments/fixtures.js';
import { createCompleteDraft, registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const sm3 = (bytes: Buffer) => createHash('sm3').update(bytes).digest('hex');
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

interface ErrorBody {
  error: { code: string; message: string };
  errors?: { field: string; message: string }[];
}

interface Attachment {
  id: string;
  kind: string;
  fileName: string;
  mime: string;
  size: number;
  sm3: string;
}

/** A signed-in applicant with an empty draft. */
async function applicantWithDraft(): Promise<{ c: TestClient; filingId: string }> {
  const c = server.client();
  await registerApplicant(c);
  const res = await c.post<{ filing: { id: string } }>('/api/filings', {});
  expect(res.status).toBe(201);
  return { c, filingId: res.body.filing.id };
}

async function attachmentsOf(c: TestClient, filingId: string): Promise<Attachment[]> {
  const res = await c.get<{ filing: { attachments: Attachment[] } }>(`/api/filings/${filingId}`);
  expect(res.status).toBe(200);
  return res.body.filing.attachments;
}

function multipart(parts: [name: string, value: string | { bytes: Buffer; fileName: string }][]): FormData {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value.bytes)]), value.fileName);
  }
  return form;
}

function replace(c: TestClient, filingId: string, attachmentId: string, bytes: Buffer, fileName: string) {
  return c.request('PUT', `/api/filings/${filingId}/attachments/${attachmentId}`, {
    form: multipart([['file', { bytes, fileName }]]),
  });
}

describe('POST /api/filings/:id/attachments — accepted types', () => {
  it.each([
    ['PDF', samplePdf('mlps proof'), 'proof.pdf', 'application/pdf'],
    ['OFD', sampleOfd('mlps proof'), 'proof.ofd', 'application/ofd'],
    ['JPEG', sampleJpeg(), 'proof.jpg', 'image/jpeg'],
    ['PNG', samplePng(), 'proof.png', 'image/png'],
  ])('stores a %s as mlps_proof with its SM3 digest', async (_name, bytes, fileName, mime) => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.upload(filingId, 'mlps_proof', bytes, fileName);
    expect(res.status).toBe(201);
    expect(res.body.attachment).toMatchObject({
      kind: 'mlps_proof',
      fileName,
      mime,
      size: bytes.length,
      sm3: sm3(bytes),
    });
    expect(res.body.attachment.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await attachmentsOf(c, filingId)).map((a) => a.id)).toEqual([res.body.attachment.id]);
  });

  it('accepts a DOCX for rules_doc only', async () => {
    const { c, filingId } = await applicantWithDraft();
    const docx = sampleDocx('漏洞管理规则');
    const rules = await c.upload(filingId, 'rules_doc', docx, '漏洞管理规则.docx');
    expect(rules.status).toBe(201);
    expect(rules.body.attachment.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const letter = await c.upload(filingId, 'commitment_letter', docx, '承诺书.docx');
    expect(letter.status).toBe(415);
    expect(letter.body.error.code).toBe('unsupported_file_type');
    expect(fields(letter.body)).toEqual(['file']);
    expect((await attachmentsOf(c, filingId)).map((a) => a.kind)).toEqual(['rules_doc']);
  });
});

describe('POST /api/filings/:id/attachments — the type comes from the bytes', () => {
  it('stores a PDF named x.png as a PDF', async () => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.upload(filingId, 'mlps_proof', samplePdf('named png'), 'x.png');
    expect(res.status).toBe(201);
    expect(res.body.attachment.mime).toBe('application/pdf');
    const download = await c.get(`/api/filings/${filingId}/attachments/${res.body.attachment.id}`);
    expect(download.headers.get('content-type')).toBe('application/pdf');
  });

  it.each([
    ['an executable named proof.pdf', sampleExe(), 'proof.pdf'],
    ['a plain zip named proof.ofd', sampleZip(), 'proof.ofd'],
    [
      'an HTML page named proof.pdf',
      Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
      'proof.pdf',
    ],
    ['plain text named proof.png', Buffer.from('这不是图片\n'), 'proof.png'],
  ])('refuses %s with 415 and stores nothing', async (_name, bytes, fileName) => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.upload(filingId, 'mlps_proof', bytes, fileName);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_file_type');
    expect(res.body.errors[0].field).toBe('file');
    expect(await attachmentsOf(c, filingId)).toEqual([]);
  });

  it('refuses an empty file with 400 naming file', async () => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.upload(filingId, 'mlps_proof', Buffer.alloc(0), 'empty.pdf');
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['file']);
    expect(await attachmentsOf(c, filingId)).toEqual([]);
  });
});

describe('POST /api/filings/:id/attachments — size limit', () => {
  it('defaults to 20 MB', async () => {
    expect(await server.ctx.settings.get('upload.maxBytes')).toBe(20 * 1024 * 1024);
  });

  it('refuses a file over the limit with 413 naming file, and stores nothing', async () => {
    const { c, filingId } = await applicantWithDraft();
    const big = Buffer.concat([samplePdf('big'), Buffer.alloc(3 * 1024 - samplePdf('big').length, 0x20)]);
    expect(big.length).toBe(3 * 1024);
    await server.ctx.settings.set('upload.maxBytes', 2048);
    try {
      const res = await c.upload(filingId, 'mlps_proof', big, 'big.pdf');
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('file_too_large');
      expect(fields(res.body)).toEqual(['file']);
      expect(await attachmentsOf(c, filingId)).toEqual([]);
      // A file within the limit still goes through.
      const small = await c.upload(filingId, 'mlps_proof', samplePng(), 'small.png');
      expect(small.status).toBe(201);
    } finally {
      await server.ctx.settings.set('upload.maxBytes', 20 * 1024 * 1024);
    }
    const again = await c.upload(filingId, 'mlps_proof', big, 'big.pdf');
    expect(again.status).toBe(201);
  });
});

describe('POST /api/filings/:id/attachments — malformed requests', () => {
  it('answers a missing kind with 400 naming kind', async () => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.upload(filingId, undefined, samplePdf());
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['kind']);
    expect(await attachmentsOf(c, filingId)).toEqual([]);
  });

  it('answers an unknown kind with 400 naming kind', async () => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.upload(filingId, 'passport_scan', samplePdf());
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['kind']);
    expect(await attachmentsOf(c, filingId)).toEqual([]);
  });

  it('answers a missing file with 400 naming file', async () => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.request('POST', `/api/filings/${filingId}/attachments`, {
      form: multipart([['kind', 'mlps_proof']]),
    });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['file']);
  });

  it('answers a JSON body with 415', async () => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.post<ErrorBody>(`/api/filings/${filingId}/attachments`, {
      kind: 'mlps_proof',
      file: 'JVBERi0xLjQ=',
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBeTypeOf('string');
    expect(await attachmentsOf(c, filingId)).toEqual([]);
  });

  it.each([
    ['no boundary', 'multipart/form-data', 'garbage'],
    ['a body without parts', 'multipart/form-data; boundary=xyz', 'garbage'],
    [
      'a truncated part',
      'multipart/form-data; boundary=xyz',
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 abc',
    ],
  ])('answers a malformed multipart body (%s) with 400, not a 500', async (_name, contentType, body) => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.request('POST', `/api/filings/${filingId}/attachments?kind=mlps_proof`, {
      body,
      headers: { 'content-type': contentType },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_multipart');
    expect(await attachmentsOf(c, filingId)).toEqual([]);
  });

  it('accepts kind sent after the file part', async () => {
    const { c, filingId } = await applicantWithDraft();
    const bytes = samplePdf('kind last');
    const res = await c.request('POST', `/api/filings/${filingId}/attachments`, {
      form: multipart([
        ['file', { bytes, fileName: 'proof.pdf' }],
        ['kind', 'management_proof'],
      ]),
    });
    expect(res.status).toBe(201);
    expect(res.body.attachment).toMatchObject({ kind: 'management_proof', sm3: sm3(bytes) });
  });
});

describe('GET /api/filings/:id/attachments/:attachmentId', () => {
  it('gives the owner the same bytes, safely typed, with the UTF-8 file name', async () => {
    const { c, filingId } = await applicantWithDraft();
    const png = samplePng();
    const up = await c.upload(filingId, 'mlps_proof', png, '等保备案证明.png');
    expect(up.status).toBe(201);
    expect(up.body.attachment.fileName).toBe('等保备案证明.png');
    const url = `/api/filings/${filingId}/attachments/${up.body.attachment.id}`;

    const res = await c.get(url);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(png)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment;/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('等保备案证明.png')}`);

    const inline = await c.get(`${url}?inline=1`);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(inline.bytes.equals(png)).toBe(true);
  });

  it('stores the bytes encrypted', async () => {
    const { c, filingId } = await applicantWithDraft();
    const marker = 'PLAINTEXT-MARKER-7c1f2e';
    const pdf = samplePdf(marker);
    const up = await c.upload(filingId, 'commitment_letter', pdf, '承诺书.pdf');
    expect(up.status).toBe(201);
    // Drizzle types a raw result per driver (PGlite or node-postgres); both have rows.
    const { rows } = (await server.ctx.db.execute(
      sql`select c.content from attachment_chunks c join attachments a on a.blob_id = c.blob_id
          where a.id = ${up.body.attachment.id}`,
    )) as unknown as { rows: { content: Uint8Array }[] };
    expect(rows).toHaveLength(1);
    const stored = Buffer.from(rows[0]?.content as Uint8Array);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF-'))).toBe(false);
    // The owner still gets the plaintext back.
    const res = await c.get(`/api/filings/${filingId}/attachments/${up.body.attachment.id}`);
    expect(res.bytes.equals(pdf)).toBe(true);
  });

  it('answers a malformed attachment id with a 4xx, never a 500', async () => {
    const { c, filingId } = await applicantWithDraft();
    for (const id of ['not-a-uuid', '1', "x'%20or%201=1", '00000000-0000-0000-0000-00000000000g']) {
      const res = await c.get<ErrorBody>(`/api/filings/${filingId}/attachments/${id}`);
      expect([400, 404]).toContain(res.status);
      expect(res.body.error.code).toBeTypeOf('string');
    }
    const del = await c.delete(`/api/filings/${filingId}/attachments/not-a-uuid`);
    expect([400, 404]).toContain(del.status);
  });

  it('answers an unknown attachment id with 404', async () => {
    const { c, filingId } = await applicantWithDraft();
    const res = await c.get<ErrorBody>(`/api/filings/${filingId}/attachments/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('replace and remove', () => {
  it('replaces an attachment with PUT, keeping its kind', async () => {
    const { c, filingId } = await applicantWithDraft();
    const first = await c.upload(filingId, 'equity_proof', samplePdf('old equity'), '股权结构-旧.pdf');
    expect(first.status).toBe(201);
    const old: Attachment = first.body.attachment;

    const jpeg = sampleJpeg();
    const res = await replace(c, filingId, old.id, jpeg, '股权结构-新.jpg');
    expect(res.status).toBe(200);
    const now: Attachment = res.body.attachment;
    expect(now).toMatchObject({
      kind: 'equity_proof',
      fileName: '股权结构-新.jpg',
      mime: 'image/jpeg',
      sm3: sm3(jpeg),
    });
    expect(now.id).not.toBe(old.id);
    expect(now.sm3).not.toBe(old.sm3);

    expect((await attachmentsOf(c, filingId)).map((a) => a.id)).toEqual([now.id]);
    expect((await c.get(`/api/filings/${filingId}/attachments/${old.id}`)).status).toBe(404);
    const download = await c.get(`/api/filings/${filingId}/attachments/${now.id}`);
    expect(download.bytes.equals(jpeg)).toBe(true);
  });

  it('refuses a replacement of the wrong type and keeps the original', async () => {
    const { c, filingId } = await applicantWithDraft();
    const first = await c.upload(filingId, 'mlps_proof', samplePng(), 'proof.png');
    const res = await replace(c, filingId, first.body.attachment.id, sampleExe(), 'proof.png');
    expect(res.status).toBe(415);
    expect((await attachmentsOf(c, filingId)).map((a) => a.id)).toEqual([first.body.attachment.id]);
  });

  it('removes an attachment with DELETE', async () => {
    const { c, filingId } = await applicantWithDraft();
    const up = await c.upload(filingId, 'other', samplePdf('other'), '其他.pdf');
    const url = `/api/filings/${filingId}/attachments/${up.body.attachment.id}`;
    const del = await c.delete(url);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await c.get(url)).status).toBe(404);
    expect(await attachmentsOf(c, filingId)).toEqual([]);
    expect((await c.delete(url)).status).toBe(404);
  });
});

describe('ownership', () => {
  it("keeps another applicant away from A's attachments", async () => {
    const { c: a, filingId } = await applicantWithDraft();
    const pdf = samplePdf('owned by A');
    const up = await a.upload(filingId, 'mlps_proof', pdf, 'a.pdf');
    expect(up.status).toBe(201);
    const url = `/api/filings/${filingId}/attachments/${up.body.attachment.id}`;

    const b = server.client();
    await registerApplicant(b);
    const upload = await b.upload(filingId, 'other', samplePdf('from B'), 'b.pdf');
    expect(upload.status).toBe(403);
    const download = await b.get(url);
    expect(download.status).toBe(403);
    expect(download.text).not.toContain('owned by A');
    expect((await b.delete(url)).status).toBe(403);
    expect((await replace(b, filingId, up.body.attachment.id, samplePng(), 'b.png')).status).toBe(403);

    const left = await attachmentsOf(a, filingId);
    expect(left.map((x) => x.id)).toEqual([up.body.attachment.id]);
    expect((await a.get(url)).bytes.equals(pdf)).toBe(true);
  });

  it('answers 401 without a session', async () => {
    const { c, filingId } = await applicantWithDraft();
    const up = await c.upload(filingId, 'mlps_proof', samplePng(), 'p.png');
    const url = `/api/filings/${filingId}/attachments/${up.body.attachment.id}`;
    const anon = server.client();
    expect((await anon.upload(filingId, 'mlps_proof', samplePng(), 'p.png')).status).toBe(401);
    const download = await anon.get<ErrorBody>(url);
    expect(download.status).toBe(401);
    expect(download.body.error.code).toBe('unauthorized');
    expect((await anon.delete(url)).status).toBe(401);
    expect((await replace(anon, filingId, up.body.attachment.id, samplePng(), 'p.png')).status).toBe(401);
    expect(await attachmentsOf(c, filingId)).toHaveLength(1);
  });
});

describe('after submission', () => {
  it('refuses upload, replace and delete with 409 invalid_state', async () => {
    const c = server.client();
    await registerApplicant(c);
    const filingId = await createCompleteDraft(c);
    const submit = await c.post(`/api/filings/${filingId}/submit`);
    expect(submit.status).toBe(200);
    const before = await attachmentsOf(c, filingId);
    const existing = before[0] as Attachment;

    const upload = await c.upload(filingId, 'other', samplePdf('late'), 'late.pdf');
    expect(upload.status).toBe(409);
    expect(upload.body.error.code).toBe('invalid_state');
    const replaced = await replace(c, filingId, existing.id, samplePdf('late'), 'late.pdf');
    expect(replaced.status).toBe(409);
    expect(replaced.body.error.code).toBe('invalid_state');
    const del = await c.delete<ErrorBody>(`/api/filings/${filingId}/attachments/${existing.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('invalid_state');

    expect(await attachmentsOf(c, filingId)).toEqual(before);
    // Still readable by the owner.
    expect((await c.get(`/api/filings/${filingId}/attachments/${existing.id}`)).status).toBe(200);
  });
});
