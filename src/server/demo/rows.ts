/**
 * Turns a demo filing's plan into the rows the real commands would have written (SPEC §6: demo data "through the same
 * commands the API uses"), without their per-row round trips: the filing, its attachments (sealed), versions, changes,
 * review decisions, deregistrations and their jobs, partner feed entries, the applicant's notices and emails, the audit
 * entries and the public events. Each step mirrors one command (named in its comment) and uses the same helpers and
 * state machines; demo.test.ts replays the same plans through the commands and compares the rows.
 */

import { addWorkingDays, type CalendarData, chinaToday, toChinaDate } from '../../shared/calendar/index.js';
import { changeDeadline, isChangeLate } from '../../shared/filing/article6.js';
import { isLate } from '../../shared/filing/article8.js';
import { checkFiling } from '../../shared/filing/completeness.js';
import { diffForms } from '../../shared/filing/diff.js';
import { changeMachine, filingMachine, OPEN_CHANGE_STATUSES } from '../../shared/filing/lifecycle.js';
import { splitPersonal } from '../../shared/filing/personal.js';
import { buildPublicRecord, type PublicRecord } from '../../shared/filing/publicRecord.js';
import { type FilingDraft, filingDraftSchema } from '../../shared/filing/schema.js';
import { type NoticeMessage, notices } from '../../shared/notices.js';
import { chunkAad } from '../attachments/blobStore.js';
import type { AuditAction, AuditDetails, SubjectType } from '../audit/events.js';
import { chinaMidnight, DEREGISTRATION_JOB } from '../commands/deregisterFiling.js';
import { changedSections } from '../commands/saveFiling.js';
import { REVIEW_WORKING_DAYS } from '../commands/submitFiling.js';
import type { FieldCipher } from '../crypto/fieldCipher.js';
import type {
  attachmentChunks,
  attachments,
  deregistrations,
  filingVersions,
  notifications,
  outbox,
  reviewDecisions,
  scheduledJobs,
  users,
} from '../db/schema.js';
import { presentPartnerFiling } from '../presenters/partnerFiling.js';
import {
  type AttachmentMeta,
  type ChangeRow,
  type FilingRow,
  sealChangeDraft,
  sealDraft,
} from '../services/filingRecords.js';
import { versionAad } from '../services/filingVersions.js';
import { noticeInChinese } from '../services/noticeText.js';
import { outboxAad, type PartnerEvent } from '../services/outbox.js';
import type { PublicEvent } from '../services/publicEvents.js';
import { changedForm, completeForm, identity, partialForm } from './forms.js';
import type { FilingPlan, Step } from './plan.js';
import { Random } from './random.js';
import { CORRECTION_REASONS, DEREGISTRATION_REASONS, REVOCATION_REASONS } from './vocabulary.js';

type AttachmentRow = typeof attachments.$inferInsert & { id: string; createdAt: Date; sealedId: string | null };
type ChunkRow = typeof attachmentChunks.$inferInsert;

export interface DemoFile {
  kind: 'equity_proof' | 'mlps_proof' | 'commitment_letter';
  fileName: string;
  mime: string;
  bytes: Buffer;
  sm3: string;
}

/** What every filing's rows depend on, read once per run. */
export interface DemoEnv {
  seed: string;
  cipher: FieldCipher;
  cal: CalendarData;
  effectiveDate: string;
  publicBaseUrl: string;
  /** Enabled partners: each public event gives each a feed entry (push channels are refused before seeding). */
  partnerIds: string[];
  reviewerIds: string[];
  adminIds: string[];
  files: Record<DemoFile['kind'], DemoFile>;
  /** The filing number issued to filing `index` at its approval. */
  numberOf(index: number): string;
}

export interface AuditRow {
  at: Date;
  action: AuditAction;
  actorId: string | null;
  subjectType: SubjectType;
  subjectId: string | null;
  details: unknown;
}

