/**
 * The browser tests' mailbox: globalSetup runs an SMTP peer that the server sends to (SMTP_URL) and writes each mail
 * it receives as a file into `mailDir`; a test reads the confirmation link of its sign-up from there, as a person
 * would from their mail (and the link of a password reset mail). `startMailDrop` runs in globalSetup, the readers in the test files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resetTokenInMail } from '../src/server/test/passwordReset.js';
import { parseMail, startMailbox } from '../src/server/test/receivers.js';
import { tokenInMail } from '../src/server/test/signUp.js';

/** An SMTP peer that drops every mail as `<n>.json` ({ to, raw }) into `dir`. */
export async function startMailDrop(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const box = await startMailbox();
  let written = 0;
  const timer = setInterval(() => {
    for (; written < box.messages.length; written++) {
      const m = box.messages[written];
      const file = path.join(dir, `${String(written).padStart(6, '0')}.json`);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify({ to: m?.to, raw: m?.raw }));
      fs.renameSync(`${file}.tmp`, file);
    }
  }, 50);
  return {
    url: box.url,
    close: async () => {
      clearInterval(timer);
      await box.close();
    },
  };
}

/** Waits for the confirmation mail sent to `email` and returns its token. */
export function waitForSignUpToken(mailDir: string, email: string, timeoutMs = 30_000): Promise<string> {
  return waitForToken(mailDir, email, tokenInMail, timeoutMs);
}

/** Waits for the password reset mail sent to `email` (忘记密码) and returns the token of its link. */
export function waitForResetToken(mailDir: string, email: string, timeoutMs = 30_000): Promise<string> {
  return waitForToken(mailDir, email, resetTokenInMail, timeoutMs);
}

async function waitForToken(
  mailDir: string,
  email: string,
  tokenIn: (text: string) => string | null,
  timeoutMs: number,
): Promise<string> {
  const address = email.trim().toLowerCase();
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const name of fs.readdirSync(mailDir).filter((f) => f.endsWith('.json'))) {
      const mail = JSON.parse(fs.readFileSync(path.join(mailDir, name), 'utf8')) as { to: string[]; raw: string };
      if (!mail.to.includes(address)) continue;
      const token = tokenIn(parseMail(mail.raw).text);
      if (token) return token;
    }
    if (Date.now() > until) throw new Error(`no mail with a link for ${email} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
