/** The documents over HTTP: who gets which, in which state, with which headers; the public API never serves them. */

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { footerSnippet, publicFilingUrl } from '../../../shared/filing/publicRecord.js';
import type { FilingStatus } from '../../../shared/filing/status.js';
import { queryRows } from '../../db/client.js';
import { filings } from '../../db/schema.js';
import { createCompleteDraft, loginStaff, PERSONAL, registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { docxText, hasPoppler, pdfText, popplerNote, squash, unzipDocx } from '../../test/pdfTools.js';

const BASE = 'https://vcp.example.gov.cn';
/** Friday 2026-11-27, 11:00 in China. */
const NOW = new Date('2026-11-27T03:00:00Z');
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PLATFORM = '漏洞盒子安全众测平台';
const SPONSOR = '北京某某网络安全技术有限公司';

let server: TestServer;
let owner: TestClient;
let stranger: TestClient;
let staff: TestClient;
let draftId: string;
let filingId: string;
let filingNumber: string;

const docs = (id: string, name: string, staffPath = false) =>
  `/api/${staffPath ? 'review/' : ''}filings/${id}/documents/${name}`;

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW, config: { publicBaseUrl: BASE } });
  owner = server.client();
  await registerApplicant(owner);
  draftId = await createCompleteDraft(owner);
  filingId = await createCompleteDraft(owner);
  expect((await owner.post(`/api/filings/${filingId}/submit`)).status).toBe(200);
  stranger = server.client();
  await registerApplicant(stranger);
  staff = server.client();
  await loginStaff(server, staff);
});
afterAll(() => server?.close());

const setStatus = (id: string, status: FilingStatus) =>
  server.ctx.db.update(filings).set({ status }).where(eq(filings.id, id));

describe('who may take the documents', () => {
  const NAMES = ['commitment.pdf', 'commitment.docx', 'registration.pdf'];

  it('answers 401 without a session, on both paths', async () => {
    const anon = server.client();
    for (const name of [...NAMES, 'certificate.pdf']) {
      expect((await anon.get(docs(filingId, name))).status, name).toBe(401);
      expect((await anon.get(docs(filingId, name, true))).status, name).toBe(401);
    }
  });

  it("answers 403 to another applicant, and to an applicant on the staff path, even for one's own filing", async () => {
    for (const name of NAMES) {
      const res = await stranger.get(docs(filingId, name));
      expect(res.status, name).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect((await owner.get(docs(filingId, name, true))).status, name).toBe(403);
    }
  });

  it('answers 404 to staff for a draft, which they do not see, and 404/400 for unknown or malformed ids', async () => {
    for (const name of NAMES) expect((await staff.get(docs(draftId, name, true))).status, name).toBe(404);
    expect((await owner.get(docs('00000000-0000-4000-8000-000000000000', 'registration.pdf'))).status).toBe(404);
    expect((await owner.get(docs('not-a-uuid', 'registration.pdf'))).status).toBe(400);
    expect((await owner.get(docs(filingId, 'other.pdf'))).status).toBe(404);
  });

  it('serves the owner and review staff, never cached, as attachments named in Chinese', async () => {
    for (const [client, staffPath] of [
      [owner, false],
      [staff, true],
    ] as const) {
      const pdf = await client.get(docs(filingId, 'registration.pdf', staffPath));
      expect(pdf.status, pdf.text.slice(0, 200)).toBe(200);
      expect(pdf.headers.get('content-type')).toBe(PDF);
      expect(pdf.headers.get('cache-control')).toBe('private, no-store');
      expect(pdf.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent(`登记表-${PLATFORM}.pdf`)}`,
      );
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const docx = await client.get(docs(filingId, 'commitment.docx', staffPath));
      expect(docx.status).toBe(200);
      expect(docx.headers.get('content-type')).toBe(DOCX);
      expect(docx.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent(`承诺书-${PLATFORM}.docx`)}`,
      );
    }
    const inline = await owner.get(`${docs(filingId, 'commitment.pdf')}?inline=1`);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; filename\*=UTF-8''/);
  });

  it('logs staff taking the registration form, which shows personal data unmasked', async () => {
    const rows = await queryRows<{ details: { document: string } }>(
      server.ctx.db,
      sql`select details from audit_log where subject_id = ${filingId} and action = 'filing.document_download'`,
    );
    expect(rows.map((r) => r.details)).toContainEqual({ document: 'registration' });
  });

  it('are never served by the public API', async () => {
    const anon = server.client();
    for (const path of [
      `/api/public/filings/${filingId}/documents/registration.pdf`,
      `/api/public/filings/${encodeURIComponent('工信漏备202600001号')}/documents/certificate.pdf`,
      `/api/public/documents/registration.pdf`,
    ]) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).not.toBe(PDF);
    }
  });
});

