/**
 * The applicant's view of a filing. Fields are listed one by one: what is not named here is not sent.
 */

import type { ChangeSummary } from '../../shared/api/changes.js';
import type { DeregistrationView } from '../../shared/api/deregistration.js';
import { ATTACHMENT_KIND_LABELS, type AttachmentKind } from '../../shared/attachments.js';
import { type CalendarData, chinaToday, workingDaysLeft } from '../../shared/calendar/index.js';
import { article8View } from '../../shared/filing/article8.js';
import { checkFiling } from '../../shared/filing/completeness.js';
import { PUBLIC_STATUS, publicStatusOf } from '../../shared/filing/publicRecord.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../shared/filing/status.js';
import type { FilingAction } from '../policies/filing.js';
import type { HistoryEvent } from '../services/filingHistory.js';
import type { AttachmentMeta, FilingRow } from '../services/filingRecords.js';

export const DEFAULT_LAUNCH_WARNING_DAYS = 30;

export function presentAttachment(a: AttachmentMeta) {
  return {
    id: a.id,
    kind: a.kind,
    kindLabel: ATTACHMENT_KIND_LABELS[a.kind as AttachmentKind] ?? a.kind,
    fileName: a.fileName,
    mime: a.mime,
    size: a.size,
    sm3: a.sm3,
    uploadedAt: a.createdAt.toISOString(),
  };
}

function presentDue(row: FilingRow, cal: CalendarData, now: Date) {
  if (!row.dueDate || row.status !== 'submitted') return null;
  const left = workingDaysLeft(cal, chinaToday(now), row.dueDate);
  return {
    date: row.dueDate,
    provisional: row.dueProvisional || left.provisional,
    workingDaysLeft: left.days,
    overdue: left.days < 0,
  };
}

export function presentFilingSummary(row: FilingRow, cal: CalendarData, now: Date) {
  return {
    id: row.id,
    status: row.status,
    statusLabel: FILING_STATUS_LABELS[row.status as FilingStatus] ?? row.status,
    platformName: row.platformName,
    filingNumber: row.filingNumber,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    due: presentDue(row, cal, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface FilingViewInput {
  row: FilingRow;
  /** The open correction notice (补正通知), when the filing was sent back. */
  correction?: { summary: string; items: { field: string; message: string }[]; createdAt: Date } | null;
  draft: FilingDraft;
  attachments: AttachmentMeta[];
  /** The review rounds so far (services/filingHistory.ts): submissions and decisions, oldest first. */
  history?: HistoryEvent[];
  allowedActions: FilingAction[];
  /** After approval (SPEC §8): the open change, the latest deregistration. */
  openChange?: ChangeSummary | null;
  deregistration?: DeregistrationView | null;
  /** Article 8: days before a planned launch from which it counts as near (setting). */
  launchWarningDays?: number;
  cal: CalendarData;
  now: Date;
  /** MONITOR_ALLOW_PRIVATE (shared/filing/completeness.ts). */
  allowPrivateHomepage?: boolean;
}

/** The approved record's public side (SPEC §4): its version, status and last change date. */
function presentRecord(row: FilingRow) {
  if (!row.filingNumber) return null;
  const status = publicStatusOf(row.status);
  return {
    version: row.recordVersion,
    publicStatus: status,
    publicStatusLabel: PUBLIC_STATUS[status],
    lastChangeDate: row.lastChangeDate,
    deregisteredAt: row.deregisteredAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
  };
}

export function presentFiling(v: FilingViewInput) {
  const { row, correction, draft, attachments, allowedActions, cal, now } = v;
  const errors = checkFiling(draft, {
    attachmentKinds: attachments.map((a) => a.kind),
    today: chinaToday(now),
    allowPrivateHomepage: v.allowPrivateHomepage ?? false,
  });
  return {
    ...presentFilingSummary(row, cal, now),
    receivedDate: row.receivedDate,
    dueDate: row.dueDate,
    dueProvisional: row.dueProvisional,
    late: row.late,
    version: row.version,
    data: draft,
    attachments: attachments.map(presentAttachment),
    completeness: { complete: errors.length === 0, errors },
    correction: correction
      ? { summary: correction.summary, items: correction.items, createdAt: correction.createdAt.toISOString() }
      : null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    history: v.history ?? [],
    record: presentRecord(row),
    openChange: v.openChange ?? null,
    deregistration: v.deregistration ?? null,
    article8: article8View(
      draft,
      { late: row.late, approved: !!row.filingNumber },
      chinaToday(now),
      v.launchWarningDays ?? DEFAULT_LAUNCH_WARNING_DAYS,
    ),
    allowedActions,
  };
}
