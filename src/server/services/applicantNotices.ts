/**
 * Telling the applicant of a decision or an event on their filing (Articles 5–7): an in-app notification and an email
 * through the outbox, both inside the event's transaction.
 */

import type { NoticeMessage } from '../../shared/notices.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { noticeInChinese } from './noticeText.js';
import { queueApplicantEmail } from './outbox.js';

export interface ApplicantNotice {
  kind: string;
  /** What it says, in each language (its Chinese is stored as the title and body, and e-mailed). */
  message: NoticeMessage;
}

export async function tellApplicant(
  ctx: AppContext,
  tx: Tx,
  filing: { id: string; ownerId: string },
  msg: ApplicantNotice,
): Promise<void> {
  const { title, body } = noticeInChinese(msg.message);
  await tx.insert(notifications).values({
    userId: filing.ownerId,
    filingId: filing.id,
    kind: msg.kind,
    title,
    body,
    message: msg.message,
    createdAt: ctx.now(),
  });
  const link = `${ctx.config.publicBaseUrl}/filings/${filing.id}`;
  await queueApplicantEmail(
    tx,
    ctx.cipher,
    filing.id,
    { userId: filing.ownerId, subject: `【漏洞收集平台备案】${title}`, text: `${body}\n\n查看详情：${link}` },
    `applicant.${msg.kind}`,
  );
}
