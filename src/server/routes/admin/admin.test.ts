import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, partners } from '../../db/schema.js';
import { runOnce } from '../../jobs/outboxWorker.js';
import { adminClient, approvedFiling, configurePartner, messageOf } from '../../test/deliveries.js';
import { loginStaff, registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/receivers.js';

const SECRET = 'admin-test-webhook-secret-5c81';
let server: TestServer;
let receiver: WebhookReceiver;
let admin: TestClient;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const lastAudit = async (action: string) => {
  const [row] = await server.ctx.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
};

describe('who may use the admin API', () => {
  const calls: [string, string, unknown?][] = [
    ['GET', '/api/admin/deliveries'],
    ['GET', '/api/admin/deliveries/1'],
    ['POST', '/api/admin/deliveries/1/resend'],
    ['GET', '/api/admin/partners'],
    ['PUT', '/api/admin/partners/mps', { webhookUrl: 'not a url' }],
    ['POST', '/api/admin/partners/mps/token'],
  ];

  it('answers 401 without a session and 403 to applicants and reviewers', async () => {
    const applicant = server.client();
    await registerApplicant(applicant);
    const reviewer = server.client();
    await loginStaff(server, reviewer, ['reviewer', 'complaints']);
    for (const [method, path, json] of calls) {
      const anonymous = await server.client().request(method, path, json ? { json } : {});
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      for (const client of [applicant, reviewer]) {
        const res = await client.request(method, path, json ? { json } : {});
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    const [mps] = await server.ctx.db.select().from(partners).where(eq(partners.id, 'mps'));
    expect(mps?.pullTokenHash).toBeNull();
  });
});

describe('partners', () => {
  it('updates the endpoints, keeps the secret write-only and audits the changed field names', async () => {
    const res = await admin.put('/api/admin/partners/mps', { webhookUrl: receiver.url, webhookSecret: SECRET });
    expect(res.status).toBe(200);
    expect(res.body.partner).toMatchObject({ id: 'mps', webhookUrl: receiver.url, hasWebhookSecret: true });
    expect(res.text).not.toContain(SECRET);

    const list = await admin.get('/api/admin/partners');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(SECRET);
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['mps', 'cac']));
    const mps = list.body.items.find((p: { id: string }) => p.id === 'mps');
    expect(mps).toMatchObject({
      name: '公安部',
      webhookUrl: receiver.url,
      hasWebhookSecret: true,
      email: null,
      hasPullToken: false,
      enabled: true,
    });
    expect(Object.keys(mps)).not.toContain('webhookSecret');
    expect(Object.keys(mps)).not.toContain('webhookSecretEnc');

    const audit = await lastAudit('partner.update');
    expect(audit?.details).toEqual({ partnerId: 'mps', fields: ['webhookUrl', 'webhookSecret'] });
    expect(audit?.actorId).toBeTruthy();
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const before = await admin.get('/api/admin/partners');
    const cases: [unknown, string][] = [
      [{ webhookUrl: 'not a url' }, 'webhookUrl'],
      [{ webhookUrl: 'ftp://files.example.cn/hook' }, 'webhookUrl'],
      [{ webhookUrl: 'javascript:alert(1)' }, 'webhookUrl'],
      [{ webhookSecret: 'short' }, 'webhookSecret'],
      [{ email: 'not-an-email' }, 'email'],
      [{ enabled: 'yes' }, 'enabled'],
      [{ webhookSecretEnc: 'x' }, 'webhookSecretEnc'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.put('/api/admin/partners/cac', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
      expect(res.body.error.message).toContain(field);
    }
    expect((await admin.put('/api/admin/partners/nobody', { enabled: false })).status).toBe(404);
    expect((await admin.get('/api/admin/partners')).body).toEqual(before.body);
  });

  it('clears an endpoint with null and issues a pull token once, storing only its hash', async () => {
    await configurePartner(admin, 'cac', { email: 'intake@cac.example.gov.cn' });
    const cleared = await admin.put('/api/admin/partners/cac', { email: null });
    expect(cleared.body.partner.email).toBeNull();

    const res = await admin.post('/api/admin/partners/cac/token');
    expect(res.status).toBe(200);
    const token = res.body.token as string;
    expect(token.length).toBeGreaterThanOrEqual(40);
    const list = await admin.get('/api/admin/partners');
    expect(list.text).not.toContain(token);
    expect(list.body.items.find((p: { id: string }) => p.id === 'cac').hasPullToken).toBe(true);
    const [row] = await server.ctx.db.select().from(partners).where(eq(partners.id, 'cac'));
    expect(row?.pullTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.pullTokenHash).not.toContain(token);
    expect((await lastAudit('partner.update'))?.details).toEqual({ partnerId: 'cac', fields: ['pullToken'] });
  });
});

describe('deliveries', () => {
  it('lists, shows and resends deliveries; a resend goes out again with the same idempotency key', async () => {
    await configurePartner(admin, 'mps', { webhookUrl: receiver.url, webhookSecret: SECRET });
    const { filingId, filingNumber } = await approvedFiling(server);
    await runOnce(server.ctx);
    const webhook = await messageOf(server, filingId, 'webhook', 'mps');
    expect(webhook.status).toBe('delivered');

    const list = await admin.get('/api/admin/deliveries');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(2);
    const channels = new Set(list.body.items.map((i: { channel: string }) => i.channel));
    expect(channels.has('feed')).toBe(false);
    const ids = list.body.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const item = list.body.items.find((i: { id: number }) => i.id === webhook.id);
    expect(item).toMatchObject({
      channel: 'webhook',
      recipient: 'mps',
      recipientName: '公安部',
      eventType: 'filing.approved',
      filingId,
      filingNumber,
      status: 'delivered',
      attempts: 1,
      lastError: null,
    });
    expect(Date.parse(item.deliveredAt)).toBeGreaterThan(0);
    expect(list.text).not.toContain('payload');

    const pending = await admin.get('/api/admin/deliveries?status=pending&recipient=applicant&page=1');
    expect(pending.body.items.length).toBeGreaterThanOrEqual(1);
    for (const i of pending.body.items) expect(i).toMatchObject({ status: 'pending', recipient: 'applicant' });
    expect(pending.body.items[0]).toMatchObject({
      channel: 'email',
      recipientName: '申请人',
      lastError: '未配置 SMTP',
    });
    const blank = await admin.get('/api/admin/deliveries?status=&recipient=&page=');
    expect(blank.body.total).toBe(list.body.total);
    expect((await admin.get('/api/admin/deliveries?page=9999')).body.items).toEqual([]);
    expect((await admin.get('/api/admin/deliveries?status=lost')).status).toBe(400);

    const detail = await admin.get(`/api/admin/deliveries/${webhook.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: webhook.id, status: 'delivered', filingNumber });
    expect(detail.body.attempts).toEqual([{ at: expect.any(String), ok: true, detail: 'HTTP 200' }]);
    expect(detail.body.delivery).toEqual(item);

    const resend = await admin.post(`/api/admin/deliveries/${webhook.id}/resend`);
    expect(resend.status).toBe(200);
    expect(resend.body).toMatchObject({ id: webhook.id, status: 'pending' });
    expect(resend.body.delivery).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await lastAudit('outbox.resend'))?.details).toEqual({ outboxId: webhook.id });
    await runOnce(server.ctx);
    const seen = receiver.requests.filter((r) => JSON.parse(r.body).id === filingId);
    expect(seen).toHaveLength(2);
    expect(seen.map((r) => r.headers['idempotency-key'])).toEqual([webhook.idempotencyKey, webhook.idempotencyKey]);
    const after = await admin.get(`/api/admin/deliveries/${webhook.id}`);
    expect(after.body.status).toBe('delivered');
    expect(after.body.attempts.map((a: { ok: boolean }) => a.ok)).toEqual([true, true]);
  });

  it('answers 404 for unknown deliveries and feed entries, 400 for a malformed id', async () => {
    expect((await admin.get('/api/admin/deliveries/999999999')).status).toBe(404);
    expect((await admin.post('/api/admin/deliveries/999999999/resend')).status).toBe(404);
    expect((await admin.get('/api/admin/deliveries/abc')).status).toBe(400);
    const { filingId } = await approvedFiling(server);
    const feed = await messageOf(server, filingId, 'feed', 'mps');
    expect((await admin.get(`/api/admin/deliveries/${feed.id}`)).status).toBe(404);
    expect((await admin.post(`/api/admin/deliveries/${feed.id}/resend`)).status).toBe(404);
    expect((await messageOf(server, filingId, 'feed', 'mps')).status).toBe('available');
  });
});
