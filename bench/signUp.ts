/** Sign-up for benchmarks: an applicant registers and confirms the address through the mail the server sends. */
import { type Mailbox, parseMail, startMailbox } from '../src/server/test/receivers.js';
import { tokenInMail } from '../src/server/test/signUp.js';

export class BenchClient {
  private cookie = '';
  constructor(private readonly base: string) {}
  async raw(method: string, p: string, init: { json?: unknown; form?: FormData } = {}): Promise<Response> {
    const headers: Record<string, string> = this.cookie ? { cookie: this.cookie } : {};
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + p, {
      method,
      headers,
      body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
    });
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(';')[0]).join('; ');
    return res;
  }
  async send(method: string, p: string, init: { json?: unknown; form?: FormData } = {}) {
    const res = await this.raw(method, p, init);
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}

export const PASSWORD = 'lantern-ferry-8841';

/** The token of the confirmation mail `mailbox` received for `email`, waiting up to a minute for it. */
export async function mailedToken(mailbox: Mailbox, email: string): Promise<string> {
  const until = Date.now() + 60_000;
  for (;;) {
    const mail = mailbox.messages.find((m) => m.to.includes(email));
    const token = mail ? tokenInMail(parseMail(mail.raw).text) : null;
    if (token) return token;
    if (Date.now() > until) throw new Error(`no confirmation mail for ${email}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Registers `email` on `base`, confirms it with the mailed link and so signs in; returns the signed-in client. */
export async function signUp(base: string, mailbox: Mailbox, email: string): Promise<BenchClient> {
  const c = new BenchClient(base);
  const res = await c.send('POST', '/api/auth/register', { json: { email, password: PASSWORD } });
  if (res.status !== 202) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  const token = await mailedToken(mailbox, email);
  const confirmed = await c.send('POST', '/api/auth/confirm-email', { json: { token } });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return c;
}

/** An SMTP peer for the server under test and the settings that point the server at it. */
signUp.mailbox = async () => {
  const mailbox = await startMailbox();
  return { mailbox, env: { SMTP_URL: mailbox.url, OUTBOX_POLL_MS: '200' } };
};
