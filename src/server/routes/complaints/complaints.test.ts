/**
 * Article 9, SPEC §5/§9 over HTTP: the public form (ALTCHA required and accepted once, evidence typed from its bytes
 * and size-limited, tracking code), the status page without complainant data, and the handlers' workflow up to the
 * revocation of the target filing, with 409 for steps the state machine does not allow.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf, samplePng } from '../../attachments/fixtures.js';
import { complaints, outbox } from '../../db/schema.js';
import { outboxAad } from '../../services/outbox.js';
import { COMPLAINANT, complaintBody, solvedAltcha } from '../../test/complaints.js';
import { approvedFiling, loginStaff } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { auditActions, countRows, partnerFeed } from '../../test/lifecycle.js';

/** Friday 2026-11-27, 11:00 in China. */
const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let publicClient: TestClient;
let handler: TestClient;
let handlerId: string;
let admin: TestClient;
let reviewer: TestClient;

beforeAll(async () => {
  server = await startTestServer({
    now: () => NOW,
    config: { rateLimits: { ...(await import('../../config.js')).loadConfig({}).rateLimits, complaints: 1000 } },
  });
  await server.ctx.settings.set('complaints.altchaMaxNumber', 5000);
  publicClient = server.client();
  handler = server.client();
  handlerId = (await loginStaff(server, handler, ['complaints'])).user.id;
  admin = server.client();
  await loginStaff(server, admin, ['reviewer', 'admin', 'complaints']);
  reviewer = server.client();
  await loginStaff(server, reviewer, ['reviewer']);
});
afterAll(() => server?.close());

async function submit(body: Record<string, unknown> = complaintBody()) {
  return publicClient.post('/api/public/complaints', { ...body, altcha: await solvedAltcha(publicClient) });
}

function personalIn(text: string): string[] {
  return Object.values(COMPLAINANT).filter((v) => text.includes(v));
}

