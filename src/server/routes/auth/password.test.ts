/**
 * Passwords (修改密码, 忘记密码) through real HTTP and the real mail path: the outbox worker sends over SMTP to a local
 * SMTP peer, and links are taken from the mails as received. On both databases; the clock is the test's, so the
 * link's hour and the 15-minute mail limit are crossed without waiting.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../../commands/createStaffUser.js';
import { queryRows } from '../../db/client.js';
import { auditLog, sessions } from '../../db/schema.js';
import { runOnce } from '../../jobs/outboxWorker.js';
import { totpNow } from '../../services/totp.js';
import { registerApplicant } from '../../test/factories.js';
import { startSecondInstance, startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { resetTokenInMail } from '../../test/passwordReset.js';
import { type Mailbox, parseMail, startMailbox } from '../../test/receivers.js';

let mailbox: Mailbox;
let server: TestServer;
let clock = new Date();
const NEW_PASSWORD = 'harbour-violet-5523';

beforeAll(async () => {
  mailbox = await startMailbox();
  const base = (await import('../../config.js')).loadConfig({});
  server = await startTestServer({
    now: () => clock,
    // The per-client limits are not what is tested here; the per-address mail limit is.
    config: { smtpUrl: mailbox.url, rateLimits: { ...base.rateLimits, login: 100_000, register: 100_000 } },
  });
});
afterAll(async () => {
  await server?.close();
  await mailbox?.close();
});

const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};
const deliver = () => runOnce(server.ctx, { log: server.app.log });
/** The mails the SMTP peer received for `address`, after delivering what is queued. */
async function mailsTo(address: string) {
  await deliver();
  return mailbox.messages.filter((m) => m.to.includes(address)).map((m) => parseMail(m.raw));
}
async function auditOf(action: string, subjectId: string) {
  return server.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)))
    .orderBy(desc(auditLog.seq));
}
const login = (email: string, password: string, totp?: string) =>
  server.client().post('/api/auth/login', { email, password, ...(totp ? { totp } : {}) });

/** An applicant signed in on two clients (two devices). */
async function applicantOnTwoDevices() {
  const here = server.client();
  const account = await registerApplicant(here);
  const there = server.client();
  expect((await there.post('/api/auth/login', { email: account.email, password: account.password })).status).toBe(200);
  return { ...account, here, there };
}

async function staffAccount(roles: ('reviewer' | 'admin' | 'complaints')[] = ['reviewer']) {
  const email = `staff-pw-${crypto.randomUUID()}@example.gov.cn`;
  const password = 'staff-password-2026';
  const { user, secret } = await createStaffUser(server.ctx, { email, password, roles, displayName: '审核员' });
  return { user, email, password, secret };
}

/** Asks for a reset link for `email` and returns the token of the newest mail to it (null: no new mail). */
async function mailedResetToken(client: TestClient, email: string): Promise<string | null> {
  const before = (await mailsTo(email)).length;
  const res = await client.post('/api/auth/forgot-password', { email });
  expect(res.status).toBe(202);
  const fresh = (await mailsTo(email)).slice(before);
  return fresh.length ? resetTokenInMail(fresh.at(-1)?.text ?? '') : null;
}

