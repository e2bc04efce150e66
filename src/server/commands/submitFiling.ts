import { eq } from 'drizzle-orm';
import { addWorkingDays, chinaToday } from '../../shared/calendar/index.js';
import { isLate } from '../../shared/filing/article8.js';
import { checkFiling } from '../../shared/filing/completeness.js';
import { filingMachine } from '../../shared/filing/lifecycle.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filings } from '../db/schema.js';
import { unprocessable } from '../lib/errors.js';
import { authorizeFiling } from '../policies/filing.js';
import { listAttachmentMeta, loadFiling, openDraft, sealDraft } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

export const REVIEW_WORKING_DAYS = 10;

export interface SubmitProps {
  user: SessionUser;
  filingId: string;
}

/**
 * Article 4/5: the applicant submits; the server checks completeness and validity of every field, and the
 * 10-working-day review clock starts the day after the China date of receipt. A resubmission after a
 * correction notice starts the clock again.
 */
export async function submitFiling(ctx: AppContext, props: SubmitProps) {
  const now = ctx.now();
  const today = chinaToday(now);
  const cal = await ctx.calendar.get();
  const effectiveDate = await ctx.settings.get('measures.effectiveDate');
  return ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'submit', row);
    let draft = openDraft(ctx.cipher, row);
    const kinds = (await listAttachmentMeta(tx, row.id)).map((a) => a.kind);
    const errors = checkFiling(draft, {
      attachmentKinds: kinds,
      today,
      allowPrivateHomepage: ctx.config.monitorAllowPrivate,
    });
    if (errors.length) throw unprocessable(`备案信息不完整或有误，共 ${errors.length} 处需要修改`, errors);

    // Individuals are not asked for capital or equity: what a form may still hold from another type is dropped.
    if (draft.sponsor?.type === 'individual' && draft.capital) {
      const { capital: _dropped, ...rest } = draft;
      draft = rest;
    }
    const due = addWorkingDays(cal, today, REVIEW_WORKING_DAYS);
    const late = row.submittedAt ? row.late : isLate(cal, draft, today, effectiveDate);
    const [updated] = await tx
      .update(filings)
      .set({
        ...sealDraft(ctx.cipher, row.id, draft),
        status: filingMachine.next(row.status, 'submit'),
        submittedAt: now,
        receivedDate: today,
        dueDate: due.due,
        dueProvisional: due.provisional,
        late,
        version: row.version + 1,
        updatedAt: now,
      })
      .where(eq(filings.id, row.id))
      .returning();
    await appendAudit(tx, {
      action: 'filing.submit',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: {
        from: row.status,
        to: updated?.status ?? 'submitted',
        dueDate: due.due,
        provisional: due.provisional,
        late,
      },
    });
    return updated as NonNullable<typeof updated>;
  });
}
