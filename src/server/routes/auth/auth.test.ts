import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { registerApplicant, submittedFiling } from '../../test/factories.js';

let n = 0;
const unique = () => `${Date.now()}-${++n}`;

import { startTestServer, type TestServer } from '../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('POST /api/auth/register', () => {
  it('signs up in two steps and then signs in with an httpOnly SameSite cookie', async () => {
    const c = server.client();
    const res = await c.signUp({ email: 'New.User@Example.com', password: 'abcdefgh12' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'new.user@example.com', roles: ['applicant'] });
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('vcp_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('new.user@example.com');
  });

  it('takes `name` as the display name too', async () => {
    const c = server.client();
    const res = await c.signUp({ email: 'named@example.com', password: 'abcdefgh12', name: '张三' });
    expect(res.status).toBe(200);
    expect(res.body.user.displayName).toBe('张三');
  });

  it('answers a taken email exactly as a new one, and changes nothing of the account', async () => {
    const { email, password } = await registerApplicant(server.client());
    const taken = await server
      .client()
      .post('/api/auth/register', { email: email.toUpperCase(), password: 'abcdefgh12' });
    const fresh = await server
      .client()
      .post('/api/auth/register', { email: `fresh-${unique()}@example.com`, password: 'abcdefgh12' });
    expect([taken.status, taken.body]).toEqual([202, { status: 'confirmation_sent' }]);
    expect([fresh.status, fresh.body]).toEqual([taken.status, taken.body]);
    expect(taken.headers.getSetCookie()).toEqual([]);
    expect((await server.client().post('/api/auth/login', { email, password })).status).toBe(200);
    expect((await server.client().post('/api/auth/login', { email, password: 'abcdefgh12' })).status).toBe(401);
  });

  it.each([
    [{ email: 'not-an-email', password: 'abcdefgh12' }, 'email'],
    [{ email: 'a@b.cn', password: 'short1' }, 'password'],
    [{ email: 'a@b.cn', password: 'onlyletterslong' }, 'password'],
    [{ email: 'a@b.cn' }, 'password'],
    [{ email: 'a@b.cn', password: 'abcdefgh12', role: 'admin' }, 'role'],
  ])('answers %j with 400 naming %s', async (body, field) => {
    const res = await server.client().post('/api/auth/register', body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await server.client().request('POST', '/api/auth/register', {
      body: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('stores the email only encrypted, with a blind index', async () => {
    await registerApplicant(server.client(), 'stored.secretly@example.org');
    const dump = JSON.stringify(await queryRows(server.ctx.db, sql`select email_hash, email_enc from users`));
    expect(dump).not.toContain('stored.secretly');
  });
});

describe('common passwords', () => {
  it('refuses a password from the breached and common list, also with digits appended, naming password', async () => {
    for (const password of ['password123', 'Qwerty123456', 'iloveyou2026!', 'dragon20262026']) {
      const res = await server
        .client()
        .post('/api/auth/register', { email: `common-${unique()}@example.com`, password });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
    }
    const ok = await server
      .client()
      .post('/api/auth/register', { email: `uncommon-${unique()}@example.com`, password: 'lantern-ferry-8841' });
    expect(ok.status).toBe(202);
  });
});

describe('login, me and logout', () => {
  it('logs in, answers me, and logs out so me is 401', async () => {
    const { email, password } = await registerApplicant(server.client());
    const c = server.client();
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const login = await c.post('/api/auth/login', { email, password });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(email);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const after = await c.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const { email } = await registerApplicant(server.client());
    const wrong = await server.client().post('/api/auth/login', { email, password: 'wrong-password-1' });
    const unknown = await server
      .client()
      .post('/api/auth/login', { email: 'nobody@example.com', password: 'x1234567890' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
  });

  it('locks the account after five failures, even for the right password', async () => {
    const { email, password } = await registerApplicant(server.client());
    const c = server.client();
    for (let i = 0; i < 5; i++) {
      expect((await c.post('/api/auth/login', { email, password: `wrong-${i}-password` })).status).toBe(401);
    }
    const locked = await c.post('/api/auth/login', { email, password });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('account_locked');
    expect(c.hasSession()).toBe(false);
  });

  it('rate-limits login attempts from one address', async () => {
    const c = server.client();
    const codes: string[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await c.post('/api/auth/login', { email: `spray${i}@example.com`, password: 'whatever-123' });
      codes.push(res.status === 429 ? res.body.error.code : String(res.status));
    }
    // The limit is 20 a minute per address; earlier tests in this file used some of it.
    expect(codes).toContain('rate_limited');
    expect(codes.at(-1)).toBe('rate_limited');
  });

  it('ignores a forged session cookie', async () => {
    const res = await server
      .client()
      .get('/api/auth/me', { headers: { cookie: 'vcp_session=forged-token-aaaaaaaaaaaaaaaaaaaa' } });
    expect(res.status).toBe(401);
  });
});

describe('CSRF defence', () => {
  it('refuses a cookie-authenticated write sent from another site', async () => {
    const c = server.client();
    await registerApplicant(c);
    const crossSite = await c.post(
      '/api/filings',
      {},
      { headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } },
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe('csrf_rejected');
    const oldBrowser = await c.post('/api/filings', {}, { headers: { origin: 'https://evil.example' } });
    expect(oldBrowser.status).toBe(403);
    const list = await c.get('/api/filings');
    expect(list.body.items).toHaveLength(0);
  });

  it('refuses a headerless text/plain or form POST that carries the session cookie, even to a body-less action', async () => {
    const c = server.client();
    const id = await submittedFiling(c);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'text/plain;charset=UTF-8']) {
      const res = await c.request('POST', `/api/filings/${id}/withdraw`, {
        body: '',
        headers: { 'content-type': type },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('csrf_rejected');
    }
    expect((await c.get(`/api/filings/${id}`)).body.filing.status).toBe('submitted');
  });

  it('lets same-origin browser writes and non-browser clients through', async () => {
    const c = server.client();
    await registerApplicant(c);
    const sameOrigin = await c.post(
      '/api/filings',
      {},
      { headers: { 'sec-fetch-site': 'same-origin', origin: server.url } },
    );
    expect(sameOrigin.status).toBe(201);
    const script = await c.post('/api/filings', {});
    expect(script.status).toBe(201);
  });
});
