/**
 * The staff view of a filing: every field, with ID numbers, phones and emails masked (SPEC §7) until a reviewer
 * reveals them with a logged reason.
 */
import { type CalendarData, chinaToday, workingDaysLeft } from '../../shared/calendar/index.js';
import { checkFiling } from '../../shared/filing/completeness.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../shared/filing/status.js';
import { maskEmail, maskIdNumber, maskMobile, maskPersonName } from '../../shared/validators/mask.js';
import type { ReviewAction } from '../policies/review.js';
import type { AttachmentMeta, FilingRow } from '../services/filingRecords.js';
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

export function presentQueueItem(
  row: FilingRow,
  sponsor: { name?: string | undefined; type?: string | undefined },
  reviewer: { id: string; displayName: string | null } | null,
  cal: CalendarData,
  now: Date,
) {
  return {
    id: row.id,
    status: row.status,
    statusLabel: FILING_STATUS_LABELS[row.status as FilingStatus] ?? row.status,
    platformName: row.platformName,
    sponsorName: sponsor.type === 'individual' && sponsor.name ? maskPersonName(sponsor.name) : (sponsor.name ?? null),
    sponsorType: sponsor.type ?? null,
    receivedDate: row.receivedDate,
    due: row.status === 'submitted' ? presentReviewDue(row, cal, now) : null,
    late: row.late,
    filingNumber: row.filingNumber,
    assignedReviewer: reviewer,
  };
}

export interface ReviewViewInput {
  row: FilingRow;
  draft: FilingDraft;
  attachments: AttachmentMeta[];
  checks: { section: string; result: string; note: string | null; checkedAt: Date }[];
  decisions: { kind: string; summary: string | null; items: unknown; overdue: boolean; createdAt: Date }[];
  allowedActions: ReviewAction[];
  cal: CalendarData;
  now: Date;
}

export function presentReviewFiling(v: ReviewViewInput) {
  const errors = checkFiling(v.draft, { attachmentKinds: v.attachments.map((a) => a.kind), today: chinaToday(v.now) });
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
    checks: v.checks.map((c) => ({
      section: c.section,
      result: c.result,
      note: c.note,
      checkedAt: c.checkedAt.toISOString(),
    })),
    decisions: v.decisions.map((d) => ({
      kind: d.kind,
      summary: d.summary,
      items: d.items,
      overdue: d.overdue,
      createdAt: d.createdAt.toISOString(),
    })),
    allowedActions: v.allowedActions,
  };
}
