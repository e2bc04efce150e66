/**
 * Article 9, SPEC §9: a complaint is received, from the public web form (with a solved ALTCHA challenge, spent here
 * once) or recorded by a handler from a phone call or an imported email. The target is a filing number that must
 * exist, or the name/URL of an unfiled platform; the due date is the category's working-day limit (setting, default
 * 15) from the day after the China date of receipt. The contact is sealed; the evidence files were streamed into
 * sealed chunks before and are refused here (and removed) unless their bytes are PDF, JPEG or PNG. A
 * `number_not_shown` complaint about a valid filing queues a fresh homepage check linked to it (Article 5 evidence).
 */
import { eq } from 'drizzle-orm';
import { addWorkingDays, chinaToday } from '../../../shared/calendar/index.js';
import {
  type ComplaintCategory,
  type ComplaintChannel,
  DEFAULT_COMPLAINT_LIMIT_WORKING_DAYS,
} from '../../../shared/complaints/lifecycle.js';
import { discardBlob, type StoredBlob } from '../../attachments/blobStore.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/client.js';
import { complaintEvidence, complaints, filings } from '../../db/schema.js';
import { scheduleComplaintCheck } from '../../jobs/monitorJobs.js';
import { AppError, said, unprocessable } from '../../lib/errors.js';
import { checkSolution, spendSolution } from '../../services/altcha.js';
import { cleanFileName } from '../attachments.js';
import { addEvent, type ComplaintContact, type ComplaintRow, newTrackingCode, sealContact } from './records.js';

export const MAX_EVIDENCE_FILES = 5;
export const EVIDENCE_TYPES = ['pdf', 'jpeg', 'png'] as const;

export interface EvidenceUpload {
  fileName: string;
  blob: StoredBlob;
}

export interface ComplaintFields {
  category: ComplaintCategory;
  targetFilingNumber?: string | undefined;
  targetName?: string | undefined;
  targetUrl?: string | undefined;
  description: string;
  contact?: ComplaintContact | undefined;
}

export interface ReceiveProps {
  channel: ComplaintChannel;
  fields: ComplaintFields;
  evidence: EvidenceUpload[];
  /** The web form's ALTCHA payload (base64), required for `web`. */
  altcha?: string | undefined;
  /** The handler who recorded a phone call or an email. */
  recordedBy?: string | undefined;
}