describe('the public form', () => {
  it('gives an ALTCHA v1 challenge', async () => {
    const res = await publicClient.get('/api/public/complaints/challenge');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ algorithm: 'SHA-256', maxnumber: 5000 });
    expect(res.body.challenge).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.salt).toContain('expires=');
  });

  it('takes a complaint with a solved challenge and answers a tracking code', async () => {
    const res = await submit();
    expect(res.status).toBe(201);
    expect(res.body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const status = await publicClient.get(`/api/public/complaints/${res.body.trackingCode}`);
    expect(status.status).toBe(200);
    expect(status.body.complaint).toMatchObject({
      trackingCode: res.body.trackingCode,
      category: 'leak',
      status: 'received',
      statusLabel: '已受理',
      // 15 working days from Monday 2026-11-30: Friday 2026-12-18.
      dueDate: '2026-12-18',
      reply: null,
    });
    expect(status.body.complaint.timeline).toHaveLength(1);
    expect(personalIn(status.text)).toEqual([]);
    expect(status.text).not.toContain('出售未修补');
  });

  it('refuses a missing, forged or replayed challenge and stores nothing', async () => {
    const before = await countRows(server, 'complaints');
    const missing = await publicClient.post('/api/public/complaints', complaintBody());
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('altcha');

    const altcha = await solvedAltcha(publicClient);
    const forged = JSON.parse(Buffer.from(altcha, 'base64').toString());
    forged.number = (forged.number + 1) % 5000;
    const bad = await publicClient.post('/api/public/complaints', {
      ...complaintBody(),
      altcha: Buffer.from(JSON.stringify(forged)).toString('base64'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('altcha_invalid');

    const first = await publicClient.post('/api/public/complaints', { ...complaintBody(), altcha });
    expect(first.status).toBe(201);
    const again = await publicClient.post('/api/public/complaints', { ...complaintBody(), altcha });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('altcha_replayed');
    expect(await countRows(server, 'complaints')).toBe(before + 1);
  });

  it('refuses an expired challenge', async () => {
    const altcha = await solvedAltcha(publicClient);
    const real = server.ctx.now;
    server.ctx.now = () => new Date(NOW.getTime() + 60 * 60_000);
    try {
      const res = await publicClient.post('/api/public/complaints', { ...complaintBody(), altcha });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('altcha_expired');
    } finally {
      server.ctx.now = real;
    }
  });

  it('names the field of a bad body: no target, short description, unknown filing number, bad email', async () => {
    const noTarget = await submit(complaintBody({ targetUrl: undefined, targetName: undefined }));
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.errors[0].field).toBe('targetFilingNumber');
    const short = await submit(complaintBody({ description: '太短' }));
    expect(short.body.errors[0].field).toBe('description');
    const unknown = await submit(complaintBody({ targetFilingNumber: '工信漏备202699999号' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('targetFilingNumber');
    const email = await submit(complaintBody({ contact: { email: 'not-an-address' } }));
    expect(email.body.errors[0].field).toBe('contact.email');
  });

  it('takes evidence files typed from their bytes, refuses other types, too many and oversized ones', async () => {
    const form = async (files: { bytes: Buffer; name: string }[]) => {
      const f = new FormData();
      const body = complaintBody();
      f.append('category', body.category);
      f.append('targetUrl', body.targetUrl);
      f.append('description', body.description);
      f.append('contact.email', COMPLAINANT.email);
      f.append('targetFilingNumber', '');
      f.append('altcha', await solvedAltcha(publicClient));
      for (const file of files) f.append('evidence', new Blob([new Uint8Array(file.bytes)]), file.name);
      return publicClient.request('POST', '/api/public/complaints', { form: f });
    };
    const chunksBefore = await countRows(server, 'attachment_chunks');
    const ok = await form([
      { bytes: samplePdf('evidence'), name: '截图.pdf' },
      { bytes: samplePng(), name: 'shot.png' },
    ]);
    expect(ok.status).toBe(201);
    const [row] = await server.ctx.db
      .select({ id: complaints.id })
      .from(complaints)
      .where(eq(complaints.trackingCode, ok.body.trackingCode));
    expect(await countRows(server, 'complaint_evidence', undefined)).toBeGreaterThanOrEqual(2);

    const html = await form([{ bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'x.pdf' }]);
    expect(html.status).toBe(415);
    expect(html.body.errors[0].field).toBe('evidence[0]');

    const six = await form(Array.from({ length: 6 }, (_, i) => ({ bytes: samplePng(), name: `${i}.png` })));
    expect(six.status).toBe(413);
    expect(six.body.errors[0].field).toBe('evidence');

    await server.ctx.settings.set('complaints.evidenceMaxBytes', 2048);
    try {
      const big = await form([{ bytes: Buffer.concat([samplePdf('big'), Buffer.alloc(4096)]), name: 'big.pdf' }]);
      expect(big.status).toBe(413);
      expect(big.body.errors[0].field).toBe('evidence');
    } finally {
      await server.ctx.settings.set('complaints.evidenceMaxBytes', 10 * 1024 * 1024);
    }
    // Only the accepted complaint's two files stayed.
    const detail = await handler.get(`/api/complaints/${row?.id}`);
    expect(detail.body.complaint.evidence.map((e: { mime: string }) => e.mime)).toEqual([
      'application/pdf',
      'image/png',
    ]);
    const chunks = await countRows(server, 'attachment_chunks');
    expect(chunks).toBe(chunksBefore + 2);
  });

  it('answers 404 for an unknown or malformed tracking code', async () => {
    expect((await publicClient.get('/api/public/complaints/TS4K-9QXM-2B7D-H8PA')).status).toBe(404);
    expect((await publicClient.get('/api/public/complaints/..%2Fetc')).status).toBe(404);
  });
});

describe('handling', () => {
  it('is for complaint handlers only', async () => {
    expect((await publicClient.get('/api/complaints')).status).toBe(401);
    expect((await reviewer.get('/api/complaints')).status).toBe(403);
    expect((await handler.get('/api/complaints')).status).toBe(200);
  });

  it('masks the contact, reveals it with a logged reason', async () => {
    const res = await submit();
    const [row] = await server.ctx.db
      .select({ id: complaints.id })
      .from(complaints)
      .where(eq(complaints.trackingCode, res.body.trackingCode));
    const id = row?.id as string;
    const detail = await handler.get(`/api/complaints/${id}`);
    expect(detail.status).toBe(200);
    expect(personalIn(detail.text)).toEqual([]);
    expect(detail.body.complaint.contact).toEqual({ name: '赵**', phone: '136****1234', email: expect.any(String) });
    const noReason = await handler.post(`/api/complaints/${id}/reveal`, { reason: '' });
    expect(noReason.status).toBe(400);
    const revealed = await handler.post(`/api/complaints/${id}/reveal`, { reason: '电话回访核实情况' });
    expect(revealed.body.contact).toEqual(COMPLAINANT);
    expect(await auditActions(server, id)).toEqual(['complaint.receive', 'complaint.reveal']);
  });

  it('runs the whole workflow up to revocation, and the public record shows 已撤销', async () => {
    const owner = server.client();
    const { id: filingId, filingNumber } = await approvedFiling(owner, admin);
    const res = await submit(complaintBody({ category: 'false_info', targetFilingNumber: filingNumber }));
    expect(res.status).toBe(201);
    const code = res.body.trackingCode as string;
    const queue = await handler.get('/api/complaints');
    const item = queue.body.items.find((i: { trackingCode: string }) => i.trackingCode === code);
    expect(item).toMatchObject({ status: 'received', target: { filingId, filingNumber }, overdue: false });
    const id = item.id as string;

    // Illegal steps: 409 and nothing changes.
    expect((await handler.post(`/api/complaints/${id}/close`, { reply: '已处理' })).status).toBe(409);
    expect((await handler.post(`/api/complaints/${id}/measures`, { measure: 'refer', note: '移送' })).status).toBe(409);
    expect(
      (await handler.post(`/api/complaints/${id}/verify`, { outcome: 'substantiated', note: '属实' })).status,
    ).toBe(409);

    expect((await handler.post(`/api/complaints/${id}/assign`, { handlerId })).status).toBe(200);
    const started = await handler.post(`/api/complaints/${id}/start-verification`);
    expect(started.body.complaint.status).toBe('verifying');
    const verified = await handler.post(`/api/complaints/${id}/verify`, {
      outcome: 'substantiated',
      note: '经核对工商信息，备案主体信息不真实',
    });
    expect(verified.body.complaint.status).toBe('substantiated');
    expect(verified.body.complaint.allowedActions).toEqual(['assign', 'interview', 'rectify', 'refer', 'close']);

    // 责令整改: the applicant is told what to fix, never who complained.
    const rectify = await handler.post(`/api/complaints/${id}/measures`, {
      measure: 'rectify',
      note: '下发整改通知',
      instructions: '请于 10 个工作日内更正主办单位信息。',
    });
    expect(rectify.status).toBe(200);
    const notes = await owner.get('/api/notifications');
    const notice = JSON.stringify(notes.body);
    expect(notice).toContain('请于 10 个工作日内更正主办单位信息');
    expect(personalIn(notice)).toEqual([]);
    expect(notice).not.toContain('出售未修补');
    expect(notice).not.toContain(code);

    // 移送公安机关: one partner event to 公安部, none to 国家网信办.
    expect((await handler.post(`/api/complaints/${id}/measures`, { measure: 'refer', note: '涉嫌违法' })).status).toBe(
      200,
    );
    const mps = (await partnerFeed(server, filingId, 'mps')).filter((e) => e.eventType === 'complaint.referred');
    expect(mps).toHaveLength(1);
    expect(mps[0]?.payload.complaint.category).toBe('false_info');
    const cac = (await partnerFeed(server, filingId, 'cac')).filter((e) => e.eventType === 'complaint.referred');
    expect(cac).toHaveLength(0);

    // 撤销备案: only an admin.
    const byHandler = await handler.post(`/api/complaints/${id}/measures`, { measure: 'revoke', note: '撤销' });
    expect(byHandler.status).toBe(403);
    const revoked = await admin.post(`/api/complaints/${id}/measures`, { measure: 'revoke', note: '备案信息不真实' });
    expect(revoked.status).toBe(200);
    const record = await publicClient.get(`/api/public/filings/${encodeURIComponent(filingNumber)}`);
    expect(record.body.filing.status).toBe('revoked');

    // 办结 with a reply: shown on the status page and emailed to the address given.
    const closed = await handler.post(`/api/complaints/${id}/close`, { reply: '经核查属实，已依法撤销其备案。' });
    expect(closed.body.complaint.status).toBe('closed');
    expect((await handler.post(`/api/complaints/${id}/close`, { reply: '再次办结' })).status).toBe(409);
    const status = await publicClient.get(`/api/public/complaints/${code}`);
    expect(status.body.complaint).toMatchObject({
      status: 'closed',
      reply: '经核查属实，已依法撤销其备案。',
      dueDate: null,
    });
    expect(status.body.complaint.timeline.map((t: { status: string }) => t.status)).toEqual([
      'received',
      'verifying',
      'substantiated',
      'substantiated',
      'substantiated',
      'substantiated',
      'closed',
    ]);
    expect(personalIn(status.text)).toEqual([]);
    const mails = await server.ctx.db.select().from(outbox).where(eq(outbox.recipient, 'complainant'));
    const reply = mails
      .map((m) => server.ctx.cipher.openJson<{ to: string; text: string }>(m.payloadEnc, outboxAad(m.idempotencyKey)))
      .find((m) => m.text.includes(code));
    expect(reply?.to).toBe(COMPLAINANT.email);

    expect(await auditActions(server, id)).toEqual([
      'complaint.receive',
      'complaint.assign',
      'complaint.transition',
      'complaint.transition',
      'complaint.measure',
      'complaint.measure',
      'complaint.measure',
      'complaint.close',
    ]);
  });

  it('refuses rectification of a platform without a filing (409) and without instructions (422)', async () => {
    const res = await submit(complaintBody({ category: 'unfiled' }));
    const [row] = await server.ctx.db
      .select({ id: complaints.id })
      .from(complaints)
      .where(eq(complaints.trackingCode, res.body.trackingCode));
    const id = row?.id as string;
    await handler.post(`/api/complaints/${id}/start-verification`);
    await handler.post(`/api/complaints/${id}/verify`, { outcome: 'substantiated', note: '确认未备案' });
    const noText = await handler.post(`/api/complaints/${id}/measures`, { measure: 'rectify', note: '整改' });
    expect(noText.status).toBe(422);
    expect(noText.body.errors[0].field).toBe('instructions');
    const noFiling = await handler.post(`/api/complaints/${id}/measures`, {
      measure: 'rectify',
      note: '整改',
      instructions: '请立即备案',
    });
    expect(noFiling.status).toBe(409);
    expect(noFiling.body.error.code).toBe('no_target_filing');
  });

  it('never writes the complainant’s data to the log', () => {
    expect(personalIn(server.logs.join('\n'))).toEqual([]);
  });
});
