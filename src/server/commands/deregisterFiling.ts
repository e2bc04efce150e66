/**
 * Article 7 (SPEC §5 POST /api/filings/:id/deregistration, §8): the applicant gives the termination date. Today or a
 * past date: the filing is deregistered at once (past: `late`). A future date: scheduled, and carried out by the
 * scheduler at 00:00 China time that day (jobs/deregistrationJob.ts). Deregistration cancels an open change, makes
 * the public status 已注销, tells the partners (`filing.deregistered`) and the applicant; the number is never reissued.
 */
import { and, eq } from 'drizzle-orm';
import { chinaToday } from '../../shared/calendar/index.js';
import { deregistrationMachine, filingMachine } from '../../shared/filing/lifecycle.js';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import { notices } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import type { Executor, Tx } from '../db/client.js';
import { deregistrations, filings } from '../db/schema.js';
import { scheduleJob } from '../jobs/scheduler.js';
import { notFound } from '../lib/errors.js';
import { authorizeFiling, deregistrationAlreadyScheduled } from '../policies/filing.js';
import { presentPartnerFiling } from '../presenters/partnerFiling.js';
import { tellApplicant } from '../services/applicantNotices.js';
import { type FilingRow, listAttachmentMeta, loadFiling, openDraft } from '../services/filingRecords.js';
import { queuePartnerEvent } from '../services/outbox.js';
import { recordPublicEvent } from '../services/publicEvents.js';
import type { SessionUser } from '../services/sessions.js';
import { cancelOpenChange } from './cancelChange.js';

export type DeregistrationRow = typeof deregistrations.$inferSelect;

export const DEREGISTRATION_JOB = 'filing.deregister';

/** 00:00 China time (UTC+8, no daylight saving) of a China date. */
export const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

export interface DeregisterProps {
  user: SessionUser;
  filingId: string;
  terminationDate: string;
  reason?: string | undefined;
}

export async function deregisterFiling(ctx: AppContext, props: DeregisterProps): Promise<DeregistrationRow> {
  const now = ctx.now();
  const today = chinaToday(now);
  const future = props.terminationDate > today;
  return ctx.db.transaction(async (tx) => {
    const filing = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeFiling(props.user, future ? 'scheduleDeregistration' : 'deregister', filing);
    if (await scheduledDeregistration(tx, filing.id)) throw deregistrationAlreadyScheduled();
    const id = crypto.randomUUID();
    const base = {
      id,
      filingId: filing.id,
      terminationDate: props.terminationDate,
      reason: props.reason || null,
      requestedBy: props.user.id,
      requestedAt: now,
    };
    if (future) {
      const runAt = chinaMidnight(props.terminationDate);
      const jobId = await scheduleJob(tx, {
        name: DEREGISTRATION_JOB,
        runAt,
        key: id,
        payload: { deregistrationId: id },
      });
      const [row] = await tx
        .insert(deregistrations)
        .values({ ...base, status: 'scheduled', late: false, scheduledFor: runAt, jobId })
        .returning();
      await appendAudit(tx, {
        action: 'filing.deregistration_scheduled',
        actorId: props.user.id,
        subjectType: 'filing',
        subjectId: filing.id,
        details: { deregistrationId: id, terminationDate: props.terminationDate, runAt: runAt.toISOString() },
      });
      const name = openDraft(ctx.cipher, filing).platform?.name ?? '';
      await tellApplicant(ctx, tx, filing, {
        kind: 'deregistration_scheduled',
        message: notices.deregistrationScheduled({
          name,
          number: filing.filingNumber ?? '',
          date: props.terminationDate,
        }),
      });
      return row as DeregistrationRow;
    }
    const [row] = await tx
      .insert(deregistrations)
      .values({ ...base, status: 'done', late: props.terminationDate < today, carriedOutAt: now })
      .returning();
    await applyDeregistration(ctx, tx, filing, row as DeregistrationRow, props.user.id);
    return row as DeregistrationRow;
  });
}

