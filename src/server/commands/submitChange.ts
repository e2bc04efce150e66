/**
 * Article 6 (SPEC §5 POST /api/changes/:changeId/submit): the change is checked like a filing (the same checkFiling),
 * and reviewed in the same queue on the same 10-working-day clock from the day after receipt. Filed after its
 * deadline it is `late`, judged at the first submission.
 */
import { eq } from 'drizzle-orm';
import { addWorkingDays, chinaToday, toChinaDate } from '../../shared/calendar/index.js';
import { isChangeLate } from '../../shared/filing/article6.js';
import { checkFiling } from '../../shared/filing/completeness.js';
import { changeMachine } from '../../shared/filing/lifecycle.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filingChanges } from '../db/schema.js';
import { unprocessable } from '../lib/errors.js';
import { authorizeChange } from '../policies/change.js';
import {
  type ChangeRow,
  listChangeAttachments,
  loadChange,
  loadFiling,
  openChangeDraft,
  sealChangeDraft,
} from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';
import { REVIEW_WORKING_DAYS } from './submitFiling.js';

export async function submitChange(
  ctx: AppContext,
  props: { user: SessionUser; changeId: string },
): Promise<ChangeRow> {
  const now = ctx.now();
  const today = chinaToday(now);
  const cal = await ctx.calendar.get();
  return ctx.db.transaction(async (tx) => {
    const first = await loadChange(tx, props.changeId);
    const filing = await loadFiling(tx, first.filingId, { forUpdate: true });
    const change = await loadChange(tx, props.changeId, { forUpdate: true });
    authorizeChange(props.user, 'submit', filing, change);
    let draft = openChangeDraft(ctx.cipher, change);
    const kinds = (await listChangeAttachments(tx, change)).map((a) => a.kind);
    const errors = checkFiling(draft, {
      attachmentKinds: kinds,
      today,
      allowPrivateHomepage: ctx.config.monitorAllowPrivate,
    });
    if (errors.length) throw unprocessable(`变更信息不完整或有误，共 ${errors.length} 处需要修改`, errors);
    if (draft.sponsor?.type === 'individual' && draft.capital) {
      const { capital: _dropped, ...rest } = draft;
      draft = rest;
    }
    const due = addWorkingDays(cal, today, REVIEW_WORKING_DAYS);
    const submittedAt = change.submittedAt ?? now;
    const late = isChangeLate(change.changeDeadline, toChinaDate(submittedAt));
    const to = changeMachine.next(change.status, 'submit');
    const [updated] = await tx
      .update(filingChanges)
      .set({
        ...sealChangeDraft(ctx.cipher, change.id, draft),
        status: to,
        submittedAt,
        receivedDate: today,
        dueDate: due.due,
        dueProvisional: due.provisional,
        late,
        revision: change.revision + 1,
        updatedAt: now,
      })
      .where(eq(filingChanges.id, change.id))
      .returning();
    await appendAudit(tx, {
      action: 'change.submit',
      actorId: props.user.id,
      subjectType: 'change',
      subjectId: change.id,
      details: { filingId: filing.id, from: change.status, to, dueDate: due.due, provisional: due.provisional, late },
    });
    return updated as ChangeRow;
  });
}
