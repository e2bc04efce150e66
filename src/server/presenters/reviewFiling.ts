/**
 * The staff view of a filing: every field, with ID numbers, phones and emails masked (SPEC §7) until a reviewer
 * reveals them with a logged reason.
 */

import type { QueueItem } from '../../shared/api/reviewQueue.js';
import { type CalendarData, chinaToday, workingDaysLeft } from '../../shared/calendar/index.js';
import { CHANGE_LATE_LABEL } from '../../shared/filing/article6.js';
import { ARTICLE8_LABELS } from '../../shared/filing/article8.js';
import { checkFiling } from '../../shared/filing/completeness.js';
import type { DiffEntry } from '../../shared/filing/diff.js';
import { CHANGE_STATUS_LABELS, type ChangeStatus, REVIEW_KIND_LABELS } from '../../shared/filing/lifecycle.js';
import type { CheckResult, CheckSection } from '../../shared/filing/review.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import { idNumberNeedsReview } from '../../shared/filing/sponsorId.js';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../shared/filing/status.js';
import { maskEmail, maskIdNumber, maskMobile, maskPersonName } from '../../shared/validators/mask.js';
import type { ReviewAction } from '../policies/review.js';
import type { AttachmentMeta, FilingRow } from '../services/filingRecords.js';
import type { QueueRow } from '../services/reviewQueue.js';
import { presentAttachment } from './filing.js';

type Person = NonNullable<NonNullable<FilingDraft['people']>['principal']>;

const maskPerson = (p: Person | undefined): Person | undefined =>
  p && {
    ...(p.name === undefined ? {} : { name: p.name }),
    ...(p.mobile === undefined ? {} : { mobile: maskMobile(p.mobile) }),
    ...(p.email === undefined ? {} : { email: maskEmail(p.email) }),
  };

export function maskDraft(d: FilingDraft): FilingDraft {
  const out: FilingDraft = { ...d };
  if (d.sponsor)
    out.sponsor = { ...d.sponsor, ...(d.sponsor.idNumber ? { idNumber: maskIdNumber(d.sponsor.idNumber) } : {}) };
  if (d.people) {
    const principal = maskPerson(d.people.principal);
    const contact = maskPerson(d.people.contact);
    out.people = { ...(principal ? { principal } : {}), ...(contact ? { contact } : {}) };
  }
  return out;
}

export function presentReviewDue(row: FilingRow, cal: CalendarData, now: Date) {
  if (!row.dueDate) return null;
  const left = workingDaysLeft(cal, chinaToday(now), row.dueDate);
  return {
    date: row.dueDate,
    provisional: row.dueProvisional || left.provisional,
    workingDaysLeft: left.days,
    overdue: left.days < 0,
  };
}

/** One line of the review queue: a filing or a change (SPEC §8), with its kind, due date and late flag. */
export function presentQueueItem(
  row: QueueRow,
  sponsor: { name?: string | undefined; type?: string | undefined },
  article8: QueueItem['article8'],
  cal: CalendarData,
  now: Date,
): QueueItem {
  const kind = row.kind;
  const due =
    row.status === 'submitted' && row.due_date
      ? (() => {
          const left = workingDaysLeft(cal, chinaToday(now), row.due_date);
          return {
            date: row.due_date,
            provisional: row.due_provisional || left.provisional,
            workingDaysLeft: left.days,
            overdue: left.days < 0,
          };
        })()
      : null;
  return {
    id: row.filing_id,
    kind,
    kindLabel: REVIEW_KIND_LABELS[kind],
    changeId: row.change_id,
    status: row.status,
    statusLabel:
      kind === 'change'
        ? (CHANGE_STATUS_LABELS[row.status as ChangeStatus] ?? row.status)
        : (FILING_STATUS_LABELS[row.status as FilingStatus] ?? row.status),
    platformName: row.platform_name,
    sponsorName: sponsor.type === 'individual' && sponsor.name ? maskPersonName(sponsor.name) : (sponsor.name ?? null),
    sponsorType: sponsor.type ?? null,
    receivedDate: row.received_date,
    due,
    late: row.late,
    lateReason: row.late ? (kind === 'change' ? CHANGE_LATE_LABEL : ARTICLE8_LABELS.online_late) : null,
    filingNumber: row.filing_number,
    assignedReviewer: row.assigned_reviewer_id
      ? { id: row.assigned_reviewer_id, displayName: row.reviewer_name }
      : null,
    article8,
  };
}

