import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { adminClient, approvedFiling } from '../../test/deliveries.js';
import { PERSONAL } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

let server: TestServer;
let admin: TestClient;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  token = (await admin.post('/api/admin/partners/mps/token')).body.token;
});
afterAll(() => server?.close());

const pull = (query: string, bearer: string | null = token, client = server.client()) =>
  client.get(`/api/partner/events${query}`, bearer === null ? {} : { headers: { authorization: `Bearer ${bearer}` } });

describe('GET /api/partner/events', () => {
  it('lists the partner’s events after approval with the full filing, and pages with after', async () => {
    const first = await approvedFiling(server);
    const second = await approvedFiling(server);

    const res = await pull('');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const feed = await server.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, 'mps'), eq(outbox.channel, 'feed')))
      .orderBy(asc(outbox.id));
    expect(res.body.items.map((i: { id: number }) => i.id)).toEqual(feed.map((r) => r.id));
    expect(res.body.nextAfter).toBe(feed.at(-1)?.id);
    const item = res.body.items.find((i: { payload: { id: string } }) => i.payload.id === first.filingId);
    expect(item).toMatchObject({
      eventType: 'filing.approved',
      idempotencyKey: feed.find((r) => r.filingId === first.filingId)?.idempotencyKey,
      payload: { event: 'filing.approved', filingNumber: first.filingNumber, status: 'approved' },
    });
    expect(Date.parse(item.createdAt)).toBeGreaterThan(0);
    expect(item.payload.filing.people.principal.mobile).toBe(PERSONAL.principal.mobile);
    expect(item.payload.filing.sponsor.idNumber).toBe(PERSONAL.uscc);

    const page1 = await pull('?limit=1');
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0].payload.id).toBe(first.filingId);
    const page2 = await pull(`?after=${page1.body.nextAfter}&limit=1`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].payload.id).toBe(second.filingId);
    const page3 = await pull(`?after=${page2.body.nextAfter}&limit=1`);
    expect(page3.body).toEqual({ items: [], nextAfter: page2.body.nextAfter });
  });

  it('answers 401 invalid_token for a missing, wrong or malformed token, and ignores cookie sessions', async () => {
    for (const bearer of [null, 'vcp_wrongwrongwrongwrongwrongwrongwrongwrongwrong', `${token}x`, '', 'a b']) {
      const res = await pull('', bearer);
      expect(res.status, String(bearer)).toBe(401);
      expect(res.body.error.code).toBe('invalid_token');
    }
    const basic = await server.client().get('/api/partner/events', { headers: { authorization: `Basic ${token}` } });
    expect(basic.status).toBe(401);
    // An admin's browser session is no partner credential.
    expect((await pull('', null, admin)).status).toBe(401);
    // Authentication comes before the parameters are looked at.
    expect((await pull('?limit=0', null)).status).toBe(401);
  });

  it('sees only its own events, is read-only, and validates its parameters', async () => {
    const cacToken = (await admin.post('/api/admin/partners/cac/token')).body.token;
    const cac = await pull('', cacToken);
    expect(cac.status).toBe(200);
    const cacIds = new Set(cac.body.items.map((i: { idempotencyKey: string }) => i.idempotencyKey));
    const mps = await pull('');
    expect(mps.body.items.length).toBeGreaterThan(0);
    for (const i of mps.body.items) expect(cacIds.has(i.idempotencyKey)).toBe(false);

    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await server.client().request(method, '/api/partner/events', {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status, method).toBe(404);
    }
    for (const q of ['?limit=0', '?limit=201', '?after=-1', '?after=abc', '?other=1']) {
      expect((await pull(q)).status, q).toBe(400);
    }
  });

  it('stops accepting a token once a new one is issued or the partner is disabled', async () => {
    const fresh = (await admin.post('/api/admin/partners/mps/token')).body.token;
    expect((await pull('', token)).status).toBe(401);
    expect((await pull('', fresh)).status).toBe(200);
    await admin.put('/api/admin/partners/mps', { enabled: false });
    const disabled = await pull('', fresh);
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.code).toBe('partner_disabled');
    await admin.put('/api/admin/partners/mps', { enabled: true });
    token = fresh;
  });
});

describe('rate limit', () => {
  it('limits pulls per token', async () => {
    const limited = await startTestServer({
      config: { rateLimits: { ...server.ctx.config.rateLimits, partnerPull: 3 } },
    });
    try {
      const a = await adminClient(limited);
      const t = (await a.post('/api/admin/partners/cac/token')).body.token;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await limited.client().get('/api/partner/events', { headers: { authorization: `Bearer ${t}` } });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
