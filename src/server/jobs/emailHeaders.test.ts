/**
 * Injection through emails (issue 9): a subject or address carrying CR/LF cannot add headers or recipients, an
 * address list smuggled into one address reaches nobody else, and markup in the text goes out as plain text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueComplainantEmail } from '../services/outbox.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { type Mailbox, parseMail, startMailbox } from '../test/receivers.js';
import { runOnce } from './outboxWorker.js';

let mailbox: Mailbox;
let server: TestServer;

beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startTestServer({ config: { smtpUrl: mailbox.url } });
});
afterAll(async () => {
  await server?.close();
  await mailbox?.close();
});

async function send(mail: { to: string; subject: string; text: string }) {
  const before = mailbox.messages.length;
  await server.ctx.db.transaction((tx) => queueComplainantEmail(tx, server.ctx.cipher, mail, 'complaint.reply'));
  await runOnce(server.ctx, { log: server.app.log });
  return mailbox.messages.slice(before);
}

describe('email headers and recipients', () => {
  it('keeps a subject with CR/LF on one header line, adding no Bcc and no other header', async () => {
    const got = await send({
      to: 'victim@example.com',
      subject: '答复\r\nBcc: evil@example.com\r\nX-Injected: 1',
      text: '正文',
    });
    expect(got.map((m) => m.to)).toEqual([['victim@example.com']]);
    const mail = parseMail(got[0]?.raw ?? '');
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.headers['x-injected']).toBeUndefined();
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain('答复');
  });

  it('sends an address with a list or header smuggled in to nobody', async () => {
    for (const to of [
      'victim@example.com, evil@example.com',
      'victim@example.com\r\nBcc: evil@example.com',
      '"x" <evil@example.com>',
    ]) {
      const got = await send({ to, subject: '答复', text: '正文' });
      expect(got.flatMap((m) => m.to)).not.toContain('evil@example.com');
    }
  });

  it('sends markup in the text as plain text only', async () => {
    const got = await send({ to: 'victim@example.com', subject: '<b>答复</b>', text: '<script>alert(1)</script>' });
    expect(got).toHaveLength(1);
    const raw = got[0]?.raw ?? '';
    expect(raw).not.toMatch(/content-type:\s*text\/html/i);
    expect(parseMail(raw).text).toContain('<script>alert(1)</script>');
  });
});
