import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSm3 } from '../crypto/sm3.js';
import { queryRows } from '../db/client.js';
import { outbox } from '../db/schema.js';
import { adminClient, approvedFiling, attemptsOf, configurePartner, makeDue, messageOf } from '../test/deliveries.js';
import { PERSONAL } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { type ReceivedRequest, startWebhookReceiver, type WebhookReceiver } from '../test/receivers.js';
import { startJobs } from './index.js';
import { claimDue } from './outboxStore.js';
import { OutboxWorker, runOnce, SMTP_NOT_CONFIGURED } from './outboxWorker.js';

const SECRET = 'mps-webhook-secret-7f3a9c2e41';
let server: TestServer;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  server = await startTestServer();
  const admin = await adminClient(server);
  await configurePartner(admin, 'mps', { webhookUrl: receiver.url, webhookSecret: SECRET });
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const run = (opts = {}) => runOnce(server.ctx, { log: server.app.log, ...opts });
const requestsFor = (filingId: string) =>
  receiver.requests.filter((r) => (JSON.parse(r.body) as { id?: string }).id === filingId);
const header = (r: ReceivedRequest, name: string) => String(r.headers[name] ?? '');

describe('webhook delivery', () => {
  it('retries a failing partner until it answers 2xx, with one idempotency key and a valid signature', async () => {
    const { filingId, filingNumber } = await approvedFiling(server);
    receiver.script.push(500, 500);
    await run();
    let msg = await messageOf(server, filingId, 'webhook', 'mps');
    expect(msg).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    await makeDue(server);
    await run();
    await makeDue(server);
    await run();

    msg = await messageOf(server, filingId, 'webhook', 'mps');
    expect(msg).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
    expect(msg.deliveredAt).toBeInstanceOf(Date);
    const attempts = await attemptsOf(server, msg.id);
    expect(attempts.map((a) => [a.ok, a.detail])).toEqual([
      [false, 'HTTP 500'],
      [false, 'HTTP 500'],
      [true, 'HTTP 200'],
    ]);

    const seen = requestsFor(filingId);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((r) => header(r, 'idempotency-key')))).toEqual(new Set([msg.idempotencyKey]));
    for (const r of seen) {
      expect(r.method).toBe('POST');
      expect(header(r, 'content-type')).toMatch(/^application\/json/);
      expect(header(r, 'x-vcp-event')).toBe('filing.approved');
      const ts = header(r, 'x-vcp-timestamp');
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(300);
      const expected = hmacSm3(Buffer.from(SECRET), `${ts}.${r.body}`).toString('hex');
      expect(header(r, 'x-vcp-signature')).toBe(`sm3=${expected}`);
    }
    // Partners get the full filing, personal data decrypted.
    const body = JSON.parse(seen[2]?.body ?? '{}');
    expect(body).toMatchObject({ event: 'filing.approved', id: filingId, filingNumber, status: 'approved' });
    expect(body.filing.people.principal.mobile).toBe(PERSONAL.principal.mobile);
    expect(body.filing.sponsor.idNumber).toBe(PERSONAL.uscc);
  });

  it('waits 10 s · 2^(attempts−1) between attempts and gives up after the last one', async () => {
    const { filingId } = await approvedFiling(server);
    receiver.script.push(503, 503, 503);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await server.ctx.db.update(outbox).set({ nextAttemptAt: sql`now()` }).where(eq(outbox.filingId, filingId));
      await run({ maxAttempts: 3 });
      const [row] = await queryRows<{ status: string; delay: number }>(
        server.ctx.db,
        sql`select status, extract(epoch from next_attempt_at - now())::float8 as delay
            from outbox where filing_id = ${filingId} and channel = 'webhook'`,
      );
      delays.push(row?.delay ?? 0);
      if (i < 2) expect(row?.status).toBe('pending');
      // Not due yet: a run now leaves it alone.
      if (i === 0) expect((await run()).claimed).toBe(0);
    }
    expect(delays[0]).toBeGreaterThan(8);
    expect(delays[0]).toBeLessThan(11);
    expect(delays[1]).toBeGreaterThan(18);
    expect(delays[1]).toBeLessThan(21);
    const msg = await messageOf(server, filingId, 'webhook', 'mps');
    expect(msg).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 503' });
    expect(await attemptsOf(server, msg.id)).toHaveLength(3);
  });

  it('counts a partner that does not answer in time as a failed attempt', async () => {
    const { filingId } = await approvedFiling(server);
    receiver.script.push(0);
    await run({ webhookTimeoutMs: 300 });
    const msg = await messageOf(server, filingId, 'webhook', 'mps');
    expect(msg).toMatchObject({ status: 'pending', attempts: 1, lastError: '超时（0.3 秒）' });
    await makeDue(server);
    await run();
    expect((await messageOf(server, filingId, 'webhook', 'mps')).status).toBe('delivered');
  });

  it('delivers again when a worker died between delivery and recording (at least once)', async () => {
    const { filingId } = await approvedFiling(server);
    // A worker claims the message, delivers nothing we hear of, and dies: the lease holds it for a while…
    const claimed = await claimDue(server.ctx.db, { channels: ['webhook'], limit: 100, leaseMs: 60_000 });
    expect(claimed.some((r) => r.filingId === filingId)).toBe(true);
    await run();
    expect(requestsFor(filingId)).toHaveLength(0);
    // …until it runs out, and another run delivers it.
    await makeDue(server);
    await run();
    expect(requestsFor(filingId)).toHaveLength(1);
    expect(await messageOf(server, filingId, 'webhook', 'mps')).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('lets concurrent workers share the queue without delivering a message twice', async () => {
    const { filingId } = await approvedFiling(server);
    const results = await Promise.all([run(), run(), run()]);
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBeGreaterThanOrEqual(1);
    expect(requestsFor(filingId)).toHaveLength(1);
    expect(await messageOf(server, filingId, 'webhook', 'mps')).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});

describe('the polling worker', () => {
  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  };

  it('is started by startJobs, delivers on its own and stops cleanly', async () => {
    const { filingId } = await approvedFiling(server);
    const jobs = startJobs(server.ctx, server.app.log);
    try {
      await waitFor(async () => (await messageOf(server, filingId, 'webhook', 'mps')).status === 'delivered');
    } finally {
      await jobs.stop();
    }
    expect((await messageOf(server, filingId, 'webhook', 'mps')).status).toBe('delivered');
  });

  it('polls again after its interval and retries with the configured backoff', async () => {
    const worker = new OutboxWorker(server.ctx, { pollMs: 30, backoffBaseMs: 50, log: server.app.log });
    const { filingId } = await approvedFiling(server);
    receiver.script.push(500);
    worker.start();
    try {
      await waitFor(async () => (await messageOf(server, filingId, 'webhook', 'mps')).status === 'delivered');
    } finally {
      await worker.stop();
    }
    expect(await messageOf(server, filingId, 'webhook', 'mps')).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(requestsFor(filingId)).toHaveLength(2);
  });
});

describe('email without SMTP', () => {
  it('keeps emails pending with 未配置 SMTP and burns no attempt', async () => {
    const { filingId } = await approvedFiling(server);
    await run();
    await makeDue(server);
    await run();
    const mail = await messageOf(server, filingId, 'email', 'applicant');
    expect(mail).toMatchObject({ status: 'pending', attempts: 0, lastError: SMTP_NOT_CONFIGURED });
    expect(mail.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(await attemptsOf(server, mail.id)).toHaveLength(0);
  });
});
