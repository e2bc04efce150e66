/**
 * The homepage monitor's timed work (SPEC §10, Article 5): `monitor.daily` runs at 00:05 China time and schedules one
 * `monitor.check` per valid filing, spread over the day (setting `monitor.spreadHours`) at a stable offset per filing
 * (so a filing is checked at about the same time each day and hosts are not hit together); admins' "check all"
 * schedules the same jobs from now; a `number_not_shown` complaint about a valid filing schedules one check linked to
 * it. One pending check per filing and day (job key), so a re-run adds nothing.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { chinaToday } from '../../shared/calendar/dates.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/client.js';
import { filings, scheduledJobs } from '../db/schema.js';
import { HOMEPAGE_CHECK_TRIGGERS } from '../db/tables/monitor.js';
import { AppError } from '../lib/errors.js';
import { runHomepageCheck } from '../monitor/runCheck.js';
import { defineJob, scheduleJob } from './scheduler.js';

export const MONITOR_CHECK_JOB = 'monitor.check';
export const MONITOR_DAILY_JOB = 'monitor.daily';

const checkPayload = z.object({
  filingId: z.uuid(),
  trigger: z.enum(HOMEPAGE_CHECK_TRIGGERS),
  complaintId: z.uuid().optional(),
});
type CheckPayload = z.infer<typeof checkPayload>;

/** A stable fraction in [0, 1) per filing: its place in the day's spread. */
export function spreadFraction(filingId: string): number {
  return createHash('sm3').update(filingId).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Schedules a check of every valid filing: from `start`, over `spreadMs` (0: all due at `start`). Returns how many
 * were added (filings already pending for that key are left as they are).
 */
export async function scheduleChecks(
  ctx: AppContext,
  opts: { start: Date; spreadMs: number; trigger: CheckPayload['trigger']; keyPrefix: string },
): Promise<number> {
  const ids = await ctx.db.select({ id: filings.id }).from(filings).where(eq(filings.status, 'approved'));
  let added = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = ids.slice(i, i + 1000).map(({ id }) => ({
      name: MONITOR_CHECK_JOB,
      key: `${opts.keyPrefix}:${id}`,
      runAt: new Date(opts.start.getTime() + Math.floor(spreadFraction(id) * opts.spreadMs)),
      payload: { filingId: id, trigger: opts.trigger } satisfies CheckPayload,
      maxAttempts: 3,
    }));
    const inserted = await ctx.db
      .insert(scheduledJobs)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: scheduledJobs.id });
    added += inserted.length;
  }
  return added;
}

/**
 * A `number_not_shown` complaint about a valid filing: a fresh check of its homepage, due now, linked to the
 * complaint (its evidence is what the handler verifies against). In the caller's transaction.
 */
export async function scheduleComplaintCheck(
  db: Executor,
  props: { complaintId: string; filingId: string; at: Date },
): Promise<void> {
  await scheduleJob(db, {
    name: MONITOR_CHECK_JOB,
    key: `complaint:${props.complaintId}`,
    runAt: props.at,
    payload: { filingId: props.filingId, trigger: 'complaint', complaintId: props.complaintId } satisfies CheckPayload,
    maxAttempts: 3,
  });
}

export const monitorCheckJob = defineJob<CheckPayload>({
  name: MONITOR_CHECK_JOB,
  leaseMs: 2 * 60_000,
  maxAttempts: 3,
  async run(ctx, job) {
    const { filingId, trigger, complaintId } = checkPayload.parse(job.payload);
    try {
      await runHomepageCheck(ctx, { filingId, trigger, complaintId: complaintId ?? null });
    } catch (err) {
      // Deregistered or revoked since it was scheduled: nothing to check.
      if (err instanceof AppError && err.code === 'not_monitored') return;
      throw err;
    }
  },
});

export const monitorDailyJob = defineJob<Record<string, never>>({
  name: MONITOR_DAILY_JOB,
  recurring: { cron: '5 0 * * *' },
  async run(ctx, job) {
    if (!(await ctx.settings.get('monitor.daily'))) return;
    const hours = await ctx.settings.get('monitor.spreadHours');
    await scheduleChecks(ctx, {
      start: job.runAt,
      spreadMs: hours * 3_600_000,
      trigger: 'schedule',
      keyPrefix: `daily:${chinaToday(job.runAt)}`,
    });
  },
});
