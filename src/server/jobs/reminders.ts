/**
 * Reminders (issue 15 item 6; Articles 5, 6, 9; SPEC §3): once a day, at 08:00 China time, on one instance.
 * - Reviewers (a filing's or change's review, 10 working days) and complaint handlers (the category's limit): when 2
 *   working days or fewer are left, and once overdue. The assignee, or everyone of the role when nobody is.
 * - Applicants: a correction notice (补正) still open, each week after it was sent; a change not yet filed (Art. 6):
 *   its 30-day duty when it is started, 7 days before the deadline and when it has passed.
 * - Staff: open deadlines that reach into a year without a schedule (provisional, SPEC §3), each week until it is
 *   entered: admins always, reviewers and handlers when such a deadline is theirs.
 * Each reminder is an in-app notification; each person gets at most one email a day listing that day's reminders.
 * `reminders_sent` holds a row per reminder and recipient and per daily digest: a second run, a retried job or a
 * second instance finds the keys taken and sends nothing again. The clock is `ctx.now()`.
 */
import { sql } from 'drizzle-orm';
import { chinaToday, daysBetween, workingDaysLeft } from '../../shared/calendar/index.js';
import { type NoticeKey, type NoticeMessage, notice } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import { applyMove, SUBJECT } from '../commands/saveCalendarYear.js';
import type { AppContext } from '../context.js';
import { type Executor, queryRows } from '../db/client.js';
import { notifications, remindersSent } from '../db/schema.js';
import { missingYears } from '../services/calendarCoverage.js';
import { noticeInChinese } from '../services/noticeText.js';
import { listOpenDeadlines, recount } from '../services/openDeadlines.js';
import { queueApplicantEmail, queueUserEmail } from '../services/outbox.js';
import { staffWithRole } from '../services/staffNotices.js';
import { defineJob } from './scheduler.js';

export const REMINDERS_JOB = 'reminders.daily';
/** "2 working days before a due date". */
export const DUE_SOON_WORKING_DAYS = 2;
/** Art. 6 duty: the reminder before the deadline, in calendar days. */
export const DUTY_SOON_DAYS = 7;
/** A correction notice still open is recalled every this many days. */
export const CORRECTION_EVERY_DAYS = 7;

export type ReminderStage =
  | 'due_soon'
  | 'overdue'
  | 'correction'
  | 'duty_open'
  | 'duty_soon'
  | 'duty_passed'
  | 'coverage';

export interface Reminder {
  userId: string;
  /** Unique per reminder and recipient. */
  key: string;
  stage: ReminderStage;
  /** What it says, in each language. */
  message: NoticeMessage;
  /** The filing an applicant's reminder is about (its notification links there; its email goes through it). */
  filingId: string | null;
  /** For the digest: the app path to open. */
  path: string;
}

export interface ReminderRunSummary {
  /** Notifications written (new reminders). */
  reminders: number;
  /** Digest emails queued. */
  digests: number;
}

const STAFF_PATH = { complaint: '/handling', review: '/review' } as const;

