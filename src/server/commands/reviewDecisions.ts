/**
 * Article 5: the reviewer approves (a number is issued, the filing published and sent to 公安部 and 国家网信办)
 * or sends a correction notice with reasons per field. Each decision is one transaction with its audit entry,
 * its outbox messages and the applicant's notification. A decision after the due date is allowed and recorded
 * as overdue.
 */
import { eq } from 'drizzle-orm';
import { chinaToday } from '../../shared/calendar/index.js';
import { buildPublicRecord } from '../../shared/filing/publicRecord.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { filings, notifications, reviewDecisions } from '../db/schema.js';
import { faultPoint } from '../lib/faults.js';
import { authorizeReview } from '../policies/review.js';
import { presentPartnerFiling } from '../presenters/partnerFiling.js';
import { issueFilingNumber } from '../services/filingNumbers.js';
import { type FilingRow, listAttachmentMeta, loadFiling, openDraft } from '../services/filingRecords.js';
import { queueApplicantEmail, queuePartnerEvent } from '../services/outbox.js';
import { recordPublicEvent } from '../services/publicEvents.js';
import type { SessionUser } from '../services/sessions.js';

export interface ApproveProps {
  user: SessionUser;
  filingId: string;
}

export async function approveFiling(ctx: AppContext, props: ApproveProps): Promise<FilingRow> {
  const format = await ctx.settings.get('filingNumber.format');
  return ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeReview(props.user, 'approve', row);
    const now = ctx.now();
    const today = chinaToday(now);
    const { number } = await issueFilingNumber(tx, Number(today.slice(0, 4)), format);
    faultPoint('approve.afterNumber');
    const draft = openDraft(ctx.cipher, row);
    const overdue = !!row.dueDate && today > row.dueDate;
    const publicRecord = buildPublicRecord(draft, { filingNumber: number, filingDate: today });
    const [updated] = await tx
      .update(filings)
      .set({
        status: 'approved',
        filingNumber: number,
        approvedAt: now,
        version: row.version + 1,
        updatedAt: now,
      })
      .where(eq(filings.id, row.id))
      .returning();
    const approved = { ...(updated as FilingRow), publicRecord };
    await recordPublicEvent(tx, {
      type: 'filing.approved',
      filingId: row.id,
      filingNumber: number,
      at: now,
      record: publicRecord,
    });
    await tx.insert(reviewDecisions).values({
      filingId: row.id,
      reviewerId: props.user.id,
      kind: 'approve',
      dueDate: row.dueDate,
      overdue,
      createdAt: now,
    });
    await appendAudit(tx, {
      action: 'filing.approve',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { from: row.status, to: 'approved', filingNumber: number, overdue },
    });
    const attachments = await listAttachmentMeta(tx, row.id);
    await queuePartnerEvent(tx, ctx.cipher, {
      type: 'filing.approved',
      filingId: row.id,
      payload: {
        event: 'filing.approved',
        occurredAt: now.toISOString(),
        ...presentPartnerFiling(approved, draft, attachments),
      },
    });
    const name = draft.platform?.name ?? '';
    await tellApplicant(ctx, tx, approved, {
      kind: 'approved',
      title: `备案已通过：${number}`,
      body:
        `您提交的漏洞收集平台“${name}”已完成备案，备案编号 ${number}。` +
        '请在平台网站主页底部位置标明备案编号（《网络产品安全漏洞收集平台备案管理办法》第五条）。',
    });
    return approved;
  });
}

export interface CorrectionItem {
  field: string;
  message: string;
}

export interface RequestCorrectionProps {
  user: SessionUser;
  filingId: string;
  summary: string;
  items: CorrectionItem[];
}

export async function requestCorrection(ctx: AppContext, props: RequestCorrectionProps): Promise<FilingRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeReview(props.user, 'requestCorrection', row);
    const now = ctx.now();
    const overdue = !!row.dueDate && chinaToday(now) > row.dueDate;
    const [updated] = await tx
      .update(filings)
      .set({ status: 'correction_requested', version: row.version + 1, updatedAt: now })
      .where(eq(filings.id, row.id))
      .returning();
    await tx.insert(reviewDecisions).values({
      filingId: row.id,
      reviewerId: props.user.id,
      kind: 'correction',
      summary: props.summary,
      items: props.items,
      dueDate: row.dueDate,
      overdue,
      createdAt: now,
    });
    await appendAudit(tx, {
      action: 'filing.correction_requested',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { from: row.status, to: 'correction_requested', fields: props.items.map((i) => i.field), overdue },
    });
    const lines = props.items.map((i, n) => `${n + 1}. ${i.message}`).join('\n');
    await tellApplicant(ctx, tx, updated as FilingRow, {
      kind: 'correction_requested',
      title: '备案信息需要补正',
      body: `${props.summary}\n${lines}\n请登录系统修改后重新提交。`,
    });
    return updated as FilingRow;
  });
}

/** The applicant hears of a decision in the app and by email. */
async function tellApplicant(
  ctx: AppContext,
  tx: Tx,
  row: FilingRow,
  msg: { kind: string; title: string; body: string },
): Promise<void> {
  await tx.insert(notifications).values({ userId: row.ownerId, filingId: row.id, ...msg, createdAt: ctx.now() });
  const link = `${ctx.config.publicBaseUrl}/filings/${row.id}`;
  await queueApplicantEmail(
    tx,
    ctx.cipher,
    row.id,
    { userId: row.ownerId, subject: `【漏洞收集平台备案】${msg.title}`, text: `${msg.body}\n\n查看详情：${link}` },
    `applicant.${msg.kind}`,
  );
}
