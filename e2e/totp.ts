/**
 * One staff account is shared by every browser test, and the server accepts each TOTP code once (issue 9: replay
 * refused). A code handed out here is always of a time step later than any handed out before, by any test file:
 * the last step used is kept in a file, and when the current step is used up this waits for the next one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';

const PERIOD_S = 30;

export async function freshTotp(secret: string): Promise<string> {
  const file = path.join(os.tmpdir(), `vcp-e2e-totp-${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`);
  const last = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : -1;
  let step = Math.floor(Date.now() / 1000 / PERIOD_S);
  if (step <= last) {
    const nextAt = (last + 1) * PERIOD_S * 1000;
    await new Promise((r) => setTimeout(r, nextAt - Date.now() + 200));
    step = Math.floor(Date.now() / 1000 / PERIOD_S);
  }
  fs.writeFileSync(file, String(step));
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD_S }).generate({
    timestamp: step * PERIOD_S * 1000 + 1000,
  });
}