/** Every reminder due today, sent or not: what `sendReminders` keeps from them is what has not been sent yet. */
export async function collectReminders(ctx: AppContext, now: Date): Promise<Reminder[]> {
  const today = chinaToday(now);
  const cal = await ctx.calendar.get();
  const out: Reminder[] = [];
  const roleCache = new Map<string, string[]>();
  const withRole = async (role: 'reviewer' | 'complaints' | 'admin') => {
    let ids = roleCache.get(role);
    if (!ids) {
      ids = await staffWithRole(ctx.db, role);
      roleCache.set(role, ids);
    }
    return ids;
  };
  const provisionalFor = new Map<string, Set<number>>(); // staff id → years without a schedule in their work

  for (const d of await listOpenDeadlines(ctx.db)) {
    if (d.kind === 'change_deadline') {
      if (!d.ownerId || !d.filingId) continue;
      const left = daysBetween(today, d.due);
      const stage: ReminderStage = left < 0 ? 'duty_passed' : left <= DUTY_SOON_DAYS ? 'duty_soon' : 'duty_open';
      const due = { due: d.due, provisional: d.provisional };
      out.push({
        userId: d.ownerId,
        key: `${stage}:change:${d.id}:${d.due}`,
        stage,
        message: notice(`reminder_${stage}` as NoticeKey, { label: d.label, due, left }),
        filingId: d.filingId,
        path: `/filings/${d.filingId}`,
      });
      continue;
    }
    const isComplaint = d.kind === 'complaint';
    const recipients = d.assigneeId ? [d.assigneeId] : await withRole(isComplaint ? 'complaints' : 'reviewer');
    if (d.provisional) {
      for (const id of recipients) {
        const years = provisionalFor.get(id) ?? new Set<number>();
        for (let y = Number(d.from.slice(0, 4)); y <= Number(d.due.slice(0, 4)); y++) {
          if (!cal.years.has(y)) years.add(y);
        }
        provisionalFor.set(id, years);
      }
    }
    const left = workingDaysLeft(cal, today, d.due);
    const stage: ReminderStage | null =
      today > d.due ? 'overdue' : left.days <= DUE_SOON_WORKING_DAYS ? 'due_soon' : null;
    if (!stage) continue;
    const due = { due: d.due, provisional: d.provisional };
    const days = stage === 'overdue' ? -left.days : left.days;
    for (const userId of recipients) {
      out.push({
        userId,
        key: `${stage}:${d.kind}:${d.id}:${d.due}:${userId}`,
        stage,
        message: notice(`reminder_${stage}` as NoticeKey, { deadline: d.kind, label: d.label, due, days }),
        filingId: null,
        path: isComplaint ? STAFF_PATH.complaint : STAFF_PATH.review,
      });
    }
  }

  for (const c of await openCorrections(ctx.db)) {
    const age = daysBetween(toChina(c.noticed_at), today);
    const round = Math.floor(age / CORRECTION_EVERY_DAYS);
    if (round < 1) continue;
    out.push({
      userId: c.owner_id,
      key: `correction:${c.kind}:${c.id}:${c.decision_id}:${round}`,
      stage: 'correction',
      message: notice('reminder_correction', { label: c.label ?? '', subject: c.kind, age }),
      filingId: c.filing_id,
      path: c.kind === 'change' && c.change_id ? `/changes/${c.change_id}` : `/filings/${c.filing_id}`,
    });
  }

  const missing = await missingYears(ctx.db, cal);
  if (missing.length) {
    const week = Math.floor(daysBetween('2000-01-03', today) / 7); // weeks from a Monday: one warning a week
    const admins = await withRole('admin');
    for (const m of missing) {
      const concerned = new Set(admins);
      for (const [id, years] of provisionalFor) if (years.has(m.year)) concerned.add(id);
      for (const userId of concerned) {
        out.push({
          userId,
          key: `coverage:${m.year}:${week}:${userId}`,
          stage: 'coverage',
          message: notice('reminder_coverage', { year: m.year, deadlines: m.deadlines, earliest: m.earliest }),
          filingId: null,
          path: admins.includes(userId) ? '/admin/calendar' : STAFF_PATH.review,
        });
      }
    }
  }
  return out;
}

const toChina = (d: Date | string) => chinaToday(new Date(d));

interface CorrectionRow {
  kind: 'filing' | 'change';
  id: string;
  filing_id: string;
  change_id: string | null;
  owner_id: string;
  label: string | null;
  decision_id: string;
  noticed_at: Date | string;
}

/** Filings and changes sent back for correction and not resubmitted, with their latest notice. */
function openCorrections(db: Executor): Promise<CorrectionRow[]> {
  return queryRows<CorrectionRow>(
    db,
    sql`select 'filing' as kind, f.id, f.id as filing_id, null::uuid as change_id, f.owner_id, f.platform_name as label,
        d.id as decision_id, d.created_at as noticed_at
      from filings f join lateral (select id, created_at from review_decisions r
        where r.filing_id = f.id and r.change_id is null and r.kind = 'correction' order by created_at desc limit 1) d on true
      where f.status = 'correction_requested'
    union all
    select 'change', c.id, c.filing_id, c.id, f.owner_id, coalesce(c.platform_name, f.platform_name),
        d.id, d.created_at
      from filing_changes c join filings f on f.id = c.filing_id
      join lateral (select id, created_at from review_decisions r
        where r.change_id = c.id and r.kind = 'correction' order by created_at desc limit 1) d on true
      where c.status = 'correction_requested'`,
  );
}