export interface ReviewViewInput {
  row: FilingRow;
  draft: FilingDraft;
  attachments: AttachmentMeta[];
  checks: { section: string; result: string; note: string | null; checkedAt: Date }[];
  decisions: { kind: string; summary: string | null; items: unknown; overdue: boolean; createdAt: Date }[];
  allowedActions: ReviewAction[];
  /** After approval (SPEC §8): the open change's id, for the link to its review page. */
  openChangeId?: string | null;
  /** After a resubmission: what the applicant changed since the latest correction notice. */
  sinceCorrection?: { correctedAt: Date; diff: DiffEntry[] } | null;
  cal: CalendarData;
  now: Date;
  /** MONITOR_ALLOW_PRIVATE (shared/filing/completeness.ts). */
  allowPrivateHomepage?: boolean;
}

export function presentReviewFiling(v: ReviewViewInput) {
  const errors = checkFiling(v.draft, {
    attachmentKinds: v.attachments.map((a) => a.kind),
    today: chinaToday(v.now),
    allowPrivateHomepage: v.allowPrivateHomepage ?? false,
  });
  return {
    id: v.row.id,
    status: v.row.status,
    statusLabel: FILING_STATUS_LABELS[v.row.status as FilingStatus] ?? v.row.status,
    filingNumber: v.row.filingNumber,
    submittedAt: v.row.submittedAt?.toISOString() ?? null,
    receivedDate: v.row.receivedDate,
    approvedAt: v.row.approvedAt?.toISOString() ?? null,
    due: v.row.status === 'submitted' ? presentReviewDue(v.row, v.cal, v.now) : null,
    late: v.row.late,
    assignedReviewerId: v.row.assignedReviewerId,
    data: maskDraft(v.draft),
    attachments: v.attachments.map(presentAttachment),
    completeness: { complete: errors.length === 0, errors },
    // SPEC §2: a credit code accepted on the applicant's confirmation, to be cleared in the checklist.
    idNumberNeedsReview: idNumberNeedsReview(v.draft),
    sinceCorrection: v.sinceCorrection
      ? { correctedAt: v.sinceCorrection.correctedAt.toISOString(), diff: v.sinceCorrection.diff }
      : null,
    // The checklist of this round only: results from before the latest submission belong to an earlier version.
    checks: v.checks
      .filter((c) => !v.row.submittedAt || c.checkedAt >= v.row.submittedAt)
      .map((c) => ({
        // Written through checkBody's enums only.
        section: c.section as CheckSection,
        result: c.result as CheckResult,
        note: c.note,
        checkedAt: c.checkedAt.toISOString(),
      })),
    decisions: v.decisions.map((d) => ({
      kind: d.kind,
      summary: d.summary,
      // The decisions table's `items` (jsonb, default []): the correction notice's fields.
      items: d.items as { field: string; message: string }[],
      overdue: d.overdue,
      createdAt: d.createdAt.toISOString(),
    })),
    record: v.row.filingNumber
      ? {
          version: v.row.recordVersion,
          lastChangeDate: v.row.lastChangeDate,
          deregisteredAt: v.row.deregisteredAt?.toISOString() ?? null,
          revokedAt: v.row.revokedAt?.toISOString() ?? null,
          revocationReason: v.row.revocationReason,
          revocationComplaintId: v.row.revocationComplaintId,
        }
      : null,
    openChangeId: v.openChangeId ?? null,
    allowedActions: v.allowedActions,
  };
}
