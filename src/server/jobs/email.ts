/**
 * The email channel over SMTP (nodemailer). Partner agencies get a short notice with the full event as
 * `filing.json`; applicants get the subject and text queued for them, sent to the address of their account,
 * which is decrypted only here, at send time. Addresses and payloads are never logged or recorded.
 */
import { eq } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { AppContext } from '../context.js';
import { partners, users } from '../db/schema.js';
import type { ApplicantEmail, ComplainantEmail } from '../services/outbox.js';
import { errorDetail } from './detail.js';
import type { DeliveryResult, OutboxRow } from './outboxStore.js';

export interface Mailer {
  send(mail: SendMailOptions): Promise<DeliveryResult>;
  close(): void;
}

export function smtpMailer(url: string, opts: { timeoutMs?: number } = {}): Mailer {
  const timeout = opts.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 3 * timeout,
  });
  return {
    async send(mail) {
      try {
        const info = (await transport.sendMail(mail)) as { response?: string };
        const code = /^\d{3}/.exec(info.response ?? '')?.[0] ?? '250';
        return { ok: true, detail: `SMTP ${code}` };
      } catch (err) {
        return { ok: false, detail: errorDetail(err) };
      }
    },
    close: () => transport.close(),
  };
}

const EVENT_LABELS: Record<string, string> = {
  'filing.approved': '予以备案',
  'filing.changed': '备案变更',
  'filing.deregistered': '备案注销',
  'filing.revoked': '备案撤销',
  'complaint.referred': '投诉举报移送',
};

interface PartnerPayload {
  filingNumber?: string | null;
  filing?: { platform?: { name?: string } };
}

export async function deliverEmail(
  ctx: AppContext,
  row: OutboxRow,
  body: string,
  mailer: Mailer,
): Promise<DeliveryResult> {
  const common = {
    from: ctx.config.mailFrom,
    // One id per outbox message, the same on every retry: a mail system can drop the duplicates.
    messageId: `<${row.idempotencyKey}@vcp-filing>`,
    headers: { 'X-VCP-Event': row.eventType, 'Idempotency-Key': row.idempotencyKey },
  };
  if (row.recipient === 'applicant' || row.recipient === 'user') {
    const mail = JSON.parse(body) as ApplicantEmail;
    const [user] = await ctx.db
      .select({ id: users.id, emailEnc: users.emailEnc })
      .from(users)
      .where(eq(users.id, mail.userId))
      .limit(1);
    if (!user) return { ok: false, detail: '收件用户不存在' };
    const to = ctx.cipher.openText(user.emailEnc, `user:${user.id}`);
    return mailer.send({ ...common, to, subject: mail.subject, text: mail.text });
  }

  if (row.recipient === 'complainant') {
    const mail = JSON.parse(body) as ComplainantEmail;
    return mailer.send({ ...common, to: mail.to, subject: mail.subject, text: mail.text });
  }

  const [partner] = await ctx.db.select().from(partners).where(eq(partners.id, row.recipient)).limit(1);
  if (!partner) return { ok: false, detail: '未知的接收方' };
  if (!partner.enabled) return { ok: false, detail: '接收方已停用' };
  if (!partner.email) return { ok: false, detail: '未配置接收邮箱' };
  const payload = JSON.parse(body) as PartnerPayload;
  const number = payload.filingNumber ?? '';
  const label = EVENT_LABELS[row.eventType] ?? row.eventType;
  const platform = payload.filing?.platform?.name;
  const text = [
    `${partner.name}：`,
    '',
    `漏洞收集平台备案事件：${label}（${row.eventType}）。`,
    `备案编号：${number || '（无）'}`,
    ...(platform ? [`平台名称：${platform}`] : []),
    `事件编号：${row.idempotencyKey}`,
    '',
    '完整备案信息见附件 filing.json，其中含有个人信息，请依法妥善保管。',
    '',
    '—— 漏洞收集平台备案管理系统（本邮件由系统自动发送）',
  ].join('\n');
  return mailer.send({
    ...common,
    to: partner.email,
    subject: `【漏洞收集平台备案】${row.eventType} ${number}`.trim(),
    text,
    attachments: [{ filename: 'filing.json', content: body, contentType: 'application/json; charset=utf-8' }],
  });
}
