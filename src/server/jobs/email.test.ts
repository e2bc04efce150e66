import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, approvedFiling, attemptsOf, configurePartner, makeDue, messageOf } from '../test/deliveries.js';
import { PERSONAL } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import {
  type Mailbox,
  parseMail,
  startMailbox,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../test/receivers.js';
import { runOnce } from './outboxWorker.js';

const CAC_EMAIL = 'vuln-intake@cac.example.gov.cn';
const SECRET = 'cac-and-mps-secret-0b5d7e19';
let mailbox: Mailbox;
let receiver: WebhookReceiver;
let server: TestServer;

beforeAll(async () => {
  mailbox = await startMailbox();
  receiver = await startWebhookReceiver();
  server = await startTestServer({ config: { smtpUrl: mailbox.url } });
  const admin = await adminClient(server);
  await configurePartner(admin, 'cac', { email: CAC_EMAIL });
  await configurePartner(admin, 'mps', { webhookUrl: receiver.url, webhookSecret: SECRET });
});
afterAll(async () => {
  await server?.close();
  await mailbox?.close();
  await receiver?.close();
});

const run = (opts = {}) => runOnce(server.ctx, { log: server.app.log, ...opts });
/** Mails to `address`, leaving out the sign-up confirmation every applicant gets first. */
const mailsTo = (box: Mailbox, address: string) =>
  box.messages.filter((m) => m.to.includes(address) && !/^X-VCP-Event: account\.signup/im.test(m.raw));

describe('email delivery', () => {
  it('mails the partner the event with filing.json, and the applicant at the address they registered with', async () => {
    const { filingId, filingNumber, applicantEmail } = await approvedFiling(server);
    await run();

    const partnerMails = mailsTo(mailbox, CAC_EMAIL).map((m) => parseMail(m.raw));
    const mine = partnerMails.filter((m) => m.subject.includes(filingNumber));
    expect(mine).toHaveLength(1);
    const partnerMail = mine[0];
    expect(partnerMail?.subject).toBe(`【漏洞收集平台备案】filing.approved ${filingNumber}`);
    expect(partnerMail?.text).toContain('国家互联网信息办公室');
    expect(partnerMail?.text).toContain(filingNumber);
    const attachment = partnerMail?.attachments.find((a) => a.filename === 'filing.json');
    expect(attachment?.contentType).toMatch(/^application\/json/);
    const payload = JSON.parse(attachment?.content.toString('utf8') ?? '{}');
    expect(payload).toMatchObject({ event: 'filing.approved', id: filingId, filingNumber });
    expect(payload.filing.people.principal.mobile).toBe(PERSONAL.principal.mobile);
    // The notice itself carries no personal data: that stays in the attachment.
    expect(partnerMail?.text).not.toContain(PERSONAL.principal.mobile);

    const toApplicant = mailsTo(mailbox, applicantEmail);
    expect(toApplicant).toHaveLength(1);
    const applicantMail = parseMail(toApplicant[0]?.raw ?? '');
    expect(applicantMail.subject).toContain('备案已通过');
    expect(applicantMail.subject).toContain(filingNumber);
    expect(applicantMail.text).toContain(filingNumber);
    expect(applicantMail.text).toContain(`/filings/${filingId}`);
    expect(applicantMail.attachments).toHaveLength(0);
    expect(toApplicant[0]?.from).toBe('noreply@vcp.example.gov.cn');

    for (const recipient of ['cac', 'applicant']) {
      const msg = await messageOf(server, filingId, 'email', recipient);
      expect(msg).toMatchObject({ status: 'delivered', attempts: 1 });
      const attempts = await attemptsOf(server, msg.id);
      expect(attempts.map((a) => [a.ok, a.detail])).toEqual([[true, 'SMTP 250']]);
    }
  });

  it('keeps emails pending while the SMTP server is down, and delivers them once it is up', async () => {
    const probe = await startMailbox();
    const port = probe.port;
    await probe.close();
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    const { filingId, filingNumber, applicantEmail } = await approvedFiling(server);

    await run({ smtpUrl });
    for (const recipient of ['cac', 'applicant']) {
      const msg = await messageOf(server, filingId, 'email', recipient);
      expect(msg).toMatchObject({ status: 'pending', attempts: 1 });
      expect(msg.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
      const attempts = await attemptsOf(server, msg.id);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]?.ok).toBe(false);
      expect(attempts[0]?.detail).not.toContain('@');
    }

    const late = await startMailbox(port);
    try {
      await makeDue(server);
      await run({ smtpUrl });
      expect(mailsTo(late, applicantEmail)).toHaveLength(1);
      expect(mailsTo(late, CAC_EMAIL).map((m) => parseMail(m.raw).subject)).toContain(
        `【漏洞收集平台备案】filing.approved ${filingNumber}`,
      );
      for (const recipient of ['cac', 'applicant']) {
        const msg = await messageOf(server, filingId, 'email', recipient);
        expect(msg).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
        expect((await attemptsOf(server, msg.id)).map((a) => a.ok)).toEqual([false, true]);
      }
    } finally {
      await late.close();
    }
  });
});

describe('logs', () => {
  it('never hold an applicant address, a mobile number or a partner secret after deliveries', async () => {
    const { filingId, applicantEmail } = await approvedFiling(server);
    receiver.script.push(500);
    await run();
    await makeDue(server);
    await run();
    expect((await messageOf(server, filingId, 'webhook', 'mps')).status).toBe('delivered');
    expect((await messageOf(server, filingId, 'email', 'applicant')).status).toBe('delivered');

    const logs = server.logs.join('');
    expect(logs).toContain('outbox message delivered');
    expect(logs).toContain('outbox delivery failed');
    for (const secret of [
      applicantEmail,
      CAC_EMAIL,
      PERSONAL.principal.mobile,
      PERSONAL.contact.mobile,
      PERSONAL.principal.email,
      PERSONAL.uscc,
      SECRET,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