/** The rows of one batch, in the order they are inserted (parents first). */
export class DemoRows {
  users: (typeof users.$inferInsert)[] = [];
  filings: FilingRow[] = [];
  changes: ChangeRow[] = [];
  /** Where each change sits in `changes`. */
  changeIndex = new Map<string, number>();
  attachments: AttachmentRow[] = [];
  /** The files' bytes: one sealed chunk each (the demo files are far below 64 KiB). */
  chunks: ChunkRow[] = [];
  versions: (typeof filingVersions.$inferInsert)[] = [];
  decisions: (typeof reviewDecisions.$inferInsert)[] = [];
  jobs: (typeof scheduledJobs.$inferInsert)[] = [];
  deregistrations: (typeof deregistrations.$inferInsert)[] = [];
  outbox: (typeof outbox.$inferInsert)[] = [];
  notifications: (typeof notifications.$inferInsert)[] = [];
  audit: AuditRow[] = [];
  publicEvents: PublicEvent[] = [];

  addAudit<A extends AuditAction>(
    at: Date,
    action: A,
    actorId: string | null,
    subjectType: SubjectType,
    subjectId: string,
    details: AuditDetails[A],
  ) {
    this.audit.push({ at, action, actorId, subjectType, subjectId, details });
  }
}

/** registerUser: an applicant account with the run's one password hash, its email sealed and blind-indexed. */
export function buildApplicant(
  env: DemoEnv,
  rows: DemoRows,
  p: { id: string; email: string; at: Date; passwordHash: string },
) {
  rows.users.push({
    id: p.id,
    emailHash: env.cipher.blindIndex(p.email),
    emailEnc: env.cipher.sealText(p.email, `user:${p.id}`),
    displayName: null,
    passwordHash: p.passwordHash,
    roles: ['applicant'],
    createdAt: p.at,
  });
  rows.addAudit(p.at, 'account.register', p.id, 'account', p.id, { roles: ['applicant'] });
}

const meta = (a: AttachmentRow): AttachmentMeta => ({
  id: a.id,
  kind: a.kind,
  fileName: a.fileName,
  mime: a.mime,
  size: a.size,
  sm3: a.sm3,
  createdAt: a.createdAt,
});

