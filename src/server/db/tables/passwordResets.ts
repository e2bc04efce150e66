/**
 * Forgotten passwords (忘记密码): one row per account, holding the SM3 digest of the newest mailed link's token. The
 * row is also the mail limit shared by every instance on one PostgreSQL: a new link (and mail) only when the last
 * one was made at least 15 minutes ago (commands/requestPasswordReset.ts), in one upsert. A used link keeps its row
 * (`used_at` set), so the limit holds after it was followed too.
 */
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../schema.js';

const tsz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const passwordResets = pgTable('password_resets', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** SM3 of the token in the mailed link. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: tsz('created_at').notNull(),
  expiresAt: tsz('expires_at').notNull(),
  /** Set when the link was followed, or the password changed another way: the link is then spent. */
  usedAt: tsz('used_at'),
});
