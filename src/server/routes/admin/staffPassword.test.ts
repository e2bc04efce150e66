/**
 * An admin resets a staff member's password on /admin/staff: a new first password shown once, the sessions end, the
 * second factor stays, the lockout is cleared, the owner is told by mail (read from the SMTP peer), and an admin
 * cannot reset their own here (the last-admin rules stay as they are).
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { runOnce } from '../../jobs/outboxWorker.js';
import { totpNow } from '../../services/totp.js';
import { loginStaff, registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { type Mailbox, parseMail, startMailbox } from '../../test/receivers.js';

let mailbox: Mailbox;
let server: TestServer;
let admin: TestClient;
let adminId: string;
let clock = new Date();

beforeAll(async () => {
  mailbox = await startMailbox();
  const base = (await import('../../config.js')).loadConfig({});
  server = await startTestServer({
    now: () => clock,
    config: { smtpUrl: mailbox.url, rateLimits: { ...base.rateLimits, login: 100_000 } },
  });
  admin = server.client();
  adminId = (await loginStaff(server, admin, ['admin'])).user.id;
});
afterAll(async () => {
  await server?.close();
  await mailbox?.close();
});

const nextStep = () => {
  clock = new Date(clock.getTime() + 30_000);
};
const login = (email: string, password: string, secret?: string) =>
  server.client().post('/api/auth/login', { email, password, ...(secret ? { totp: totpNow(secret, clock) } : {}) });

describe('an admin resets a staff password', () => {
  it('gives a first password once, ends the sessions, keeps the one-time code, and mails the owner', async () => {
    const c = server.client();
    const staff = await loginStaff(server, c, ['reviewer']);
    const res = await admin.post(`/api/admin/staff/${staff.user.id}/reset-password`);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: staff.user.id, hasTotp: true, disabled: false });
    const initial = res.body.initialPassword as string;
    expect(initial).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect((await c.get('/api/auth/me')).status).toBe(401);

    nextStep();
    expect((await login(staff.email, staff.password, staff.secret)).status).toBe(401);
    nextStep();
    expect((await login(staff.email, initial)).body.error.code).toBe('totp_required');
    expect((await login(staff.email, initial, staff.secret)).status).toBe(200);

    const [entry] = await server.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.password_reset_by_admin'), eq(auditLog.subjectId, staff.user.id)))
      .orderBy(desc(auditLog.seq));
    expect(entry).toMatchObject({ actorId: adminId, details: { sessionsEnded: 1, lockCleared: false } });

    await runOnce(server.ctx, { log: server.app.log });
    const mails = mailbox.messages.filter((m) => m.to.includes(staff.email)).map((m) => parseMail(m.raw));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('管理员已为您的账号重新设置了初始密码');
    expect(mails[0]?.text).not.toContain(initial);
  });

  it('clears the lockout of the account', async () => {
    const staff = await loginStaff(server, server.client(), ['complaints']);
    for (let i = 0; i < 5; i++) {
      nextStep();
      await login(staff.email, `wrong-password-${i}`, staff.secret);
    }
    nextStep();
    expect((await login(staff.email, staff.password, staff.secret)).status).toBe(423);
    const res = await admin.post(`/api/admin/staff/${staff.user.id}/reset-password`);
    expect(res.status).toBe(200);
    nextStep();
    expect((await login(staff.email, res.body.initialPassword, staff.secret)).status).toBe(200);
  });

  it('refuses an admin’s own account (409), an applicant (404), and every non-admin (403)', async () => {
    const own = await admin.post(`/api/admin/staff/${adminId}/reset-password`);
    expect([own.status, own.body.error.code]).toEqual([409, 'own_account']);
    expect((await admin.get('/api/auth/me')).status).toBe(200);

    const applicant = server.client();
    const { user } = await registerApplicant(applicant);
    expect((await admin.post(`/api/admin/staff/${user.id}/reset-password`)).status).toBe(404);
    expect((await admin.post(`/api/admin/staff/${crypto.randomUUID()}/reset-password`)).status).toBe(404);
    expect((await admin.post('/api/admin/staff/not-a-uuid/reset-password')).status).toBe(400);

    const reviewer = server.client();
    await loginStaff(server, reviewer, ['reviewer', 'complaints']);
    expect((await reviewer.post(`/api/admin/staff/${adminId}/reset-password`)).status).toBe(403);
    expect((await applicant.post(`/api/admin/staff/${adminId}/reset-password`)).status).toBe(403);
    expect((await server.client().post(`/api/admin/staff/${adminId}/reset-password`)).status).toBe(401);
  });

  it('leaves roles and state as they were: a reset admin stays an admin, a disabled account stays disabled', async () => {
    const other = server.client();
    const second = await loginStaff(server, other, ['admin']);
    const res = await admin.post(`/api/admin/staff/${second.user.id}/reset-password`);
    expect(res.body.account.roles).toEqual(['admin']);
    nextStep();
    const back = server.client();
    expect(
      (
        await back.post('/api/auth/login', {
          email: second.email,
          password: res.body.initialPassword,
          totp: totpNow(second.secret, clock),
        })
      ).status,
    ).toBe(200);
    expect((await back.get('/api/admin/staff')).status).toBe(200);

    await admin.put(`/api/admin/staff/${second.user.id}`, { disabled: true });
    const again = await admin.post(`/api/admin/staff/${second.user.id}/reset-password`);
    expect(again.body.account.disabled).toBe(true);
    nextStep();
    expect((await login(second.email, again.body.initialPassword, second.secret)).status).toBe(401);
  });
});
