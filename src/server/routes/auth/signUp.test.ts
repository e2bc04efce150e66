/**
 * Enumeration-safe, two-step sign-up (issue 9) through the real mail path: the outbox worker sends over SMTP to a
 * local SMTP peer, and the link is taken from the mail as received.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { runOnce } from '../../jobs/outboxWorker.js';
import { registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { type Mailbox, parseMail, startMailbox } from '../../test/receivers.js';
import { tokenInMail } from '../../test/signUp.js';

let mailbox: Mailbox;
let server: TestServer;
let n = 0;
const unique = () => `${Date.now()}-${++n}`;

beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startTestServer({ config: { smtpUrl: mailbox.url } });
});
afterAll(async () => {
  await server?.close();
  await mailbox?.close();
});

const deliver = () => runOnce(server.ctx, { log: server.app.log });
const mailsTo = (address: string) =>
  mailbox.messages.filter((m) => m.to.includes(address)).map((m) => parseMail(m.raw));

describe('sign-up by email confirmation', () => {
  it('mails a link; the account exists and signs in only after it is followed, once', async () => {
    const email = `two-step-${unique()}@example.com`;
    const password = 'lantern-ferry-8841';
    const c = server.client();
    const reg = await c.post('/api/auth/register', { email, password, name: '李四' });
    expect([reg.status, reg.body]).toEqual([202, { status: 'confirmation_sent' }]);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await server.client().post('/api/auth/login', { email, password })).status).toBe(401);

    await deliver();
    const mails = mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('请确认您的邮箱');
    const token = tokenInMail(mails[0]?.text ?? '');
    expect(token).toBeTruthy();
    expect(mails[0]?.text).toContain(`${server.ctx.config.publicBaseUrl}/confirm-email#token=${token}`);

    const confirmed = await c.post('/api/auth/confirm-email', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.user).toMatchObject({ email, displayName: '李四', roles: ['applicant'] });
    expect((await c.get('/api/auth/me')).body.user.email).toBe(email);
    expect((await server.client().post('/api/auth/login', { email, password })).status).toBe(200);

    const again = await server.client().post('/api/auth/confirm-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.errors.map((e: { field: string }) => e.field)).toEqual(['token']);
  });

  it('tells the owner of a registered address that someone tried, and mails no link', async () => {
    const { email, password } = await registerApplicant(server.client());
    await deliver();
    const before = mailsTo(email).length;
    const res = await server.client().post('/api/auth/register', { email, password: 'someone-else-4471' });
    expect([res.status, res.body]).toEqual([202, { status: 'confirmation_sent' }]);
    await deliver();
    const mails = mailsTo(email).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('有人尝试用您的邮箱注册');
    expect(tokenInMail(mails[0]?.text ?? '')).toBeNull();
    // The owner's password still works; the stranger's does not.
    expect((await server.client().post('/api/auth/login', { email, password })).status).toBe(200);
    expect((await server.client().post('/api/auth/login', { email, password: 'someone-else-4471' })).status).toBe(401);
  });

  it('refuses an expired link and a made-up one alike, naming token', async () => {
    const email = `expired-${unique()}@example.com`;
    await server.client().post('/api/auth/register', { email, password: 'lantern-ferry-8841' });
    await deliver();
    const token = tokenInMail(mailsTo(email)[0]?.text ?? '');
    await server.ctx.db.execute(sql`update signup_requests set expires_at = now() - interval '1 minute'`);
    for (const t of [token, 'B'.repeat(43), 'short']) {
      const res = await server.client().post('/api/auth/confirm-email', { token: t });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['token']);
    }
    expect((await server.client().post('/api/auth/login', { email, password: 'lantern-ferry-8841' })).status).toBe(401);
  });

  it('keeps the pending address sealed and the token only as a digest', async () => {
    const email = `sealed-pending-${unique()}@example.com`;
    await server.client().post('/api/auth/register', { email, password: 'lantern-ferry-8841' });
    await deliver();
    const token = tokenInMail(mailsTo(email).at(-1)?.text ?? '') ?? 'missing';
    const dump = JSON.stringify(await queryRows(server.ctx.db, sql`select * from signup_requests`));
    expect(dump).not.toContain('sealed-pending');
    expect(dump).not.toContain(token);
  });
});