const byCreated = (a: AttachmentRow, b: AttachmentRow) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Replays one filing's plan into `rows`. Throws if a step is one the state machines or checkFiling would refuse. */
export function buildFiling(env: DemoEnv, rows: DemoRows, plan: FilingPlan, ownerId: string): FilingRow {
  const r = new Random(env.seed, 'form', plan.index);
  const id = r.uuid();
  const ident = identity(r, plan.sponsorType);
  const reviewerId = r.pick(env.reviewerIds);
  const adminId = r.pick(env.adminIds);
  const firstDay = chinaToday(plan.steps[0]?.at ?? new Date());
  const wanted = plan.steps[0]?.kind === 'create' && plan.steps[0].partial ? partialForm(r, ident, firstDay) : null;
  let draft: FilingDraft = filingDraftSchema.parse(wanted ?? completeForm(r, ident, submitDay(plan) ?? firstDay));
  let row = {} as FilingRow;
  const own: AttachmentRow[] = [];
  /** The versions: number → the change that made it (null: the filing's own files). */
  const versionChange = new Map<number, string | null>();
  let change: ChangeRow | null = null;
  let changeDraft: FilingDraft = {};
  const changeDrafts = new Map<string, FilingDraft>();
  const files = new Map<string | null, AttachmentRow[]>([[null, own]]);

  const tell = (at: Date, kind: string, message: NoticeMessage) => {
    const { title, body } = noticeInChinese(message);
    rows.notifications.push({ id: r.uuid(), userId: ownerId, filingId: id, kind, title, body, message, createdAt: at });
    const key = r.uuid();
    const link = `${env.publicBaseUrl}/filings/${id}`;
    const mail = { userId: ownerId, subject: `【漏洞收集平台备案】${title}`, text: `${body}\n\n查看详情：${link}` };
    // Historical mail: recorded as sent then, so the outbox worker never sends demo mail.
    rows.outbox.push({
      channel: 'email',
      recipient: 'applicant',
      eventType: `applicant.${kind}`,
      filingId: id,
      payloadEnc: env.cipher.sealJson(mail, outboxAad(key)),
      idempotencyKey: key,
      status: 'delivered',
      attempts: 1,
      deliveredAt: at,
      nextAttemptAt: at,
      createdAt: at,
    });
  };
  const partners = (at: Date, type: PartnerEvent, payload: unknown) => {
    for (const recipient of env.partnerIds) {
      const key = r.uuid();
      rows.outbox.push({
        channel: 'feed',
        recipient,
        eventType: type,
        filingId: id,
        payloadEnc: env.cipher.sealJson(payload, outboxAad(key)),
        idempotencyKey: key,
        status: 'available',
        nextAttemptAt: at,
        createdAt: at,
      });
    }
  };
  const currentFiles = () => [...(files.get(versionChange.get(row.recordVersion ?? 1) ?? null) ?? [])].sort(byCreated);
  const corrections = () => {
    const pool = CORRECTION_REASONS.filter(
      (c) => plan.sponsorType !== 'individual' || c.field !== 'attachments.equity_proof',
    );
    const first = r.pick(pool);
    const second = r.pick(pool);
    return first === second ? [{ ...first }] : [{ ...first }, { ...second }];
  };
  const summary = '经审核，备案材料存在以下问题，请按意见补正后重新提交。';
  const cancelOpenChange = (at: Date, reason: string, actorId: string | null) => {
    if (!change || !OPEN_CHANGE_STATUSES.includes(change.status)) return null;
    if (!changeMachine.can(change.status, 'cancel', ['system'])) return null;
    const to = changeMachine.next(change.status, 'cancel');
    rows.addAudit(at, 'change.cancel', actorId, 'change', change.id, { filingId: id, from: change.status, to, reason });
    change = {
      ...change,
      status: to,
      cancelledAt: at,
      cancelReason: reason,
      revision: change.revision + 1,
      updatedAt: at,
    };
    return change;
  };

  for (const step of plan.steps) {
    const at = step.at;
    const today = chinaToday(at);
    switch (step.kind) {
      case 'create': // createFiling
        row = {
          id,
          ownerId,
          status: 'draft',
          ...unsealed(draft),
          submittedAt: null,
          receivedDate: null,
          dueDate: null,
          dueProvisional: false,
          late: false,
          filingNumber: null,
          assignedReviewerId: null,
          approvedAt: null,
          publicRecord: null,
          version: 1,
          recordVersion: null,
          lastChangeDate: null,
          deregisteredAt: null,
          revokedAt: null,
          revokedBy: null,
          revocationReason: null,
          revocationComplaintId: null,
          createdAt: at,
          updatedAt: at,
        };
        rows.addAudit(at, 'filing.create', ownerId, 'filing', id, {});
        break;
      case 'upload': {
        // uploadAttachment
        const f = env.files[step.attachment];
        const aid = r.uuid();
        // writeBlob: the bytes in sealed chunks under a blob id; the row points at it.
        const blobId = r.uuid();
        rows.chunks.push({ blobId, seq: 0, content: env.cipher.sealBytes(f.bytes, chunkAad(blobId, 0)) });
        const a: AttachmentRow = {
          id: aid,
          filingId: id,
          changeId: null,
          kind: f.kind,
          fileName: f.fileName,
          mime: f.mime,
          size: f.bytes.length,
          sm3: f.sm3,
          blobId,
          sealedId: null,
          uploadedBy: ownerId,
          createdAt: at,
        };
        own.push(a);
        rows.addAudit(at, 'filing.attachment_add', ownerId, 'filing', id, {
          attachmentId: aid,
          kind: f.kind,
          sm3: f.sm3,
          size: f.bytes.length,
        });
        break;
      }
      case 'submit': {
        // submitFiling
        assertComplete(draft, own, today, plan);
        const due = addWorkingDays(env.cal, today, REVIEW_WORKING_DAYS);
        const late = row.submittedAt ? row.late : isLate(env.cal, draft, today, env.effectiveDate);
        const to = filingMachine.next(row.status, 'submit');
        rows.addAudit(at, 'filing.submit', ownerId, 'filing', id, {
          from: row.status,
          to,
          dueDate: due.due,
          provisional: due.provisional,
          late,
        });
        row = {
          ...row,
          ...unsealed(draft),
          status: to,
          submittedAt: at,
          receivedDate: today,
          dueDate: due.due,
          dueProvisional: due.provisional,
          late,
          version: row.version + 1,
          updatedAt: at,
        };
        break;
      }
      case 'claim': // assignReviewer (claim)
        row = { ...row, assignedReviewerId: reviewerId };
        rows.addAudit(at, 'filing.claim', reviewerId, 'filing', id, { reviewerId });
        break;
      case 'correction': {
        // requestCorrection
        const items = corrections();
        const overdue = !!row.dueDate && today > row.dueDate;
        const to = filingMachine.next(row.status, 'requestCorrection');
        rows.decisions.push({
          id: r.uuid(),
          filingId: id,
          reviewerId,
          kind: 'correction',
          summary,
          items,
          dueDate: row.dueDate,
          overdue,
          createdAt: at,
        });
        rows.addAudit(at, 'filing.correction_requested', reviewerId, 'filing', id, {
          from: row.status,
          to,
          fields: items.map((i) => i.field),
          overdue,
        });
        tell(at, 'correction_requested', notices.correction(false, { summary, items }));
        row = { ...row, status: to, version: row.version + 1, updatedAt: at };
        break;
      }
      case 'save': {
        // saveFiling: the applicant answers the notice
        const before = draft;
        draft = filingDraftSchema.parse({
          ...draft,
          rules: { ...draft.rules, publication: `${draft.rules?.publication ?? ''}发布前书面征得责任主体同意。` },
          mlps: {
            ...draft.mlps,
            certificateNumber: `${draft.mlps?.certificateNumber ?? ''}`.replace(/\d$/, (d) =>
              String((Number(d) + 1) % 10),
            ),
          },
        });
        rows.addAudit(at, 'filing.save', ownerId, 'filing', id, { fields: changedSections(before, draft) });
        row = { ...row, ...unsealed(draft), version: row.version + 1, updatedAt: at };
        break;
      }
      case 'withdraw': {
        // withdrawFiling
        const to = filingMachine.next(row.status, 'withdraw');
        rows.addAudit(at, 'filing.withdraw', ownerId, 'filing', id, { from: row.status, to });
        row = { ...row, status: to, version: row.version + 1, updatedAt: at };
        break;
      }
      case 'approve': {
        // approveFiling
        const number = env.numberOf(plan.index);
        const overdue = !!row.dueDate && today > row.dueDate;
        const publicRecord = buildPublicRecord(draft, { filingNumber: number, filingDate: today });
        const from = row.status;
        row = {
          ...row,
          status: filingMachine.next(row.status, 'approve'),
          filingNumber: number,
          approvedAt: at,
          recordVersion: 1,
          version: row.version + 1,
          updatedAt: at,
          publicRecord,
        };
        version(1, null, draft, publicRecord, at);
        rows.publicEvents.push({
          type: 'filing.approved',
          filingId: id,
          filingNumber: number,
          at,
          record: publicRecord,
        });
        rows.decisions.push({
          id: r.uuid(),
          filingId: id,
          reviewerId,
          kind: 'approve',
          dueDate: row.dueDate,
          overdue,
          createdAt: at,
        });
        rows.addAudit(at, 'filing.approve', reviewerId, 'filing', id, {
          from,
          to: row.status,
          filingNumber: number,
          overdue,
        });
        partners(at, 'filing.approved', {
          event: 'filing.approved',
          occurredAt: at.toISOString(),
          ...presentPartnerFiling(row, draft, currentFiles().map(meta)),
        });
        tell(at, 'approved', notices.approved({ name: draft.platform?.name ?? '', number }));
        break;
      }
      case 'changeStart': {
        // startChange
        const cid = r.uuid();
        const baseVersion = row.recordVersion ?? 1;
        const deadline = changeDeadline(env.cal, step.changeDate);
        const late = isChangeLate(deadline.due, today);
        changeDraft = draft;
        change = {
          id: cid,
          filingId: id,
          status: 'draft',
          baseVersion,
          changeDate: step.changeDate,
          changeDeadline: deadline.due,
          deadlineProvisional: deadline.provisional,
          late,
          ...unsealed(changeDraft),
          submittedAt: null,
          receivedDate: null,
          dueDate: null,
          dueProvisional: false,
          approvedAt: null,
          appliedVersion: null,
          cancelledAt: null,
          cancelReason: null,
          createdBy: ownerId,
          revision: 1,
          createdAt: at,
          updatedAt: at,
        };
        rows.changeIndex.set(cid, rows.changes.push(change) - 1);
        changeDrafts.set(cid, changeDraft);
        // copyAttachmentsToChange: rows copied in the database, keeping the original's seal.
        const copies = (files.get(versionChange.get(baseVersion) ?? null) ?? []).map((a) => ({
          ...a,
          id: r.uuid(),
          changeId: cid,
          sealedId: a.sealedId ?? a.id,
        }));
        files.set(cid, copies);
        rows.addAudit(at, 'change.create', ownerId, 'change', cid, {
          filingId: id,
          baseVersion,
          changeDate: step.changeDate,
          deadline: deadline.due,
          late,
        });
        break;
      }
      case 'changeSave': {
        // saveChange
        const c = change as ChangeRow;
        const before = changeDraft;
        changeDraft = filingDraftSchema.parse(changedForm(r, changeDraft).form);
        changeDrafts.set(c.id, changeDraft);
        const deadline = changeDeadline(env.cal, c.changeDate);
        const filedOn = c.submittedAt ? toChinaDate(c.submittedAt) : today;
        rows.addAudit(at, 'change.save', ownerId, 'change', c.id, {
          filingId: id,
          fields: changedSections(before, changeDraft),
          changeDate: c.changeDate,
        });
        change = replaceChange(rows, {
          ...c,
          ...unsealed(changeDraft),
          changeDeadline: deadline.due,
          deadlineProvisional: deadline.provisional,
          late: isChangeLate(deadline.due, filedOn),
          revision: c.revision + 1,
          updatedAt: at,
        });
        break;
      }
      case 'changeSubmit': {
        // submitChange
        const c = change as ChangeRow;
        assertComplete(changeDraft, files.get(c.id) ?? [], today, plan);
        const due = addWorkingDays(env.cal, today, REVIEW_WORKING_DAYS);
        const submittedAt = c.submittedAt ?? at;
        const late = isChangeLate(c.changeDeadline, toChinaDate(submittedAt));
        const to = changeMachine.next(c.status, 'submit');
        rows.addAudit(at, 'change.submit', ownerId, 'change', c.id, {
          filingId: id,
          from: c.status,
          to,
          dueDate: due.due,
          provisional: due.provisional,
          late,
        });
        change = replaceChange(rows, {
          ...c,
          ...unsealed(changeDraft),
          status: to,
          submittedAt,
          receivedDate: today,
          dueDate: due.due,
          dueProvisional: due.provisional,
          late,
          revision: c.revision + 1,
          updatedAt: at,
        });
        break;
      }
      case 'changeCorrection': {
        // requestChangeCorrection
        const c = change as ChangeRow;
        const items = corrections();
        const overdue = !!c.dueDate && today > c.dueDate;
        const to = changeMachine.next(c.status, 'requestCorrection');
        rows.decisions.push({
          id: r.uuid(),
          filingId: id,
          changeId: c.id,
          reviewerId,
          kind: 'correction',
          summary,
          items,
          dueDate: c.dueDate,
          overdue,
          createdAt: at,
        });
        rows.addAudit(at, 'change.correction_requested', reviewerId, 'change', c.id, {
          filingId: id,
          from: c.status,
          to,
          fields: items.map((i) => i.field),
          overdue,
        });
        tell(at, 'change_correction_requested', notices.correction(true, { summary, items }));
        change = replaceChange(rows, { ...c, status: to, revision: c.revision + 1, updatedAt: at });
        break;
      }
      case 'changeApprove': {
        // approveChange
        const c = change as ChangeRow;
        const overdue = !!c.dueDate && today > c.dueDate;
        const v = (row.recordVersion ?? 1) + 1;
        const before = draft;
        const beforeFiles = currentFiles();
        const afterFiles = [...(files.get(c.id) ?? [])].sort(byCreated);
        const diff = diffForms(before, changeDraft, { before: beforeFiles, after: afterFiles });
        const previous = (row.publicRecord ?? {}) as Partial<PublicRecord>;
        const number = row.filingNumber ?? '';
        const publicRecord = buildPublicRecord(changeDraft, {
          filingNumber: number,
          filingDate: previous.filingDate ?? today,
          lastChangeDate: today,
          status: 'valid',
        });
        draft = changeDraft;
        row = {
          ...row,
          ...unsealed(draft),
          recordVersion: v,
          lastChangeDate: today,
          version: row.version + 1,
          updatedAt: at,
          publicRecord,
        };
        version(v, c.id, draft, publicRecord, at);
        const to = changeMachine.next(c.status, 'approve');
        change = replaceChange(rows, {
          ...c,
          status: to,
          approvedAt: at,
          appliedVersion: v,
          revision: c.revision + 1,
          updatedAt: at,
        });
        rows.publicEvents.push({
          type: 'filing.changed',
          filingId: id,
          filingNumber: number,
          at,
          record: publicRecord,
        });
        rows.decisions.push({
          id: r.uuid(),
          filingId: id,
          changeId: c.id,
          reviewerId,
          kind: 'approve',
          dueDate: c.dueDate,
          overdue,
          createdAt: at,
        });
        const fields = diff.map((d) => d.field);
        rows.addAudit(at, 'change.approve', reviewerId, 'change', c.id, {
          filingId: id,
          from: c.status,
          to,
          version: v,
          fields,
          overdue,
        });
        partners(at, 'filing.changed', {
          event: 'filing.changed',
          occurredAt: at.toISOString(),
          version: v,
          changeDate: c.changeDate,
          changedFields: fields,
          ...presentPartnerFiling(row, draft, afterFiles.map(meta)),
        });
        tell(at, 'change_approved', notices.changeApproved({ name: draft.platform?.name ?? '', number, version: v }));
        break;
      }
      case 'changeCancel': {
        // cancelChange
        const c = change as ChangeRow;
        const to = changeMachine.next(c.status, 'cancel');
        rows.addAudit(at, 'change.cancel', ownerId, 'change', c.id, {
          filingId: id,
          from: c.status,
          to,
          reason: '申请人取消',
        });
        change = replaceChange(rows, {
          ...c,
          status: to,
          cancelledAt: at,
          cancelReason: '申请人取消',
          revision: c.revision + 1,
          updatedAt: at,
        });
        break;
      }
      case 'deregister': {
        // deregisterFiling (today or earlier) → applyDeregistration
        const did = r.uuid();
        const reason = r.pick(DEREGISTRATION_REASONS);
        const late = step.terminationDate < today;
        rows.deregistrations.push({
          id: did,
          filingId: id,
          terminationDate: step.terminationDate,
          reason,
          requestedBy: ownerId,
          requestedAt: at,
          status: 'done',
          late,
          carriedOutAt: at,
        });
        const from = row.status;
        const record = { ...(row.publicRecord as PublicRecord), status: 'deregistered' as const };
        row = {
          ...row,
          status: filingMachine.next(row.status, 'deregister'),
          deregisteredAt: at,
          version: row.version + 1,
          updatedAt: at,
          publicRecord: record,
        };
        rows.publicEvents.push({
          type: 'filing.deregistered',
          filingId: id,
          filingNumber: row.filingNumber ?? '',
          at,
          record,
        });
        const cancelled = cancelOpenChange(at, '备案已注销', ownerId);
        if (cancelled) replaceChange(rows, cancelled);
        rows.addAudit(at, 'filing.deregister', ownerId, 'filing', id, {
          from,
          to: row.status,
          deregistrationId: did,
          terminationDate: step.terminationDate,
          late,
        });
        partners(at, 'filing.deregistered', {
          event: 'filing.deregistered',
          occurredAt: at.toISOString(),
          terminationDate: step.terminationDate,
          reason,
          ...presentPartnerFiling(row, draft, currentFiles().map(meta)),
        });
        tell(
          at,
          'deregistered',
          notices.deregistered({
            name: draft.platform?.name ?? '',
            number: row.filingNumber ?? '',
            date: step.terminationDate,
            changeCancelled: !!cancelled,
          }),
        );
        break;
      }
      case 'scheduleDeregistration': {
        // deregisterFiling (a future date)
        const did = r.uuid();
        const jobId = r.uuid();
        const runAt = chinaMidnight(step.terminationDate);
        rows.jobs.push({
          id: jobId,
          name: DEREGISTRATION_JOB,
          key: did,
          runAt,
          payload: { deregistrationId: did },
          maxAttempts: 10,
          createdAt: at,
        });
        rows.deregistrations.push({
          id: did,
          filingId: id,
          terminationDate: step.terminationDate,
          reason: r.pick(DEREGISTRATION_REASONS),
          requestedBy: ownerId,
          requestedAt: at,
          status: 'scheduled',
          late: false,
          scheduledFor: runAt,
          jobId,
        });
        rows.addAudit(at, 'filing.deregistration_scheduled', ownerId, 'filing', id, {
          deregistrationId: did,
          terminationDate: step.terminationDate,
          runAt: runAt.toISOString(),
        });
        tell(
          at,
          'deregistration_scheduled',
          notices.deregistrationScheduled({
            name: draft.platform?.name ?? '',
            number: row.filingNumber ?? '',
            date: step.terminationDate,
          }),
        );
        break;
      }
      case 'revoke': {
        // revokeFiling (no scheduled deregistration in the demo plans)
        const reason = r.pick(REVOCATION_REASONS);
        const from = row.status;
        const record = { ...(row.publicRecord as PublicRecord), status: 'revoked' as const };
        row = {
          ...row,
          status: filingMachine.next(row.status, 'revoke'),
          revokedAt: at,
          revokedBy: adminId,
          revocationReason: reason,
          revocationComplaintId: null,
          version: row.version + 1,
          updatedAt: at,
          publicRecord: record,
        };
        rows.publicEvents.push({
          type: 'filing.revoked',
          filingId: id,
          filingNumber: row.filingNumber ?? '',
          at,
          record,
        });
        const cancelled = cancelOpenChange(at, '备案已撤销', adminId);
        if (cancelled) replaceChange(rows, cancelled);
        rows.addAudit(at, 'filing.revoke', adminId, 'filing', id, { from, to: row.status, reason, complaintId: null });
        partners(at, 'filing.revoked', {
          event: 'filing.revoked',
          occurredAt: at.toISOString(),
          reason,
          complaintId: null,
          ...presentPartnerFiling(row, draft, currentFiles().map(meta)),
        });
        tell(
          at,
          'revoked',
          notices.revoked({ name: draft.platform?.name ?? '', number: row.filingNumber ?? '', reason }),
        );
        break;
      }
    }
  }
  // Sealed once, as the last command left them: the intermediate seals would be overwritten anyway.
  rows.filings.push({ ...row, ...sealDraft(env.cipher, id, draft) });
  for (const [cid, form] of changeDrafts)
    replaceChange(rows, {
      ...(rows.changes[rows.changeIndex.get(cid) ?? -1] as ChangeRow),
      ...sealChangeDraft(env.cipher, cid, form),
    });
  for (const list of files.values()) rows.attachments.push(...list);
  return row;

  function version(v: number, changeId: string | null, form: FilingDraft, publicRecord: PublicRecord, at: Date) {
    const { data, personalEnc } = splitSealed(env.cipher, id, v, form);
    versionChange.set(v, changeId);
    rows.versions.push({
      id: r.uuid(),
      filingId: id,
      version: v,
      data,
      personalEnc,
      publicRecord,
      changeId,
      approvedBy: reviewerId,
      approvedAt: at,
    });
  }
}

