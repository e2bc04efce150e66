/**
 * Telling staff (reviewers, complaint handlers, admins) about their work: an in-app notification and an email through
 * the outbox, inside the transaction of the event. Used by the calendar import (deadlines moved) and the reminders.
 */
import { and, arrayContains, eq } from 'drizzle-orm';
import type { NoticeMessage } from '../../shared/notices.js';
import type { AppContext } from '../context.js';
import type { Executor, Tx } from '../db/client.js';
import { notifications, users } from '../db/schema.js';
import { noticeInChinese } from './noticeText.js';
import { queueUserEmail } from './outbox.js';

export interface StaffNotice {
  kind: string;
  /** What it says, in each language (its Chinese is stored as the title and body, and e-mailed). */
  message: NoticeMessage;
  /** The app path the email links to, e.g. /review. */
  path: string;
}

export async function tellStaff(ctx: AppContext, tx: Tx, userId: string, msg: StaffNotice): Promise<void> {
  const { title, body } = noticeInChinese(msg.message);
  await tx.insert(notifications).values({
    userId,
    filingId: null,
    kind: msg.kind,
    title,
    body,
    message: msg.message,
    createdAt: ctx.now(),
  });
  await queueUserEmail(
    tx,
    ctx.cipher,
    {
      userId,
      subject: `【漏洞收集平台备案】${title}`,
      text: `${body}\n\n查看：${ctx.config.publicBaseUrl}${msg.path}`,
    },
    `staff.${msg.kind}`,
  );
}

/** The enabled accounts holding `role`. */
export async function staffWithRole(db: Executor, role: 'reviewer' | 'admin' | 'complaints'): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(arrayContains(users.roles, [role]), eq(users.disabled, false)));
  return rows.map((r) => r.id);
}
