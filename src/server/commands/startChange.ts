/**
 * Article 6 (SPEC §5 POST /api/filings/:id/changes): the applicant starts a change of an approved filing, declaring
 * the day the information changed (today or earlier). The change is a copy of the valid record's form and files;
 * its deadline is that day + 30 calendar days, holiday-extended. One open change per filing (409 otherwise).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { chinaToday } from '../../shared/calendar/index.js';
import { changeDeadline, isChangeLate } from '../../shared/filing/article6.js';
import { OPEN_CHANGE_STATUSES } from '../../shared/filing/lifecycle.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filingChanges, filingVersions } from '../db/schema.js';
import { said, unprocessable } from '../lib/errors.js';
import { authorizeFiling, changeAlreadyOpen } from '../policies/filing.js';
import { type ChangeRow, loadFiling, openDraft, sealChangeDraft } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';
import { copyAttachmentsToChange } from './attachments.js';

export interface StartChangeProps {
  user: SessionUser;
  filingId: string;
  changeDate: string;
}

/** 422 for a change date in the future (SPEC §8: today or earlier). */
export function checkChangeDate(changeDate: string, today: string): void {
  if (changeDate > today) {
    throw unprocessable('变更日期不能晚于今天', [said('changeDate', 'api.changeDateFuture')]);
  }
}

export async function startChange(ctx: AppContext, props: StartChangeProps): Promise<ChangeRow> {
  const now = ctx.now();
  const today = chinaToday(now);
  const cal = await ctx.calendar.get();
  return ctx.db.transaction(async (tx) => {
    const filing = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, 'startChange', filing);
    checkChangeDate(props.changeDate, today);
    const open = await tx
      .select({ id: filingChanges.id })
      .from(filingChanges)
      .where(and(eq(filingChanges.filingId, filing.id), inArray(filingChanges.status, [...OPEN_CHANGE_STATUSES])));
    if (open.length) throw changeAlreadyOpen();
    const baseVersion = filing.recordVersion ?? 1;
    const [base] = await tx
      .select({ changeId: filingVersions.changeId })
      .from(filingVersions)
      .where(and(eq(filingVersions.filingId, filing.id), eq(filingVersions.version, baseVersion)));
    const deadline = changeDeadline(cal, props.changeDate);
    const late = isChangeLate(deadline.due, today);
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(filingChanges)
      .values({
        id,
        filingId: filing.id,
        status: 'draft',
        baseVersion,
        changeDate: props.changeDate,
        changeDeadline: deadline.due,
        deadlineProvisional: deadline.provisional,
        late,
        ...sealChangeDraft(ctx.cipher, id, openDraft(ctx.cipher, filing)),
        createdBy: props.user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await copyAttachmentsToChange(tx, { filingId: filing.id, changeId: base?.changeId ?? null }, id);
    await appendAudit(tx, {
      action: 'change.create',
      actorId: props.user.id,
      subjectType: 'change',
      subjectId: id,
      details: { filingId: filing.id, baseVersion, changeDate: props.changeDate, deadline: deadline.due, late },
    });
    return row as ChangeRow;
  });
}