describe('修改密码: changing one’s own password', () => {
  it('ends the other sessions, keeps this one, and tells the owner by mail without the password', async () => {
    const a = await applicantOnTwoDevices();
    const res = await a.here.post('/api/auth/password', { currentPassword: a.password, newPassword: NEW_PASSWORD });
    expect([res.status, res.body]).toEqual([200, { status: 'password_changed', sessionsEnded: 1 }]);
    expect((await a.here.get('/api/auth/me')).status).toBe(200);
    expect((await a.there.get('/api/auth/me')).status).toBe(401);
    expect((await login(a.email, a.password)).status).toBe(401);
    expect((await login(a.email, NEW_PASSWORD)).status).toBe(200);

    const [entry] = await auditOf('account.password_changed', a.user.id);
    expect(entry).toMatchObject({ actorId: a.user.id, details: { sessionsEnded: 1 } });
    const notice = (await mailsTo(a.email)).filter((m) => m.subject.includes('密码已修改'));
    expect(notice).toHaveLength(1);
    expect(notice[0]?.text).not.toContain(NEW_PASSWORD);
    expect(notice[0]?.text).not.toContain(a.password);
  });

  it('refuses a wrong current password naming it, and counts it toward the lockout like a failed sign-in', async () => {
    const a = await applicantOnTwoDevices();
    for (let i = 0; i < 3; i++) expect((await login(a.email, `wrong-password-${i}`)).status).toBe(401);
    const wrong = await a.here.post('/api/auth/password', {
      currentPassword: 'not-it-at-all-1',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong_password');
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['currentPassword']);
    const failed = await auditOf('account.login_failed', a.user.id);
    expect(failed[0]?.details).toEqual({ reason: 'bad_credentials', via: 'password_change' });

    // The fifth failure of either kind locks the address: sign-in and the change answer 423, even with the right one.
    expect(
      (await a.here.post('/api/auth/password', { currentPassword: 'not-it-either-2', newPassword: NEW_PASSWORD }))
        .status,
    ).toBe(400);
    expect((await login(a.email, a.password)).status).toBe(423);
    const locked = await a.here.post('/api/auth/password', { currentPassword: a.password, newPassword: NEW_PASSWORD });
    expect([locked.status, locked.body.error.code]).toEqual([423, 'account_locked']);
    expect((await auditOf('account.locked', a.user.id)).length).toBe(1);
    // The session in hand is not ended by the lock, and the password did not change.
    expect((await a.here.get('/api/auth/me')).status).toBe(200);
    later(16);
    expect((await login(a.email, NEW_PASSWORD)).status).toBe(401);
    expect((await login(a.email, a.password)).status).toBe(200);
  });

  it('holds the new password to the sign-up rules and changes nothing when refused', async () => {
    const a = await applicantOnTwoDevices();
    const cases: [string, string][] = [
      ['short-1', 'newPassword'],
      ['onlyletterslong', 'newPassword'],
      ['password2026!', 'newPassword'],
      ['qwertyuiop123', 'newPassword'],
    ];
    for (const [newPassword, field] of cases) {
      const res = await a.here.post('/api/auth/password', { currentPassword: a.password, newPassword });
      expect(res.status, newPassword).toBe(400);
      expect(res.body.errors[0].field, newPassword).toBe(field);
    }
    const same = await a.here.post('/api/auth/password', { currentPassword: a.password, newPassword: a.password });
    expect([same.status, same.body.error.code]).toEqual([400, 'same_password']);
    const extra = await a.here.post('/api/auth/password', {
      currentPassword: a.password,
      newPassword: NEW_PASSWORD,
      x: 1,
    });
    expect(extra.status).toBe(400);
    expect((await a.there.get('/api/auth/me')).status).toBe(200);
    expect((await login(a.email, a.password)).status).toBe(200);
    expect(await auditOf('account.password_changed', a.user.id)).toEqual([]);
  });

  it('answers 401 without a session, whatever the body', async () => {
    for (const body of [{ currentPassword: 'x', newPassword: NEW_PASSWORD }, {}, { nonsense: true }]) {
      expect((await server.client().post('/api/auth/password', body)).status).toBe(401);
    }
  });

  it('lets staff change theirs; the one-time code is still asked for at sign-in', async () => {
    const s = await staffAccount();
    const c = server.client();
    expect(
      (await c.post('/api/auth/login', { email: s.email, password: s.password, totp: totpNow(s.secret, clock) }))
        .status,
    ).toBe(200);
    const res = await c.post('/api/auth/password', { currentPassword: s.password, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect((await login(s.email, NEW_PASSWORD)).body.error.code).toBe('totp_required');
    later(1);
    expect((await login(s.email, NEW_PASSWORD, totpNow(s.secret, clock))).status).toBe(200);
  });
});

describe('忘记密码: a forgotten password', () => {
  it('answers alike for a registered, an unknown and a disabled address, and mails only the registered one', async () => {
    const a = await registerApplicant(server.client());
    const s = await staffAccount();
    await server.ctx.db.execute(sql`update users set disabled = true where id = ${s.user.id}`);
    const unknown = `nobody-${crypto.randomUUID()}@example.com`;
    const answers = [];
    for (const email of [a.email, unknown, s.email, a.email.toUpperCase()]) {
      const res = await server.client().post('/api/auth/forgot-password', { email });
      answers.push({ status: res.status, body: res.body, type: res.headers.get('content-type') });
    }
    expect(new Set(answers.map((x) => JSON.stringify(x))).size).toBe(1);
    expect(answers[0]).toEqual({
      status: 202,
      body: { status: 'reset_link_sent_if_registered' },
      type: 'application/json; charset=utf-8',
    });
    expect((await mailsTo(a.email)).filter((m) => resetTokenInMail(m.text))).toHaveLength(1);
    expect(await mailsTo(unknown)).toEqual([]);
    expect(await mailsTo(s.email)).toEqual([]);
    expect(await auditOf('account.password_reset_requested', s.user.id)).toEqual([]);
  });

  it('mails a link good once: it sets the password, ends every session, and signs nobody in', async () => {
    const a = await applicantOnTwoDevices();
    const token = await mailedResetToken(server.client(), a.email);
    expect(token).toBeTruthy();
    const mail = (await mailsTo(a.email)).at(-1);
    expect(mail?.subject).toContain('重置密码');
    expect(mail?.text).toContain(`${server.ctx.config.publicBaseUrl}/reset-password#token=${token}`);
    expect(mail?.text).toContain('1 小时内');

    const page = server.client();
    const res = await page.post('/api/auth/reset-password', { token, password: NEW_PASSWORD });
    expect([res.status, res.body]).toEqual([200, { status: 'password_reset', totpRequired: false }]);
    expect(page.hasSession()).toBe(false);
    expect((await a.here.get('/api/auth/me')).status).toBe(401);
    expect((await a.there.get('/api/auth/me')).status).toBe(401);
    expect(await server.ctx.db.select().from(sessions).where(eq(sessions.userId, a.user.id))).toEqual([]);
    expect((await login(a.email, a.password)).status).toBe(401);
    expect((await login(a.email, NEW_PASSWORD)).status).toBe(200);

    const again = await server.client().post('/api/auth/reset-password', { token, password: 'another-one-7781' });
    expect(again.status).toBe(400);
    expect(again.body.errors.map((e: { field: string }) => e.field)).toEqual(['token']);
    expect((await login(a.email, NEW_PASSWORD)).status).toBe(200);

    const [entry] = await auditOf('account.password_reset', a.user.id);
    expect(entry?.details).toEqual({ sessionsEnded: 2, lockCleared: false });
    const notice = (await mailsTo(a.email)).filter((m) => m.subject.includes('已通过邮件链接重置'));
    expect(notice).toHaveLength(1);
    expect(notice[0]?.text).not.toContain(NEW_PASSWORD);
  });

  it('refuses an expired link, a made-up one and a common password alike, naming the field', async () => {
    const a = await registerApplicant(server.client());
    const token = await mailedResetToken(server.client(), a.email);
    const common = await server.client().post('/api/auth/reset-password', { token, password: 'password2026!' });
    expect([common.status, common.body.errors[0].field]).toEqual([400, 'password']);
    later(61);
    for (const t of [token, 'B'.repeat(43), 'short']) {
      const res = await server.client().post('/api/auth/reset-password', { token: t, password: NEW_PASSWORD });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['token']);
    }
    expect((await login(a.email, a.password)).status).toBe(200);
  });

  it('mails one link per address in 15 minutes, then a new one that replaces it', async () => {
    const a = await registerApplicant(server.client());
    const first = await mailedResetToken(server.client(), a.email);
    expect(first).toBeTruthy();
    later(14);
    expect(await mailedResetToken(server.client(), a.email)).toBeNull();
    later(2);
    const second = await mailedResetToken(server.client(), a.email);
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const old = await server.client().post('/api/auth/reset-password', { token: first, password: NEW_PASSWORD });
    expect(old.status).toBe(400);
    // Followed or not, the limit holds: no new link right after this one is used.
    const used = await server.client().post('/api/auth/reset-password', { token: second, password: NEW_PASSWORD });
    expect(used.status).toBe(200);
    expect(await mailedResetToken(server.client(), a.email)).toBeNull();
    expect((await auditOf('account.password_reset_requested', a.user.id)).length).toBe(2);
  });

  it('makes one mail of many requests sent at once (on PostgreSQL, through two instances)', async () => {
    const a = await registerApplicant(server.client());
    const other = server.databaseUrl ? await startSecondInstance(server) : server;
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? other : server).client().post('/api/auth/forgot-password', { email: a.email }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(202));
    } finally {
      if (other !== server) await other.close();
    }
    expect((await mailsTo(a.email)).filter((m) => resetTokenInMail(m.text))).toHaveLength(1);
  });

  it('clears the lockout: the new password signs in at once', async () => {
    const a = await registerApplicant(server.client());
    for (let i = 0; i < 5; i++) await login(a.email, `wrong-password-${i}`);
    expect((await login(a.email, a.password)).status).toBe(423);
    const token = await mailedResetToken(server.client(), a.email);
    const res = await server.client().post('/api/auth/reset-password', { token, password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect((await auditOf('account.password_reset', a.user.id))[0]?.details).toMatchObject({ lockCleared: true });
    expect((await login(a.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('resets a staff password only: the one-time code stays required, and the mail and answer say so', async () => {
    const s = await staffAccount(['reviewer', 'admin']);
    const token = await mailedResetToken(server.client(), s.email);
    expect((await mailsTo(s.email)).at(-1)?.text).toContain('仍须输入身份验证器中的动态口令');
    const res = await server.client().post('/api/auth/reset-password', { token, password: NEW_PASSWORD });
    expect(res.body).toEqual({ status: 'password_reset', totpRequired: true });
    const noCode = await login(s.email, NEW_PASSWORD);
    expect([noCode.status, noCode.body.error.code]).toEqual([401, 'totp_required']);
    later(1);
    expect((await login(s.email, NEW_PASSWORD, totpNow(s.secret, clock))).status).toBe(200);
  });

  it('stops a link when its account is disabled before it is followed', async () => {
    const s = await staffAccount();
    const token = await mailedResetToken(server.client(), s.email);
    expect(token).toBeTruthy();
    await server.ctx.db.execute(sql`update users set disabled = true where id = ${s.user.id}`);
    const res = await server.client().post('/api/auth/reset-password', { token, password: NEW_PASSWORD });
    expect(res.status).toBe(400);
    await server.ctx.db.execute(sql`update users set disabled = false where id = ${s.user.id}`);
    later(1);
    expect((await login(s.email, s.password, totpNow(s.secret, clock))).status).toBe(200);
  });

  it('keeps the token only as a digest', async () => {
    const a = await registerApplicant(server.client());
    const token = (await mailedResetToken(server.client(), a.email)) ?? 'missing';
    const dump = JSON.stringify(await queryRows(server.ctx.db, sql`select * from password_resets`));
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(a.email);
  });
});
