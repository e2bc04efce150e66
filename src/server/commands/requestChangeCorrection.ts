/**
 * Articles 5 and 6: a change with incomplete or untrue information goes back to the applicant with reasons per
 * field, as a filing does; the valid record is untouched.
 */
import { eq } from 'drizzle-orm';
import { chinaToday } from '../../shared/calendar/index.js';
import { changeMachine } from '../../shared/filing/lifecycle.js';
import { notices } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filingChanges, reviewDecisions } from '../db/schema.js';
import { authorizeChangeReview } from '../policies/change.js';
import { tellApplicant } from '../services/applicantNotices.js';
import { type ChangeRow, loadChange, loadFiling } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';
import type { CorrectionItem } from './requestCorrection.js';

export async function requestChangeCorrection(
  ctx: AppContext,
  props: { user: SessionUser; changeId: string; summary: string; items: CorrectionItem[] },
): Promise<ChangeRow> {
  return ctx.db.transaction(async (tx) => {
    const first = await loadChange(tx, props.changeId);
    const filing = await loadFiling(tx, first.filingId, { forUpdate: true });
    const change = await loadChange(tx, props.changeId, { forUpdate: true });
    authorizeChangeReview(props.user, 'requestCorrection', change, filing);
    const now = ctx.now();
    const overdue = !!change.dueDate && chinaToday(now) > change.dueDate;
    const to = changeMachine.next(change.status, 'requestCorrection');
    const [updated] = await tx
      .update(filingChanges)
      .set({ status: to, revision: change.revision + 1, updatedAt: now })
      .where(eq(filingChanges.id, change.id))
      .returning();
    await tx.insert(reviewDecisions).values({
      filingId: filing.id,
      changeId: change.id,
      reviewerId: props.user.id,
      kind: 'correction',
      summary: props.summary,
      items: props.items,
      dueDate: change.dueDate,
      overdue,
      createdAt: now,
    });
    await appendAudit(tx, {
      action: 'change.correction_requested',
      actorId: props.user.id,
      subjectType: 'change',
      subjectId: change.id,
      details: { filingId: filing.id, from: change.status, to, fields: props.items.map((i) => i.field), overdue },
    });
    await tellApplicant(ctx, tx, filing, {
      kind: 'change_correction_requested',
      message: notices.correction(true, { summary: props.summary, items: props.items }),
    });
    return updated as ChangeRow;
  });
}