/** The open part of a form; the personal part is sealed once at the end (see buildFiling). */
function unsealed(form: FilingDraft) {
  return { data: splitPersonal(form).open, personalEnc: '', platformName: form.platform?.name ?? null };
}

/** insertVersion's sealing: the personal part bound to the filing and the version number. */
function splitSealed(cipher: FieldCipher, filingId: string, v: number, form: FilingDraft) {
  const { open, personal } = splitPersonal(form);
  return { data: open, personalEnc: cipher.sealJson(personal, versionAad(filingId, v)) };
}

function replaceChange(rows: DemoRows, next: ChangeRow): ChangeRow {
  const i = rows.changeIndex.get(next.id);
  if (i !== undefined) rows.changes[i] = next;
  return next;
}

function submitDay(plan: FilingPlan): string | undefined {
  const s = plan.steps.find((x: Step) => x.kind === 'submit');
  return s ? chinaToday(s.at) : undefined;
}

function assertComplete(draft: FilingDraft, files: AttachmentRow[], today: string, plan: FilingPlan) {
  const errors = checkFiling(draft, { attachmentKinds: files.map((f) => f.kind), today });
  if (errors.length) {
    throw new Error(`demo filing #${plan.index} would be refused at submit: ${errors.map((e) => e.field).join(', ')}`);
  }
}
