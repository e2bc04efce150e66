/**
 * An admin enters or imports a year of the working-day calendar (SPEC §3 "Deadlines", issue 15 item 2). In one
 * transaction, serialised with any other save: the year's days are replaced, every open deadline whose counting
 * touches the year is counted again with it (a provisional one becomes final, a replaced year's moves), each move is
 * audited, and the people concerned are told: the applicant of each filing or change (in-app and email), and per
 * staff member one message listing their moved reviews or complaints (the assignee, or the whole queue's staff when
 * nobody is assigned).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DeadlineKind } from '../../shared/api/calendar.js';
import { checkSchedule, chinaToday, type YearSchedule } from '../../shared/calendar/index.js';
import { isChangeLate } from '../../shared/filing/article6.js';
import { notices } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import type { SubjectType } from '../audit/events.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { calendarYears, complaints, filingChanges, filings } from '../db/schema.js';
import { unprocessable } from '../lib/errors.js';
import { tellApplicant } from '../services/applicantNotices.js';
import { type PlannedMove, planYear, presentMove } from '../services/calendarImpact.js';
import type { SessionUser } from '../services/sessions.js';
import { staffWithRole, tellStaff } from '../services/staffNotices.js';

/** One save at a time on every instance: each counts the deadlines with what the last one wrote. */
const CALENDAR_LOCK_KEY = '7526640437817198951';

export interface SaveCalendarYearProps {
  /** Null: the command line or the shipped data. */
  actor: Pick<SessionUser, 'id'> | null;
  schedule: YearSchedule;
  via: 'text' | 'json' | 'manual' | 'cli';
}

/** 422 naming the field when the schedule breaks a rule (shared/calendar/checkSchedule.ts). */
export function assertSchedule(schedule: YearSchedule, prefix = ''): void {
  const errors = checkSchedule(schedule).map((e) => ({ ...e, field: `${prefix}${e.field}` }));
  if (errors.length) throw unprocessable(`${schedule.year} 年日历有 ${errors.length} 处错误`, errors);
}

export const SUBJECT: Record<DeadlineKind, SubjectType> = {
  filing_review: 'filing',
  change_review: 'change',
  change_deadline: 'change',
  complaint: 'complaint',
};

const due = (d: { due: string; provisional: boolean }) => ({ due: d.due, provisional: d.provisional });

/** Writes a recounted deadline, unless the row moved on meanwhile (resubmitted, closed): true when written. */
export async function applyMove(tx: Tx, m: PlannedMove, today: string): Promise<boolean> {
  const d = m.deadline;
  const set = { due: m.after.due, provisional: m.after.provisional };
  let rows: unknown[] = [];
  if (d.kind === 'filing_review') {
    rows = await tx
      .update(filings)
      .set({ dueDate: set.due, dueProvisional: set.provisional })
      .where(and(eq(filings.id, d.id), eq(filings.status, 'submitted'), eq(filings.dueDate, d.due)))
      .returning({ id: filings.id });
  } else if (d.kind === 'change_review') {
    rows = await tx
      .update(filingChanges)
      .set({ dueDate: set.due, dueProvisional: set.provisional })
      .where(and(eq(filingChanges.id, d.id), eq(filingChanges.status, 'submitted'), eq(filingChanges.dueDate, d.due)))
      .returning({ id: filingChanges.id });
  } else if (d.kind === 'change_deadline') {
    rows = await tx
      .update(filingChanges)
      .set({ changeDeadline: set.due, deadlineProvisional: set.provisional, late: isChangeLate(set.due, today) })
      .where(and(eq(filingChanges.id, d.id), eq(filingChanges.changeDeadline, d.due)))
      .returning({ id: filingChanges.id });
  } else {
    rows = await tx
      .update(complaints)
      .set({ dueDate: set.due, dueProvisional: set.provisional })
      .where(and(eq(complaints.id, d.id), eq(complaints.dueDate, d.due)))
      .returning({ id: complaints.id });
  }
  return rows.length > 0;
}

export async function saveCalendarYear(ctx: AppContext, props: SaveCalendarYearProps) {
  const { schedule } = props;
  assertSchedule(schedule, 'schedule.');
  const today = chinaToday(ctx.now());
  const result = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CALENDAR_LOCK_KEY}::bigint)`);
    const current = await ctx.calendar.read(tx);
    const [existing] = await tx
      .select({ year: calendarYears.year })
      .from(calendarYears)
      .where(eq(calendarYears.year, schedule.year));
    const planned = await planYear(tx, current, schedule);
    const applied: PlannedMove[] = [];
    for (const m of planned) if (await applyMove(tx, m, today)) applied.push(m);
    await ctx.calendar.importYear(tx, schedule, props.actor?.id ?? null, {
      replaced: !!existing,
      moved: applied.length,
      via: props.via,
    });
    for (const m of applied) {
      await appendAudit(tx, {
        action: 'deadline.recount',
        actorId: props.actor?.id ?? null,
        subjectType: SUBJECT[m.kind],
        subjectId: m.id,
        details: { kind: m.kind, year: schedule.year, before: m.before, after: m.after },
      });
    }
    const notified = await tellConcerned(ctx, tx, schedule.year, applied);
    return { year: schedule.year, moves: applied.map(presentMove), notified };
  });
  // After the commit too: a read between importYear's invalidation and the commit may have cached the old year.
  ctx.calendar.invalidate();
  return result;
}

async function tellConcerned(ctx: AppContext, tx: Tx, year: number, moves: PlannedMove[]): Promise<number> {
  const told = new Set<string>();
  for (const m of moves) {
    const d = m.deadline;
    if (!d.filingId || !d.ownerId) continue;
    await tellApplicant(
      ctx,
      tx,
      { id: d.filingId, ownerId: d.ownerId },
      {
        kind: 'deadline_recounted',
        message: notices.deadlineRecounted({
          deadline: d.kind,
          label: d.label,
          before: due(m.before),
          after: due(m.after),
          year,
        }),
      },
    );
    told.add(d.ownerId);
  }
  const perStaff = new Map<string, PlannedMove[]>();
  const queue = { reviewer: null as string[] | null, complaints: null as string[] | null };
  for (const m of moves) {
    if (m.kind === 'change_deadline') continue; // the applicant's own duty
    const role = m.kind === 'complaint' ? 'complaints' : 'reviewer';
    let who: string[];
    if (m.deadline.assigneeId) who = [m.deadline.assigneeId];
    else who = queue[role] ??= await staffWithRole(tx, role);
    for (const id of who) perStaff.set(id, [...(perStaff.get(id) ?? []), m]);
  }
  for (const [userId, list] of perStaff) {
    const moves = list.map((m) => ({ deadline: m.kind, label: m.label, before: due(m.before), after: due(m.after) }));
    await tellStaff(ctx, tx, userId, {
      kind: 'deadline_recounted',
      message: notices.deadlineRecountedStaff({ year, count: list.length, moves }),
      path: list.every((m) => m.kind === 'complaint') ? '/handling' : '/review',
    });
    told.add(userId);
  }
  return told.size;
}
