/**
 * What goes out about a complaint, field by field (SPEC §5, §9):
 * - the public status page: state, due date, the public steps and the reply, never anything about the complainant
 *   (nor the description, the evidence or the handlers);
 * - the handlers' view: everything, the contact masked (revealed only through commands/complaints/revealContact.ts),
 *   with the allowed actions.
 */
import type { PublicComplaintView } from '../../shared/api/complaints.js';
import { workingDaysLeft } from '../../shared/calendar/index.js';
import type { CalendarData } from '../../shared/calendar/workingDays.js';
import { COMPLAINT_STATUS_LABELS, type ComplaintStatus } from '../../shared/complaints/lifecycle.js';
import { maskEmail, maskMobile, maskPersonName } from '../../shared/validators/mask.js';
import type { ComplaintContact, ComplaintRow } from '../commands/complaints/records.js';
import type { complaintEvents, complaintEvidence } from '../db/schema.js';
import { allowedComplaintActions } from '../policies/complaint.js';
import type { SessionUser } from '../services/sessions.js';

type EventRow = typeof complaintEvents.$inferSelect;
type EvidenceRow = Omit<typeof complaintEvidence.$inferSelect, 'blobId'>;

export function presentPublicComplaint(
  row: ComplaintRow,
  events: EventRow[],
  lang: 'zh-CN' | 'en' = 'zh-CN',
): PublicComplaintView {
  const label = COMPLAINT_STATUS_LABELS[row.status];
  return {
    trackingCode: row.trackingCode,
    category: row.category,
    status: row.status,
    statusLabel: lang === 'en' ? label.en : label.zh,
    submittedAt: row.receivedAt.toISOString(),
    dueDate: row.status === 'closed' ? null : row.dueDate,
    timeline: events
      .filter((e) => e.public)
      .map((e) => ({ at: e.at.toISOString(), status: e.status as ComplaintStatus, note: e.publicNote })),
    reply: row.status === 'closed' ? row.reply : null,
  };
}

export function maskContact(contact: ComplaintContact | null) {
  if (!contact) return null;
  return {
    ...(contact.name ? { name: maskPersonName(contact.name) } : {}),
    ...(contact.phone ? { phone: maskMobile(contact.phone) } : {}),
    ...(contact.email ? { email: maskEmail(contact.email) } : {}),
  };
}

export interface StaffComplaintExtras {
  contact: ComplaintContact | null;
  calendar: CalendarData;
  today: string;
  handlerName?: string | null;
}

/** A row of the queue (and the head of the complaint page). */
export function presentComplaintSummary(row: ComplaintRow, x: Pick<StaffComplaintExtras, 'calendar' | 'today'>) {
  const open = row.status !== 'closed';
  const left = open ? workingDaysLeft(x.calendar, x.today, row.dueDate) : null;
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    channel: row.channel,
    category: row.category,
    status: row.status,
    statusLabel: COMPLAINT_STATUS_LABELS[row.status].zh,
    target: {
      filingNumber: row.targetFilingNumber,
      filingId: row.targetFilingId,
      name: row.targetName,
      url: row.targetUrl,
    },
    receivedAt: row.receivedAt.toISOString(),
    dueDate: row.dueDate,
    provisional: row.dueProvisional,
    workingDaysLeft: left?.days ?? null,
    overdue: open && (left?.days ?? 0) < 0,
    assignedHandlerId: row.assignedHandlerId,
    anonymous: row.contactEnc === null,
  };
}

export function presentStaffComplaint(
  user: SessionUser,
  row: ComplaintRow,
  events: EventRow[],
  evidence: EvidenceRow[],
  duplicates: ComplaintRow[],
  x: StaffComplaintExtras,
) {
  return {
    ...presentComplaintSummary(row, x),
    handlerName: x.handlerName ?? null,
    description: row.description,
    limitWorkingDays: row.limitWorkingDays,
    contact: maskContact(x.contact),
    reply: row.reply,
    closedAt: row.closedAt?.toISOString() ?? null,
    evidence: evidence.map((e) => ({ id: e.id, fileName: e.fileName, mime: e.mime, size: e.size, sm3: e.sm3 })),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      status: e.status,
      actorId: e.actorId,
      note: e.note,
      publicNote: e.publicNote,
    })),
    duplicates: duplicates.map((d) => presentComplaintSummary(d, x)),
    allowedActions: allowedComplaintActions(user, row),
  };
}
