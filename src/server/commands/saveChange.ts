/**
 * Article 6 (SPEC §5 PUT /api/changes/:changeId): the applicant replaces the change's form, and may correct the
 * declared change date (the deadline and the late flag follow it). The valid record is not touched.
 */
import { eq } from 'drizzle-orm';
import { chinaToday, toChinaDate } from '../../shared/calendar/index.js';
import { changeDeadline, isChangeLate } from '../../shared/filing/article6.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import { appendAudit } from '../audit/auditLog.js';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { AppContext } from '../context.js';
import { filingChanges } from '../db/schema.js';
import { authorizeChange } from '../policies/change.js';
import { type ChangeRow, loadChange, loadFiling, openChangeDraft, sealChangeDraft } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';
import { checkChangeDate } from './startChange.js';

export interface SaveChangeProps {
  user: SessionUser;
  changeId: string;
  draft: FilingDraft;
  changeDate?: string | undefined;
}

export async function saveChange(ctx: AppContext, props: SaveChangeProps): Promise<ChangeRow> {
  const now = ctx.now();
  const today = chinaToday(now);
  const cal = await ctx.calendar.get();
  return ctx.db.transaction(async (tx) => {
    const first = await loadChange(tx, props.changeId);
    const filing = await loadFiling(tx, first.filingId, { forUpdate: true });
    const change = await loadChange(tx, props.changeId, { forUpdate: true });
    authorizeChange(props.user, 'update', filing, change);
    const changeDate = props.changeDate ?? change.changeDate;
    if (props.changeDate !== undefined) checkChangeDate(changeDate, today);
    const deadline = changeDeadline(cal, changeDate);
    const filedOn = change.submittedAt ? toChinaDate(change.submittedAt) : today;
    const before = openChangeDraft(ctx.cipher, change);
    const [updated] = await tx
      .update(filingChanges)
      .set({
        ...sealChangeDraft(ctx.cipher, change.id, props.draft),
        changeDate,
        changeDeadline: deadline.due,
        deadlineProvisional: deadline.provisional,
        late: isChangeLate(deadline.due, filedOn),
        revision: change.revision + 1,
        updatedAt: now,
      })
      .where(eq(filingChanges.id, change.id))
      .returning();
    await appendAudit(tx, {
      action: 'change.save',
      actorId: props.user.id,
      subjectType: 'change',
      subjectId: change.id,
      details: { filingId: filing.id, fields: changedSections(before, props.draft), changeDate },
    });
    return updated as ChangeRow;
  });
}

/** The sections whose content changed: the audit names them, never their values. */
function changedSections(a: FilingDraft, b: FilingDraft): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FilingDraft>;
  return [...keys].filter((k) => canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)).sort();
}
