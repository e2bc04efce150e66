/**
 * Article 5: incomplete or untrue information → a correction notice (补正通知) with reasons per field, within the same
 * 10 working days. The filing goes back to the applicant; the notice, the audit entry and the notification are
 * written in one transaction. A decision after the due date is allowed and recorded as overdue.
 */
import { eq } from 'drizzle-orm';
import { chinaToday } from '../../shared/calendar/index.js';
import { filingMachine } from '../../shared/filing/lifecycle.js';
import { splitPersonal } from '../../shared/filing/personal.js';
import { notices } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filings, reviewDecisions } from '../db/schema.js';
import { authorizeReview } from '../policies/review.js';
import { tellApplicant } from '../services/applicantNotices.js';
import { type FilingRow, listAttachmentMeta, loadFiling, openDraft } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

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
    const to = filingMachine.next(row.status, 'requestCorrection');
    const [updated] = await tx
      .update(filings)
      .set({ status: to, version: row.version + 1, updatedAt: now })
      .where(eq(filings.id, row.id))
      .returning();
    // The form as sent back: the reviewer later sees what the applicant changed (routes/review correctionDiff).
    const id = crypto.randomUUID();
    const { open, personal } = splitPersonal(openDraft(ctx.cipher, row));
    const files = (await listAttachmentMeta(tx, row.id)).map((a) => ({
      kind: a.kind,
      fileName: a.fileName,
      sm3: a.sm3,
    }));
    await tx.insert(reviewDecisions).values({
      id,
      formData: open,
      formPersonalEnc: ctx.cipher.sealJson(personal, `decision:${id}`),
      formFiles: files,
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
      details: { from: row.status, to, fields: props.items.map((i) => i.field), overdue },
    });
    await tellApplicant(ctx, tx, row, {
      kind: 'correction_requested',
      message: notices.correction(false, { summary: props.summary, items: props.items }),
    });
    return updated as FilingRow;
  });
}