describe('commitment letter', () => {
  it("fills in the sponsor's name as last saved", async () => {
    const id = await createCompleteDraft(owner);
    const saved = await owner.get(`/api/filings/${id}`);
    const draft = {
      ...saved.body.filing.data,
      sponsor: { ...saved.body.filing.data.sponsor, name: '上海另一家科技有限公司' },
    };
    expect((await owner.put(`/api/filings/${id}`, draft)).status).toBe(200);
    const docx = await owner.get(docs(id, 'commitment.docx'));
    expect(docxText(unzipDocx(docx.bytes)['word/document.xml'] ?? '')).toContain('承诺单位：上海另一家科技有限公司');
    const pdf = await owner.get(docs(id, 'commitment.pdf'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe(PDF);
  });

  it.skipIf(!hasPoppler)(`prints the sponsor's name as last saved in the PDF${popplerNote}`, async () => {
    const id = await createCompleteDraft(owner);
    const saved = await owner.get(`/api/filings/${id}`);
    const draft = {
      ...saved.body.filing.data,
      sponsor: { ...saved.body.filing.data.sponsor, name: '上海另一家科技有限公司' },
    };
    expect((await owner.put(`/api/filings/${id}`, draft)).status).toBe(200);
    const text = squash(pdfText((await owner.get(docs(id, 'commitment.pdf'))).bytes));
    expect(text).toContain('网络产品安全漏洞收集平台备案承诺书');
    expect(text).toContain('承诺单位：上海另一家科技有限公司');
    expect(text).toContain('本单位承诺以上陈述真实、有效');
  });

  it('works for an empty draft', async () => {
    const created = await owner.post('/api/filings');
    const res = await owner.get(docs(created.body.filing.id, 'commitment.pdf'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('承诺书.pdf')}`,
    );
  });
});

describe.skipIf(!hasPoppler)(`registration form over HTTP${popplerNote}`, () => {
  it("holds the applicant's values and the note on 有效证件号码", async () => {
    const text = squash(pdfText((await owner.get(docs(filingId, 'registration.pdf'))).bytes));
    for (const s of [PLATFORM, SPONSOR, PERSONAL.uscc, PERSONAL.principal.mobile, PERSONAL.contact.email, '待审核']) {
      expect(text, s).toContain(s);
    }
    expect(text).toContain('注：类型为“个人”时，“有效证件号码”填入个人身份证号码');
  });
});

describe('certificate', () => {
  it('answers 409 not_approved before approval', async () => {
    for (const [id, client, staffPath] of [
      [draftId, owner, false],
      [filingId, owner, false],
      [filingId, staff, true],
    ] as const) {
      const res = await client.get(docs(id, 'certificate.pdf', staffPath));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_approved');
    }
  });

  it('is issued after approval, to the owner and to staff', async () => {
    const approved = await staff.post(`/api/review/filings/${filingId}/approve`);
    expect(approved.status, approved.text).toBe(200);
    filingNumber = approved.body.filingNumber;
    for (const [client, staffPath] of [
      [owner, false],
      [staff, true],
    ] as const) {
      const res = await client.get(docs(filingId, 'certificate.pdf', staffPath));
      expect(res.status, res.text.slice(0, 200)).toBe(200);
      expect(res.headers.get('content-type')).toBe(PDF);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent(`备案证明-${filingNumber}.pdf`)}`,
      );
    }
    // The public record the QR code leads to exists.
    const pub = await server.client().get(`/api/public/filings/${encodeURIComponent(filingNumber)}`);
    expect(pub.status).toBe(200);
  });

  it.skipIf(!hasPoppler)(
    `prints the number, the platform, the sponsor and the footer snippet${popplerNote}`,
    async () => {
      expect(filingNumber).toBeTruthy();
      for (const [client, staffPath] of [
        [owner, false],
        [staff, true],
      ] as const) {
        const text = pdfText((await client.get(docs(filingId, 'certificate.pdf', staffPath))).bytes);
        for (const s of [
          filingNumber,
          PLATFORM,
          'https://www.vulbox.example.cn/',
          SPONSOR,
          '备案日期：2026年11月27日',
        ]) {
          expect(squash(text), s).toContain(s);
        }
        const url = publicFilingUrl(BASE, filingNumber);
        expect(text.replace(/\s+/g, ' ')).toContain(footerSnippet(url, filingNumber));
      }
    },
  );

  it('is available while the filing is valid, and ends with deregistration or revocation', async () => {
    const ok: FilingStatus[] = ['approved'];
    for (const status of ['deregistered', 'revoked', 'approved'] as const) {
      await setStatus(filingId, status);
      const res = await owner.get(docs(filingId, 'certificate.pdf'));
      expect(res.status, status).toBe(ok.includes(status) ? 200 : 409);
    }
    const [row] = await server.ctx.db
      .select()
      .from(filings)
      .where(and(eq(filings.id, filingId)));
    expect(row?.status).toBe('approved');
  });
});
