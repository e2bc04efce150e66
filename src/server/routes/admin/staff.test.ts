import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '../../db/schema.js';
import { totpNow } from '../../services/totp.js';
import { loginStaff, registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

let server: TestServer;
let admin: TestClient;
let adminId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = server.client();
  adminId = (await loginStaff(server, admin, ['admin'])).user.id;
});
afterAll(() => server?.close());

const lastAudit = async (action: string) => {
  const [row] = await server.ctx.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
};

/** Signs in with the enrolment a create or reset answered. */
async function signIn(email: string, password: string, secret: string) {
  const c = server.client();
  const res = await c.post('/api/auth/login', { email, password, totp: totpNow(secret, server.ctx.now()) });
  return { client: c, res };
}

describe('staff accounts: who may', () => {
  it('answers 401 without a session and 403 to every non-admin', async () => {
    const applicant = server.client();
    await registerApplicant(applicant);
    const staff = server.client();
    const { user } = await loginStaff(server, staff, ['reviewer', 'complaints']);
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/admin/staff'],
      ['POST', '/api/admin/staff', { email: 'x@example.gov.cn', displayName: 'X', roles: ['admin'] }],
      ['PUT', `/api/admin/staff/${user.id}`, { roles: ['admin'] }],
      ['POST', `/api/admin/staff/${user.id}/reset-totp`],
    ];
    for (const [method, path, json] of calls) {
      expect((await server.client().request(method, path, json ? { json } : {})).status, path).toBe(401);
      for (const c of [applicant, staff]) {
        const res = await c.request(method, path, json ? { json } : {});
        expect(res.status, `${method} ${path}`).toBe(403);
      }
    }
    const list = await admin.get('/api/admin/staff');
    expect(list.body.items.find((a: { id: string }) => a.id === user.id).roles).toEqual(['reviewer', 'complaints']);
  });
});

describe('staff accounts', () => {
  it('creates an account with a QR and a first password shown once; it signs in with them', async () => {
    const res = await admin.post('/api/admin/staff', {
      email: 'Li.Ming@Example.gov.cn',
      displayName: '李明',
      roles: ['reviewer'],
    });
    expect(res.status).toBe(201);
    const { account, enrolment, initialPassword } = res.body;
    expect(account).toMatchObject({
      email: 'li.ming@example.gov.cn',
      displayName: '李明',
      roles: ['reviewer'],
      disabled: false,
      hasTotp: true,
      lastSignInAt: null,
      self: false,
    });
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(initialPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);

    // Neither is shown again.
    const list = await admin.get('/api/admin/staff');
    expect(list.text).not.toContain(enrolment.secret);
    expect(list.text).not.toContain(initialPassword);
    const audit = await lastAudit('account.staff_created');
    expect(audit).toMatchObject({ actorId: adminId, subjectId: account.id, details: { roles: ['reviewer'] } });
    expect(JSON.stringify(audit)).not.toContain(initialPassword);

    const { res: login } = await signIn('li.ming@example.gov.cn', initialPassword, enrolment.secret);
    expect(login.status).toBe(200);
    const after = (await admin.get('/api/admin/staff')).body.items.find((a: { id: string }) => a.id === account.id);
    expect(after.lastSignInAt).not.toBeNull();

    const taken = await admin.post('/api/admin/staff', {
      email: 'li.ming@example.gov.cn',
      displayName: '李',
      roles: ['admin'],
    });
    expect(taken.status).toBe(409);
  });

  it('refuses bad input with a 400 naming the field, and creates nothing', async () => {
    const before = (await admin.get('/api/admin/staff')).body.items.length;
    const cases: [unknown, string][] = [
      [{ email: 'nope', displayName: 'A', roles: ['reviewer'] }, 'email'],
      [{ email: 'a@example.gov.cn', displayName: '', roles: ['reviewer'] }, 'displayName'],
      [{ email: 'a@example.gov.cn', displayName: 'A', roles: [] }, 'roles'],
      [{ email: 'a@example.gov.cn', displayName: 'A', roles: ['applicant'] }, 'roles[0]'],
      [{ email: 'a@example.gov.cn', displayName: 'A', roles: ['superuser'] }, 'roles[0]'],
      [{ email: 'a@example.gov.cn', displayName: 'A', roles: ['admin'], password: 'x' }, 'password'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/admin/staff', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await admin.get('/api/admin/staff')).body.items.length).toBe(before);
    const id = (await admin.get('/api/admin/staff')).body.items[0].id;
    expect((await admin.put(`/api/admin/staff/${id}`, { disabled: 'no' })).body.errors[0].field).toBe('disabled');
    expect((await admin.put('/api/admin/staff/not-a-uuid', { disabled: true })).status).toBe(400);
    expect((await admin.put(`/api/admin/staff/${crypto.randomUUID()}`, { disabled: true })).status).toBe(404);
  });

  it('does not list or change applicants', async () => {
    const applicant = server.client();
    await registerApplicant(applicant);
    const me = (await applicant.get('/api/auth/me')).body.user;
    const list = await admin.get('/api/admin/staff');
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(me.id);
    expect((await admin.put(`/api/admin/staff/${me.id}`, { roles: ['admin'] })).status).toBe(404);
    expect((await applicant.get('/api/auth/me')).body.user.roles).toEqual(['applicant']);
  });

  it('changes roles; disabling ends the sessions and stops sign-in; enabling lets it in again', async () => {
    const c = server.client();
    const { user, email, password, secret } = await loginStaff(server, c, ['reviewer']);
    expect((await c.get('/api/review/queue')).status).toBe(200);

    const roles = await admin.put(`/api/admin/staff/${user.id}`, { roles: ['complaints'] });
    expect(roles.status).toBe(200);
    expect(roles.body.account.roles).toEqual(['complaints']);
    expect((await c.get('/api/review/queue')).status).toBe(403);
    expect((await lastAudit('account.staff_updated'))?.details).toEqual({
      fields: ['roles'],
      roles: { before: ['reviewer'], after: ['complaints'] },
      sessionsEnded: 0,
    });

    const off = await admin.put(`/api/admin/staff/${user.id}`, { disabled: true });
    expect(off.body.account.disabled).toBe(true);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect(await server.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await lastAudit('account.staff_updated'))?.details).toMatchObject({ disabled: true, sessionsEnded: 1 });
    // The next 30-second step: the code used above is spent.
    const later = new Date(server.ctx.now().getTime() + 30_000);
    const denied = await server.client().post('/api/auth/login', { email, password, totp: totpNow(secret, later) });
    expect(denied.status).toBe(401);

    await admin.put(`/api/admin/staff/${user.id}`, { disabled: false });
    const again = await server.client().post('/api/auth/login', {
      email,
      password,
      totp: totpNow(secret, later),
    });
    expect(again.status).toBe(200);
  });

  it('resets the TOTP: the old codes stop working, sessions end, the new QR signs in', async () => {
    const c = server.client();
    const { user, email, password, secret } = await loginStaff(server, c, ['complaints']);
    const res = await admin.post(`/api/admin/staff/${user.id}/reset-totp`);
    expect(res.status).toBe(200);
    expect(res.body.enrolment.secret).not.toBe(secret);
    expect(res.body.enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await lastAudit('account.totp_reset'))?.details).toEqual({ sessionsEnded: 1 });
    const later = new Date(server.ctx.now().getTime() + 30_000);
    const old = await server.client().post('/api/auth/login', { email, password, totp: totpNow(secret, later) });
    expect(old.status).toBe(401);
    const { res: fresh } = await signIn(email, password, res.body.enrolment.secret);
    expect(fresh.status).toBe(200);
  });
});