/** The filing's scheduled deregistration, if any. */
export async function scheduledDeregistration(db: Executor, filingId: string): Promise<DeregistrationRow | null> {
  const [row] = await db
    .select()
    .from(deregistrations)
    .where(and(eq(deregistrations.filingId, filingId), eq(deregistrations.status, 'scheduled')));
  return row ?? null;
}

/**
 * The scheduled deregistration is due (the scheduler's job, role `system`): carried out under the filing's lock if it
 * is still scheduled and the filing still valid; otherwise nothing happens, so a second run changes nothing.
 */
export async function carryOutDeregistration(ctx: AppContext, deregistrationId: string): Promise<'done' | 'skipped'> {
  return ctx.db.transaction(async (tx) => {
    const [first] = await tx.select().from(deregistrations).where(eq(deregistrations.id, deregistrationId));
    if (!first) throw notFound('未找到该注销申请');
    const filing = await loadFiling(tx, first.filingId, { forUpdate: true });
    const [dereg] = await tx
      .select()
      .from(deregistrations)
      .where(eq(deregistrations.id, deregistrationId))
      .for('update');
    if (!dereg || !deregistrationMachine.can(dereg.status, 'carryOut', ['system'])) return 'skipped';
    const now = ctx.now();
    if (!filingMachine.can(filing.status, 'deregister', ['system'])) {
      await tx
        .update(deregistrations)
        .set({
          status: deregistrationMachine.next(dereg.status, 'cancel'),
          cancelledAt: now,
          cancelReason: '备案已不在有效状态',
        })
        .where(eq(deregistrations.id, dereg.id));
      return 'skipped';
    }
    const [done] = await tx
      .update(deregistrations)
      .set({ status: deregistrationMachine.next(dereg.status, 'carryOut'), carriedOutAt: now })
      .where(eq(deregistrations.id, dereg.id))
      .returning();
    await applyDeregistration(ctx, tx, filing, done as DeregistrationRow, null);
    return 'done';
  });
}

/** The filing becomes deregistered: public record, open change, partners, applicant, audit. The filing is locked. */
async function applyDeregistration(
  ctx: AppContext,
  tx: Tx,
  filing: FilingRow,
  dereg: DeregistrationRow,
  actorId: string | null,
): Promise<void> {
  const now = ctx.now();
  const to = filingMachine.next(filing.status, 'deregister');
  const record = { ...(filing.publicRecord as PublicRecord), status: 'deregistered' as const };
  const [updated] = await tx
    .update(filings)
    .set({ status: to, deregisteredAt: now, version: filing.version + 1, updatedAt: now })
    .where(eq(filings.id, filing.id))
    .returning();
  const row = { ...(updated as FilingRow), publicRecord: record };
  await recordPublicEvent(tx, {
    type: 'filing.deregistered',
    filingId: filing.id,
    filingNumber: filing.filingNumber ?? '',
    at: now,
    record,
  });
  const cancelled = await cancelOpenChange(ctx, tx, filing.id, '备案已注销', actorId);
  await appendAudit(tx, {
    action: 'filing.deregister',
    actorId,
    subjectType: 'filing',
    subjectId: filing.id,
    details: {
      from: filing.status,
      to,
      deregistrationId: dereg.id,
      terminationDate: dereg.terminationDate,
      late: dereg.late,
    },
  });
  const draft = openDraft(ctx.cipher, filing);
  await queuePartnerEvent(tx, ctx.cipher, {
    type: 'filing.deregistered',
    filingId: filing.id,
    payload: {
      event: 'filing.deregistered',
      occurredAt: now.toISOString(),
      terminationDate: dereg.terminationDate,
      reason: dereg.reason,
      ...presentPartnerFiling(row, draft, await listAttachmentMeta(tx, filing.id)),
    },
  });
  await tellApplicant(ctx, tx, filing, {
    kind: 'deregistered',
    message: notices.deregistered({
      name: draft.platform?.name ?? '',
      number: filing.filingNumber ?? '',
      date: dereg.terminationDate,
      changeCancelled: !!cancelled,
    }),
  });
}
