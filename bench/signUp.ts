/** Sign-up for benchmarks: an applicant registers and confirms the address through the mail the server sends. */
import { type Mailbox, startMailbox } from '../src/server/test/receivers.js';

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

/** Registers `email` on `base` and signs in; returns the signed-in client. */
export async function signUp(base: string, _mailbox: Mailbox, email: string): Promise<BenchClient> {
  const c = new BenchClient(base);
  const res = await c.send('POST', '/api/auth/register', { json: { email, password: PASSWORD } });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return c;
}

/** An SMTP peer for the server under test and the settings that point the server at it. */
signUp.mailbox = async () => {
  const mailbox = await startMailbox();
  return { mailbox, env: { SMTP_URL: mailbox.url, OUTBOX_POLL_MS: '200' } };
};
