/**
 * Issue 9, findings 3 and 7: the lockout counts every attempt atomically before the password is looked at, and the
 * second factor can neither be replayed nor skipped to confirm a staff password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../../commands/createStaffUser.js';
import { totpNow } from '../../services/totp.js';
import { registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';

let server: TestServer;
let clock = new Date('2026-03-02T02:00:00Z');
beforeAll(async () => {
  const base = (await import('../../config.js')).loadConfig({});
  server = await startTestServer({
    now: () => clock,
    // The per-address rate limit is not what is tested here.
    config: { rateLimits: { ...base.rateLimits, login: 100_000, register: 10_000 } },
  });
});
afterAll(() => server?.close());

let n = 0;
async function staff() {
  const email = `staff-lock-${++n}-${Date.now()}@example.gov.cn`;
  const password = 'a-long-staff-password-2026';
  const { secret } = await createStaffUser(server.ctx, { email, password, roles: ['reviewer'], displayName: '审核员' });
  return { email, password, secret };
}

describe('lockout under concurrency', () => {
  it('evaluates at most five of 60 wrong passwords sent at once, and the rest are 423', async () => {
    const { email, password } = await registerApplicant(server.client());
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        server.client().post('/api/auth/login', { email, password: `wrong-password-${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 423)).toHaveLength(55);
    const right = await server.client().post('/api/auth/login', { email, password });
    expect(right.status).toBe(423);
  });

  it('lets the owner in after the lock ends, and a success clears the count', async () => {
    const { email, password } = await registerApplicant(server.client());
    for (let i = 0; i < 5; i++) await server.client().post('/api/auth/login', { email, password: `bad-${i}-pass` });
    expect((await server.client().post('/api/auth/login', { email, password })).status).toBe(423);
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await server.client().post('/api/auth/login', { email, password })).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      expect((await server.client().post('/api/auth/login', { email, password: `bad-${i}-pass` })).status).toBe(401);
    }
    expect((await server.client().post('/api/auth/login', { email, password })).status).toBe(200);
  });
});

describe('second factor', () => {
  it('accepts a code once: the same code again is refused', async () => {
    const s = await staff();
    const code = totpNow(s.secret, clock);
    const first = await server.client().post('/api/auth/login', { email: s.email, password: s.password, totp: code });
    expect(first.status).toBe(200);
    const replay = await server.client().post('/api/auth/login', { email: s.email, password: s.password, totp: code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid_credentials');
    clock = new Date(clock.getTime() + 30_000);
    const next = await server
      .client()
      .post('/api/auth/login', { email: s.email, password: s.password, totp: totpNow(s.secret, clock) });
    expect(next.status).toBe(200);
  });

  it('does not tell a right staff password from a wrong one without the code', async () => {
    const s = await staff();
    const right = await server.client().post('/api/auth/login', { email: s.email, password: s.password });
    const wrong = await server.client().post('/api/auth/login', { email: s.email, password: 'wrong-password-99' });
    expect(right.status).toBe(401);
    expect(right.body).toEqual(wrong.body);
    expect(right.body.error.code).toBe('totp_required');
  });

  it('answers a wrong code like a wrong password, and counts both towards the lock', async () => {
    clock = new Date(clock.getTime() + 60_000);
    const s = await staff();
    const code = totpNow(s.secret, clock);
    const badCode = await server
      .client()
      .post('/api/auth/login', { email: s.email, password: s.password, totp: '000000' === code ? '111111' : '000000' });
    const badPassword = await server
      .client()
      .post('/api/auth/login', { email: s.email, password: 'wrong-password-99', totp: code });
    expect(badCode.status).toBe(401);
    expect(badCode.body).toEqual(badPassword.body);
    for (let i = 0; i < 3; i++) {
      await server.client().post('/api/auth/login', { email: s.email, password: s.password, totp: '000001' });
    }
    const locked = await server.client().post('/api/auth/login', { email: s.email, password: s.password, totp: code });
    expect(locked.status).toBe(423);
  });
});
