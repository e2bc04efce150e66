/**
 * Article 9: closing (办结) a verified complaint with the reply to the complainant. The reply shows on the status
 * page; when the complainant gave an email address it is also sent through the outbox (the address travels sealed).
 */
import { eq } from 'drizzle-orm';
import { COMPLAINT_STATUS_LABELS, complaintMachine } from '../../../shared/complaints/lifecycle.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import { complaints } from '../../db/schema.js';
import { authorizeComplaint } from '../../policies/complaint.js';
import { queueComplainantEmail } from '../../services/outbox.js';
import type { SessionUser } from '../../services/sessions.js';
import { addEvent, type ComplaintRow, loadComplaint, openContact } from './records.js';

export interface CloseProps {
  user: SessionUser;
  complaintId: string;
  reply: string;
}

export async function closeComplaint(ctx: AppContext, props: CloseProps): Promise<ComplaintRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadComplaint(tx, props.complaintId, { forUpdate: true });
    authorizeComplaint(props.user, 'close', row);
    const to = complaintMachine.next(row.status, 'close');
    const now = ctx.now();
    const [updated] = await tx
      .update(complaints)
      .set({ status: to, reply: props.reply, closedAt: now, version: row.version + 1, updatedAt: now })
      .where(eq(complaints.id, row.id))
      .returning();
    const email = openContact(ctx.cipher, row)?.email;
    if (email) {
      const link = `${ctx.config.publicBaseUrl}/complaints/${row.trackingCode}`;
      await queueComplainantEmail(
        tx,
        ctx.cipher,
        {
          to: email,
          subject: `【漏洞收集平台备案】投诉举报办结答复 ${row.trackingCode}`,
          text:
            `您提交的投诉举报（查询码 ${row.trackingCode}）已办结，核查结论：${COMPLAINT_STATUS_LABELS[row.status].zh}。\n\n` +
            `答复：\n${props.reply}\n\n查看办理进度：${link}\n\n—— 漏洞收集平台备案管理系统（本邮件由系统自动发送）`,
        },
        'complaint.reply',
      );
    }
    await addEvent(tx, {
      complaintId: row.id,
      at: now,
      action: 'close',
      status: to,
      actorId: props.user.id,
      publicNote: '已答复投诉人',
    });
    await appendAudit(tx, {
      action: 'complaint.close',
      actorId: props.user.id,
      subjectType: 'complaint',
      subjectId: row.id,
      details: { from: row.status, to, emailed: Boolean(email) },
    });
    return updated as ComplaintRow;
  });
}
