/**
 * Telling the applicant of a decision or an event on their filing (Articles 5–7): an in-app notification and an email
 * through the outbox, both inside the event's transaction.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { queueApplicantEmail } from './outbox.js';

export interface ApplicantNotice {
  kind: string;
  title: string;
  body: string;
}

export async function tellApplicant(
  ctx: AppContext,
  tx: Tx,
  filing: { id: string; ownerId: string },
  msg: ApplicantNotice,
): Promise<void> {
  await tx.insert(notifications).values({ userId: filing.ownerId, filingId: filing.id, ...msg, createdAt: ctx.now() });
  const link = `${ctx.config.publicBaseUrl}/filings/${filing.id}`;
  await queueApplicantEmail(
    tx,
    ctx.cipher,
    filing.id,
    { userId: filing.ownerId, subject: `【漏洞收集平台备案】${msg.title}`, text: `${msg.body}\n\n查看详情：${link}` },
    `applicant.${msg.kind}`,
  );
}
