/**
 * Sign-ups waiting for their email confirmation (issue 9): registering answers alike whether the address has an
 * account or not, so the account is made only once the owner of the address follows the mailed link. The token is
 * kept as its SM3 digest; the address sealed (aad `signup:<id>`) and its blind index, as in `users`.
 */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const signUpRequests = pgTable(
  'signup_requests',
  {
    id: uuid('id').primaryKey(),
    /** SM3 of the token in the mailed link. */
    tokenHash: text('token_hash').notNull().unique(),
    emailHash: text('email_hash').notNull(),
    emailEnc: text('email_enc').notNull(),
    displayName: text('display_name'),
    passwordHash: text('password_hash').notNull(),
    createdAt: tsz('created_at').notNull().defaultNow(),
    expiresAt: tsz('expires_at').notNull(),
  },
  (t) => [index('signup_requests_email_idx').on(t.emailHash), index('signup_requests_expires_idx').on(t.expiresAt)],
);

/**
 * When the owner of a registered address was last told that someone tried to sign up with it: at most one such mail
 * per address and SIGN_UP_NOTICE_INTERVAL_MS (commands/requestSignUp.ts), counted in the database so that every
 * instance shares the count. Keyed by the address's blind index; rows older than the interval are pruned.
 */
export const signUpNotices = pgTable(
  'signup_notices',
  {
    emailHash: text('email_hash').primaryKey(),
    sentAt: tsz('sent_at').notNull(),
  },
  (t) => [index('signup_notices_sent_idx').on(t.sentAt)],
);
