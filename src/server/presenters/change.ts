/**
 * A change filing as it goes out (Article 6; SPEC §5 `{ change: { …, form, diff } }`): to the applicant with their
 * form, to staff with personal values masked; the diff against the version it was copied from is always masked.
 * Fields are listed one by one (shared/api/changes.ts is the contract).
 */
import type { ChangeDetail, ChangeSummary, ReviewChange } from '../../shared/api/changes.js';
import { type CalendarData, chinaToday, workingDaysLeft } from '../../shared/calendar/index.js';
import { CHANGE_LATE_LABEL } from '../../shared/filing/article6.js';
import { checkFiling } from '../../shared/filing/completeness.js';
import { diffForms } from '../../shared/filing/diff.js';
import { CHANGE_STATUS_LABELS, REVIEW_KIND_LABELS } from '../../shared/filing/lifecycle.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import type { AttachmentMeta, ChangeRow, FilingRow } from '../services/filingRecords.js';
import { presentAttachment } from './filing.js';
import { maskDraft } from './reviewFiling.js';

export function presentChangeDue(change: ChangeRow, cal: CalendarData, now: Date) {
  if (!change.dueDate || change.status !== 'submitted') return null;
  const left = workingDaysLeft(cal, chinaToday(now), change.dueDate);
  return {
    date: change.dueDate,
    provisional: change.dueProvisional || left.provisional,
    workingDaysLeft: left.days,
    overdue: left.days < 0,
  };
}

export function presentChange(
  change: ChangeRow,
  filing: Pick<FilingRow, 'filingNumber' | 'recordVersion' | 'platformName'>,
  allowedActions: readonly string[],
  cal: CalendarData,
  now: Date,
): ChangeSummary {
  const open = change.status !== 'approved' && change.status !== 'cancelled';
  return {
    id: change.id,
    filingId: change.filingId,
    filingNumber: filing.filingNumber,
    platformName: change.platformName ?? filing.platformName,
    status: change.status,
    statusLabel: CHANGE_STATUS_LABELS[change.status],
    kind: 'change',
    kindLabel: REVIEW_KIND_LABELS.change,
    baseVersion: change.baseVersion,
    currentVersion: filing.recordVersion,
    stale: open && filing.recordVersion !== change.baseVersion,
    changeDate: change.changeDate,
    changeDeadline: change.changeDeadline,
    deadlineProvisional: change.deadlineProvisional,
    late: change.late,
    lateReason: change.late ? CHANGE_LATE_LABEL : null,
    submittedAt: change.submittedAt?.toISOString() ?? null,
    receivedDate: change.receivedDate,
    dueDate: change.dueDate,
    provisional: change.dueProvisional,
    due: presentChangeDue(change, cal, now),
    approvedAt: change.approvedAt?.toISOString() ?? null,
    appliedVersion: change.appliedVersion,
    cancelledAt: change.cancelledAt?.toISOString() ?? null,
    cancelReason: change.cancelReason,
    createdAt: change.createdAt.toISOString(),
    updatedAt: change.updatedAt.toISOString(),
    allowedActions: [...allowedActions],
  };
}

export interface ChangeViewInput {
  change: ChangeRow;
  filing: FilingRow;
  draft: FilingDraft;
  attachments: AttachmentMeta[];
  /** The version the change was copied from: what the diff compares against. */
  base: { draft: FilingDraft; attachments: AttachmentMeta[] };
  correction: { summary: string | null; items: unknown; createdAt: Date } | null;
  allowedActions: readonly string[];
  cal: CalendarData;
  now: Date;
  /** MONITOR_ALLOW_PRIVATE (shared/filing/completeness.ts). */
  allowPrivateHomepage?: boolean;
}

export function presentChangeDetail(v: ChangeViewInput, audience: 'owner' | 'staff'): ChangeDetail {
  const errors = checkFiling(v.draft, {
    attachmentKinds: v.attachments.map((a) => a.kind),
    today: chinaToday(v.now),
    allowPrivateHomepage: v.allowPrivateHomepage ?? false,
  });
  return {
    ...presentChange(v.change, v.filing, v.allowedActions, v.cal, v.now),
    form: audience === 'staff' ? maskDraft(v.draft) : v.draft,
    diff: diffForms(v.base.draft, v.draft, { before: v.base.attachments, after: v.attachments }),
    attachments: v.attachments.map(presentAttachment),
    completeness: { complete: errors.length === 0, errors },
    correction:
      v.correction && v.change.status === 'correction_requested'
        ? {
            summary: v.correction.summary ?? '',
            items: v.correction.items as { field: string; message: string }[],
            createdAt: v.correction.createdAt.toISOString(),
          }
        : null,
  };
}

export function presentReviewChange(
  v: ChangeViewInput,
  decisions: { kind: string; summary: string | null; items: unknown; overdue: boolean; createdAt: Date }[],
): ReviewChange {
  return {
    ...presentChangeDetail(v, 'staff'),
    decisions: decisions.map((d) => ({
      kind: d.kind,
      summary: d.summary,
      items: d.items as { field: string; message: string }[],
      overdue: d.overdue,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}