/**
 * Sends what has not been sent: per person, in one transaction, the reminders whose keys are new become
 * notifications, and the first run of the day with something new queues the day's one digest email.
 */
export async function sendReminders(ctx: AppContext, reminders: Reminder[], now: Date): Promise<ReminderRunSummary> {
  const today = chinaToday(now);
  const byUser = new Map<string, Reminder[]>();
  for (const r of reminders) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const summary: ReminderRunSummary = { reminders: 0, digests: 0 };
  for (const [userId, list] of byUser) {
    await ctx.db.transaction(async (tx) => {
      const fresh: Reminder[] = [];
      for (const r of list) {
        const inserted = await tx
          .insert(remindersSent)
          .values({ key: r.key, userId, stage: r.stage, sentAt: now })
          .onConflictDoNothing()
          .returning({ key: remindersSent.key });
        if (inserted.length) fresh.push(r);
      }
      if (!fresh.length) return;
      await tx.insert(notifications).values(
        fresh.map((r) => ({
          userId,
          filingId: r.filingId,
          kind: `reminder.${r.stage}`,
          ...noticeInChinese(r.message),
          message: r.message,
          createdAt: now,
        })),
      );
      summary.reminders += fresh.length;
      const digest = await tx
        .insert(remindersSent)
        .values({ key: `digest:${userId}:${today}`, userId, stage: 'digest', sentAt: now })
        .onConflictDoNothing()
        .returning({ key: remindersSent.key });
      if (!digest.length) return; // today's digest went out already: the rest are in the app
      const base = ctx.config.publicBaseUrl;
      const lines = fresh.map((r) => {
        const { title, body } = noticeInChinese(r.message);
        return `· ${title}：${body}\n  ${base}${r.path}`;
      });
      const mail = {
        userId,
        subject: `【漏洞收集平台备案】${today} 提醒（${fresh.length} 项）`,
        text: [
          `以下事项需要您处理（${today}）：`,
          '',
          ...lines,
          '',
          '—— 漏洞收集平台备案管理系统（本邮件由系统自动发送）',
        ].join('\n'),
      };
      // An applicant's digest goes with one of its filings (the deliveries page shows it there); staff's stands alone.
      const filingId = fresh.find((r) => r.filingId)?.filingId;
      if (filingId && fresh.every((r) => r.filingId)) {
        await queueApplicantEmail(tx, ctx.cipher, filingId, mail, 'applicant.reminders');
      } else {
        await queueUserEmail(tx, ctx.cipher, mail, 'staff.reminders');
      }
      summary.digests += 1;
    });
  }
  return summary;
}

/**
 * Provisional deadlines whose years are all entered now: counted by an instance whose calendar copy was older than
 * the save (services/calendar.ts). Counted again and audited, as the save would have.
 */
export async function settleProvisional(ctx: AppContext, now: Date): Promise<number> {
  const today = chinaToday(now);
  const cal = await ctx.calendar.read(ctx.db);
  let settled = 0;
  for (const d of await listOpenDeadlines(ctx.db, { provisionalOnly: true })) {
    const after = recount(cal, d);
    if (after.provisional) continue;
    const move = {
      kind: d.kind,
      id: d.id,
      filingId: d.filingId,
      label: d.label,
      before: { due: d.due, provisional: true },
      after,
      deadline: d,
    };
    await ctx.db.transaction(async (tx) => {
      if (!(await applyMove(tx, move, today))) return;
      await appendAudit(tx, {
        action: 'deadline.recount',
        actorId: null,
        subjectType: SUBJECT[d.kind],
        subjectId: d.id,
        details: { kind: d.kind, year: Number(after.due.slice(0, 4)), before: move.before, after },
      });
      settled++;
    });
  }
  return settled;
}

export async function runReminders(ctx: AppContext): Promise<ReminderRunSummary> {
  const now = ctx.now();
  await settleProvisional(ctx, now);
  return sendReminders(ctx, await collectReminders(ctx, now), now);
}

export const remindersJob = defineJob<Record<string, never>>({
  name: REMINDERS_JOB,
  recurring: { cron: '0 8 * * *' },
  leaseMs: 10 * 60_000,
  async run(ctx) {
    await runReminders(ctx);
  },
});
