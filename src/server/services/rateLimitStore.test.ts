/**
 * Rate limits that hold across instances and cannot be dodged with a forged header (issue 8 item 8, issue 9
 * finding 2): on PostgreSQL two instances count into one table; X-Forwarded-For counts only from a trusted proxy.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSecondInstance, startTestServer, type TestClient, type TestServer } from '../test/harness.js';

const onPostgres = inject('dbKind') === 'postgres';
const limits = { login: 6, register: 10_000, partnerPull: 120, public: 4, complaints: 10 };
let a: TestServer;
let b: TestServer | undefined;
let proxied: TestServer;

beforeAll(async () => {
  a = await startTestServer({ config: { rateLimits: limits } });
  if (onPostgres) b = await startSecondInstance(a);
  proxied = await startTestServer({ config: { rateLimits: limits, trustedProxies: ['127.0.0.1'] } });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await proxied?.close();
});

const login = (c: TestClient, i: number, headers: Record<string, string> = {}) =>
  c.post('/api/auth/login', { email: `spray-${i}@example.com`, password: 'whatever-123' }, { headers });
const forged = () => ({ 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250) + 1}` });

describe('rate limits across instances', () => {
  it.skipIf(!onPostgres)('two instances on one database share the login limit', async () => {
    const clients = [a.client(), (b as TestServer).client()];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(clients[i % 2] as TestClient, i)).status);
    // 6 a minute in all, not 6 on each instance.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it.skipIf(!onPostgres)('two instances share the public registry limit', async () => {
    const servers = [a, b as TestServer];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await servers[i % 2]?.client().get('/api/public/filings?q=x'))?.status ?? 0);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it.skipIf(!onPostgres)('lets requests through when the counters cannot be written (fail open)', async () => {
    await a.ctx.db.execute(sql`alter table rate_limit_hits rename to rate_limit_hits_away`);
    try {
      // Both limits were used up by the tests above: an answer other than 429 is the limit stepping aside.
      expect((await login(a.client(), 99)).status).toBe(401);
      expect((await a.client().get('/api/public/filings?q=y')).status).toBe(200);
    } finally {
      await a.ctx.db.execute(sql`alter table rate_limit_hits_away rename to rate_limit_hits`);
    }
  });
});

describe('client addresses', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const c = a.client();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(c, 100 + i, forged())).status);
    // Each request claims another address; all count against the real one (some of its allowance may be used).
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
  });

  it('counts each forwarded client apart behind a trusted proxy (TRUSTED_PROXIES)', async () => {
    const c = proxied.client();
    const first = { 'x-forwarded-for': '198.51.100.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(c, 200 + i, first)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const other = await login(c, 300, { 'x-forwarded-for': '198.51.100.8' });
    expect(other.status).toBe(401);
  });
});