describe('the last admin', () => {
  it('cannot be disabled or demoted (409), by itself or anyone; with a second admin it can', async () => {
    // This file's admin is the only one.
    const selfDemote = await admin.put(`/api/admin/staff/${adminId}`, { roles: ['reviewer'] });
    expect(selfDemote.status).toBe(409);
    expect(selfDemote.body.error.code).toBe('last_admin');
    const selfDisable = await admin.put(`/api/admin/staff/${adminId}`, { disabled: true });
    expect(selfDisable.status).toBe(409);
    expect((await admin.get('/api/auth/me')).body.user.roles).toEqual(['admin']);

    // A disabled admin does not count as one.
    const created = await admin.post('/api/admin/staff', {
      email: `second-admin-${Date.now()}@example.gov.cn`,
      displayName: '第二管理员',
      roles: ['admin'],
    });
    const second = created.body.account.id as string;
    await admin.put(`/api/admin/staff/${second}`, { disabled: true });
    expect((await admin.put(`/api/admin/staff/${adminId}`, { roles: ['reviewer'] })).status).toBe(409);

    await admin.put(`/api/admin/staff/${second}`, { disabled: false });
    const demoted = await admin.put(`/api/admin/staff/${adminId}`, { roles: ['reviewer', 'complaints'] });
    expect(demoted.status).toBe(200);
    // The demoted account is no longer an admin at once: its next admin call is refused.
    expect((await admin.get('/api/admin/staff')).status).toBe(403);
  });

  it('two admins demoting each other at once: one of them stays an admin', async () => {
    const a = server.client();
    const b = server.client();
    const { user: ua } = await loginStaff(server, a, ['admin']);
    const { user: ub } = await loginStaff(server, b, ['admin']);
    // Leave exactly these two as the active admins.
    const list = (await a.get('/api/admin/staff')).body.items as { id: string; roles: string[]; disabled: boolean }[];
    for (const acc of list) {
      if (acc.roles.includes('admin') && !acc.disabled && acc.id !== ua.id && acc.id !== ub.id) {
        expect((await a.put(`/api/admin/staff/${acc.id}`, { disabled: true })).status).toBe(200);
      }
    }
    const [ra, rb] = await Promise.all([
      a.put(`/api/admin/staff/${ub.id}`, { roles: ['reviewer'] }),
      b.put(`/api/admin/staff/${ua.id}`, { roles: ['reviewer'] }),
    ]);
    // The loser is refused as the last admin (409) or, when the winner went first, as no longer an admin (403).
    const statuses = [ra.status, rb.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const rows = (await (ra.status === 200 ? a : b).get('/api/admin/staff')).body.items as {
      roles: string[];
      disabled: boolean;
    }[];
    expect(rows.filter((r) => r.roles.includes('admin') && !r.disabled)).toHaveLength(1);
  });
});
