/**
 * Issue 9, finding 5: text no field may hold, and nesting no form has, are refused at the edge with 400 naming the
 * field, on every route; nothing is stored. (The fuzz test in test/fuzz.test.ts covers every operation.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompleteDraft, loginStaff, registerApplicant } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { findBadInput } from './inputGuard.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('findBadInput', () => {
  it('finds NUL, lone surrogates and deep nesting, and passes real text', () => {
    expect(findBadInput({ a: ['ok', '张三😀'] })).toBeNull();
    expect(findBadInput({ a: ['ok', 'x\u0000'] })?.path).toEqual(['a', 1]);
    expect(findBadInput({ a: { b: '\uD800' } })?.path).toEqual(['a', 'b']);
    expect(findBadInput({ a: '\uDC00x' })?.path).toEqual(['a']);
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findBadInput(deep)?.message).toMatch(/嵌套/);
  });
});

describe('the edge refuses text no field may hold', () => {
  it('a sponsor name with NUL: 400 naming it, and the draft is unchanged', async () => {
    const c = server.client();
    await registerApplicant(c);
    const id = await createCompleteDraft(c);
    const before = await c.get(`/api/filings/${id}`);
    const res = await c.put(`/api/filings/${id}`, {
      ...before.body.filing.data,
      sponsor: { ...before.body.filing.data.sponsor, name: '\u0000张三' },
    });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['sponsor.name']);
    const after = await c.get(`/api/filings/${id}`);
    expect(after.body.filing.data).toEqual(before.body.filing.data);
  });

  it('a registration name with a lone surrogate', async () => {
    const res = await server.client().post('/api/auth/register', {
      email: `lone-${Date.now()}@example.com`,
      password: 'a-fine-passphrase-93',
      name: 'ab\uD800',
    });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['name']);
  });

  it('a review note with NUL', async () => {
    const staff = server.client();
    await loginStaff(server, staff);
    const res = await staff.put(`/api/review/filings/${crypto.randomUUID()}/checks/sponsor`, {
      result: 'pass',
      note: 'a\u0000',
    });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['note']);
  });

  it('NUL in a query or a path parameter', async () => {
    const c = server.client();
    const q = await c.get('/api/public/filings?q=%00');
    expect(q.status).toBe(400);
    expect(fields(q.body)).toEqual(['q']);
    const p = await c.get('/api/public/filings/%00');
    expect(p.status).toBe(400);
    expect(fields(p.body)).toEqual(['filingNumber']);
  });

  it('200,000 nested arrays: 400, not a stack overflow', async () => {
    const c = server.client();
    await registerApplicant(c);
    const body = `{"platform":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const res = await c.request('POST', '/api/filings', { body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/嵌套/);
  });

  it('a deadline beyond the years date arithmetic can reach: 400 naming from', async () => {
    const res = await server.client().get('/api/calendar/deadline?from=9999-12-31&workingDays=3650');
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['from']);
    const ok = await server.client().get('/api/calendar/deadline?from=2026-01-05&workingDays=10');
    expect(ok.status).toBe(200);
  });
});
