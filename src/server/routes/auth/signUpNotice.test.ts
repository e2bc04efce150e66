/**
 * "Someone tried to sign up with your address" goes at most once a day per address (issue 9, finding 9): repeated
 * sign-ups with a registered address answer exactly like a new address's, and its owner gets one notice, over the real
 * mail path (outbox worker → SMTP peer). On PostgreSQL the count is shared by two instances answering at once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SIGN_UP_NOTICE_INTERVAL_MS } from '../../commands/requestSignUp.js';
import { runOnce } from '../../jobs/outboxWorker.js';
import { registerApplicant } from '../../test/factories.js';
import { startSecondInstance, startTestServer, type TestServer } from '../../test/harness.js';
import { type Mailbox, parseMail, startMailbox } from '../../test/receivers.js';

const onPostgres = inject('dbKind') === 'postgres';
let mailbox: Mailbox;
let server: TestServer;
let second: TestServer | undefined;
let shiftMs = 0;
let n = 0;
const unique = () => `${Date.now()}-${++n}`;

beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startTestServer({ config: { smtpUrl: mailbox.url }, now: () => new Date(Date.now() + shiftMs) });
  if (onPostgres) second = await startSecondInstance(server);
});
afterAll(async () => {
  await second?.close();
  await server?.close();
  await mailbox?.close();
});

const deliver = () => runOnce(server.ctx, { log: server.app.log });
const noticesTo = (address: string) =>
  mailbox.messages
    .filter((m) => m.to.includes(address))
    .map((m) => parseMail(m.raw))
    .filter((m) => m.subject.includes('有人尝试用您的邮箱注册'));
const answer = (res: { status: number; body: unknown; headers: Headers }) => ({
  status: res.status,
  body: res.body,
  type: res.headers.get('content-type'),
});

describe('the notice to the owner of a registered address', () => {
  it('goes once for five sign-ups within a day, each answered like a new address, and again the next day', async () => {
    const { email } = await registerApplicant(server.client());
    const fresh = answer(
      await server.client().post('/api/auth/register', {
        email: `fresh-${unique()}@example.com`,
        password: 'lantern-ferry-8841',
      }),
    );
    expect(fresh).toEqual({ status: 202, body: { status: 'confirmation_sent' }, type: expect.any(String) });

    for (let i = 0; i < 5; i++) {
      shiftMs = i * 60 * 60 * 1000; // one an hour
      const res = await server.client().post('/api/auth/register', { email, password: `stranger-${i}-4471-pass` });
      expect(answer(res)).toEqual(fresh);
      await deliver();
    }
    expect(noticesTo(email)).toHaveLength(1);

    shiftMs = SIGN_UP_NOTICE_INTERVAL_MS + 60_000;
    expect(
      answer(await server.client().post('/api/auth/register', { email, password: 'stranger-next-day-4471' })),
    ).toEqual(fresh);
    await deliver();
    expect(noticesTo(email)).toHaveLength(2);
    shiftMs = 0;
  });

  it('is counted per address: another registered address gets its own notice', async () => {
    const a = await registerApplicant(server.client());
    const b = await registerApplicant(server.client());
    for (const email of [a.email, b.email, a.email, b.email]) {
      await server.client().post('/api/auth/register', { email, password: 'stranger-4471-pass' });
    }
    await deliver();
    expect([noticesTo(a.email).length, noticesTo(b.email).length]).toEqual([1, 1]);
  });

  it.skipIf(!onPostgres)('goes once when two instances answer six sign-ups at once', async () => {
    const { email } = await registerApplicant(server.client());
    const instances = [server, second as TestServer];
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (instances[i % 2] as TestServer)
          .client()
          .post('/api/auth/register', { email, password: `stranger-${i}-4471-pass` }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
    await deliver();
    expect(noticesTo(email)).toHaveLength(1);
  });
});