/** What groups duplicates about one target: the filing, else the URL's host, else the name. */
export function targetKeyOf(filingId: string | null, url: string | undefined, name: string | undefined): string {
  if (filingId) return `filing:${filingId}`;
  if (url) {
    try {
      return `host:${new URL(url).hostname.toLowerCase().replace(/^www\./, '')}`;
    } catch {
      /* fall through to the name */
    }
  }
  return `name:${(name ?? '').trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

/** A filing the public registry knows (approved at some point), by its number. */
export async function findTargetFiling(db: Executor, filingNumber: string) {
  const [row] = await db
    .select({ id: filings.id, status: filings.status, ownerId: filings.ownerId, platformName: filings.platformName })
    .from(filings)
    .where(eq(filings.filingNumber, filingNumber.trim()));
  return row ?? null;
}

function checkEvidence(evidence: EvidenceUpload[]) {
  if (evidence.length > MAX_EVIDENCE_FILES) {
    throw new AppError(400, 'too_many_files', `证据材料最多 ${MAX_EVIDENCE_FILES} 个`, [
      said('evidence', 'api.evidenceMax', { maximum: MAX_EVIDENCE_FILES }),
    ]);
  }
  evidence.forEach((e, i) => {
    const type = e.blob.detected?.type;
    if (e.blob.size === 0 || !type || !(EVIDENCE_TYPES as readonly string[]).includes(type)) {
      throw new AppError(415, 'unsupported_file_type', '证据材料须为 PDF、JPEG 或 PNG 文件（按文件内容识别）', [
        { field: `evidence[${i}]`, message: '文件类型不支持，须为 PDF、JPEG 或 PNG' },
      ]);
    }
  });
}

export async function receiveComplaint(ctx: AppContext, props: ReceiveProps): Promise<ComplaintRow> {
  try {
    return await receive(ctx, props);
  } catch (err) {
    for (const e of props.evidence) await discardBlob(ctx.db, e.blob.blobId).catch(() => {});
    throw err;
  }
}

async function receive(ctx: AppContext, props: ReceiveProps): Promise<ComplaintRow> {
  const { fields } = props;
  const solved = props.channel === 'web' ? await checkSolution(ctx, props.altcha ?? '') : null;
  checkEvidence(props.evidence);
  const target = fields.targetFilingNumber ? await findTargetFiling(ctx.db, fields.targetFilingNumber) : null;
  if (fields.targetFilingNumber && !target) {
    throw unprocessable('未找到该备案编号', [said('targetFilingNumber', 'api.filingNumberUnknown')]);
  }
  const now = ctx.now();
  const today = chinaToday(now);
  const [cal, limits] = await Promise.all([ctx.calendar.get(), ctx.settings.get('complaints.limitWorkingDays')]);
  const limit = limits[fields.category] ?? DEFAULT_COMPLAINT_LIMIT_WORKING_DAYS;
  const due = addWorkingDays(cal, today, limit);

  return ctx.db.transaction(async (tx) => {
    if (solved) await spendSolution(ctx, tx, solved);
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(complaints)
      .values({
        id,
        trackingCode: newTrackingCode(),
        channel: props.channel,
        category: fields.category,
        status: 'received',
        targetFilingNumber: target ? (fields.targetFilingNumber?.trim() ?? null) : null,
        targetFilingId: target?.id ?? null,
        targetName: fields.targetName ?? target?.platformName ?? null,
        targetUrl: fields.targetUrl ?? null,
        targetKey: targetKeyOf(target?.id ?? null, fields.targetUrl, fields.targetName),
        description: fields.description,
        contactEnc: sealContact(ctx.cipher, id, fields.contact),
        recordedBy: props.recordedBy ?? null,
        receivedAt: now,
        receivedDate: today,
        limitWorkingDays: limit,
        dueDate: due.due,
        dueProvisional: due.provisional,
        updatedAt: now,
      })
      .returning();
    const complaint = row as ComplaintRow;
    const stored: { id: string; sm3: string; size: number }[] = [];
    for (const [position, e] of props.evidence.entries()) {
      const detected = e.blob.detected as NonNullable<StoredBlob['detected']>;
      const [ev] = await tx
        .insert(complaintEvidence)
        .values({
          complaintId: id,
          fileName: cleanFileName(e.fileName, detected.ext),
          mime: detected.mime,
          size: e.blob.size,
          sm3: e.blob.sm3,
          blobId: e.blob.blobId,
          position,
          createdAt: now,
        })
        .returning({ id: complaintEvidence.id });
      stored.push({ id: ev?.id ?? '', sm3: e.blob.sm3, size: e.blob.size });
    }
    if (fields.category === 'number_not_shown' && target?.status === 'approved') {
      // Article 5: the monitor checks the homepage now; the check is linked to this complaint as its evidence.
      await scheduleComplaintCheck(tx, { complaintId: id, filingId: target.id, at: now });
    }
    await addEvent(tx, {
      complaintId: id,
      at: now,
      action: 'receive',
      status: 'received',
      actorId: props.recordedBy ?? null,
      publicNote: null,
      details: { channel: props.channel },
    });
    await appendAudit(tx, {
      action: 'complaint.receive',
      actorId: props.recordedBy ?? null,
      subjectType: 'complaint',
      subjectId: id,
      details: {
        channel: props.channel,
        category: fields.category,
        dueDate: due.due,
        provisional: due.provisional,
        evidence: stored,
        hasContact: complaint.contactEnc !== null,
      },
    });
    return complaint;
  });
}
