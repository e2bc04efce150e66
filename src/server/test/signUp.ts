/**
 * Sign-up in server tests, through the real path: `POST /api/auth/register`, then the token from the mail the
 * server queued in its outbox (the same message the outbox worker sends over SMTP; jobs/email.test.ts and
 * routes/auth/signUp.test.ts check that delivery), then `POST /api/auth/confirm-email`. Test code only: the server
 * has no route or switch that confirms an address without the mailed token.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { outbox } from '../db/schema.js';
import { outboxAad } from '../services/outbox.js';

/** The token of the newest confirmation mail queued for `email`, or null. */
export async function mailedSignUpToken(ctx: AppContext, email: string): Promise<string | null> {
  const rows = await ctx.db
    .select({ payloadEnc: outbox.payloadEnc, key: outbox.idempotencyKey })
    .from(outbox)
    .where(and(eq(outbox.recipient, 'signup'), eq(outbox.eventType, 'account.signup_confirm')))
    .orderBy(desc(outbox.id));
  for (const row of rows) {
    const mail = ctx.cipher.openJson<{ to: string; text: string }>(row.payloadEnc, outboxAad(row.key));
    if (mail.to !== email.trim().toLowerCase()) continue;
    return tokenInMail(mail.text);
  }
  return null;
}

/** The token of the confirmation link in a mail's text. */
export function tokenInMail(text: string): string | null {
  return /\/confirm-email#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
}
