/**
 * Reminders already sent (issue 15 item 6): one row per reminder and recipient, keyed by what it is about and its
 * stage (`due_soon:filing_review:<id>:<due>:<user>`), and one per daily email digest (`digest:<user>:<date>`). The
 * primary key is what makes a second run, a retried job or another instance send nothing twice.
 */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const remindersSent = pgTable(
  'reminders_sent',
  {
    key: text('key').primaryKey(),
    userId: uuid('user_id').notNull(),
    /** due_soon, overdue, correction, duty_open, duty_soon, duty_passed, coverage, digest. */
    stage: text('stage').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('reminders_sent_user_idx').on(t.userId, t.sentAt)],
);
