/**
 * Article 9, SPEC §9: staff intake over HTTP. A phone call is recorded with the caller's contact (sealed, masked);
 * an `.eml` file (a real multipart/mixed message with a text/html alternative and attachments) becomes a complaint:
 * sender → contact, text → description, PDF/PNG attachments → evidence, others skipped. Complaints about one target
 * are shown together.
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf, samplePng } from '../../attachments/fixtures.js';
import { loginStaff } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { auditActions } from '../../test/lifecycle.js';

const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let handler: TestClient;

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  handler = server.client();
  await loginStaff(server, handler, ['complaints']);
});
afterAll(() => server?.close());

function buildEml(): Promise<Buffer> {
  const mail = new MailComposer({
    from: { name: '钱举报', address: 'qian.jubao@example.cn' },
    to: 'jubao@example.gov.cn',
    subject: '举报 bugsale.example.cn 出售漏洞',
    text: '你好：\n网站 https://bugsale.example.cn/ 在公开出售未公开的漏洞利用工具，截图和交易记录见附件。\n钱举报 13512345678',
    html: '<p>你好：</p><p>网站 https://bugsale.example.cn/ 在公开出售未公开的漏洞利用工具。</p>',
    attachments: [
      { filename: '截图.png', content: samplePng(), contentType: 'image/png' },
      { filename: '交易记录.pdf', content: samplePdf('trade'), contentType: 'application/pdf' },
      { filename: 'notes.txt', content: '纯文本说明', contentType: 'text/plain' },
    ],
  });
  return new Promise((resolve, reject) => mail.compile().build((err, msg) => (err ? reject(err) : resolve(msg))));
}

function importForm(eml: Buffer, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('eml', new Blob([new Uint8Array(eml)]), 'complaint.eml');
  return handler.request('POST', '/api/complaints/import-eml', { form });
}

describe('staff intake', () => {
  it('records a phone call with the caller’s contact, masked in the view', async () => {
    const res = await handler.post('/api/complaints', {
      channel: 'phone',
      category: 'number_not_shown',
      targetName: '某安全众测平台',
      targetUrl: 'https://www.bugsale.example.cn/',
      description: '来电反映该平台首页底部没有标明备案编号。',
      contact: { name: '孙来电', phone: '010-12345678' },
    });
    expect(res.status).toBe(201);
    expect(res.body.complaint).toMatchObject({
      channel: 'phone',
      status: 'received',
      anonymous: false,
      contact: { name: '孙**' },
    });
    expect(res.text).not.toContain('孙来电');
    expect(res.text).not.toContain('12345678');
    expect(await auditActions(server, res.body.complaint.id)).toEqual(['complaint.receive']);
  });

  it('refuses the web channel and a missing target from staff', async () => {
    const web = await handler.post('/api/complaints', {
      channel: 'web',
      category: 'other',
      targetName: 'X',
      description: '这是一条测试投诉的描述内容',
    });
    expect(web.status).toBe(400);
    expect(web.body.errors[0].field).toBe('channel');
  });

  it('imports an .eml: sender, text and attachments; shows the earlier call about the same site as a duplicate', async () => {
    const eml = await buildEml();
    const res = await importForm(eml, { category: 'leak', targetUrl: 'https://bugsale.example.cn/' });
    expect(res.status).toBe(201);
    const c = res.body.complaint;
    expect(c).toMatchObject({ channel: 'email', category: 'leak', contact: { name: '钱**' } });
    expect(c.contact.email).not.toContain('qian.jubao');
    expect(c.description).toContain('【邮件主题】举报 bugsale.example.cn 出售漏洞');
    expect(c.description).toContain('在公开出售未公开的漏洞利用工具');
    expect(c.evidence.map((e: { fileName: string; mime: string }) => [e.fileName, e.mime])).toEqual([
      ['截图.png', 'image/png'],
      ['交易记录.pdf', 'application/pdf'],
    ]);
    expect(res.body.skipped).toEqual([{ fileName: 'notes.txt', reason: expect.stringContaining('类型不支持') }]);
    // The phone call above named www.bugsale.example.cn: the same target.
    expect(c.duplicates.map((d: { channel: string }) => d.channel)).toEqual(['phone']);

    const revealed = await handler.post(`/api/complaints/${c.id}/reveal`, { reason: '回复举报人' });
    expect(revealed.body.contact).toEqual({ name: '钱举报', email: 'qian.jubao@example.cn' });

    const png = await handler.get(`/api/complaints/${c.id}/evidence/${c.evidence[0].id}?inline=1`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.bytes.equals(samplePng())).toBe(true);

    const queue = await handler.get('/api/complaints?status=open');
    const mine = queue.body.items.find((i: { id: string }) => i.id === c.id);
    expect(mine.sameTarget).toBe(1);
  });

  it('takes the subject as the target when none is chosen, and refuses what is not an email', async () => {
    const res = await importForm(await buildEml());
    expect(res.status).toBe(201);
    expect(res.body.complaint.target.name).toBe('举报 bugsale.example.cn 出售漏洞');
    expect(res.body.complaint.category).toBe('other');
    const empty = await importForm(Buffer.from('not a mail'));
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('eml');
    const none = await handler.request('POST', '/api/complaints/import-eml', { form: new FormData() });
    expect(none.status).toBe(400);
    // A body that says multipart but has no boundary: the client's mistake, not the server's.
    const before = (await handler.get('/api/complaints')).body;
    const broken = await handler.request('POST', '/api/complaints/import-eml', {
      body: 'oS]M=VdDIl',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_multipart');
    expect((await handler.get('/api/complaints')).body).toEqual(before);
  });
});
