/**
 * Timed background jobs (SPEC §8 scheduled deregistrations, §10 homepage checks, §15 reminders; §12 several
 * instances): a named job with a run-at time and a payload, or a recurring one with a cron expression. Jobs live in
 * `scheduled_jobs`, so they survive restarts; a run claims due jobs under a lease with SKIP LOCKED, so each runs on
 * one instance; an instance that dies mid-job leaves the lease to run out and the job runs again (at least once:
 * handlers are idempotent). "Due" is judged by the context's clock, `ctx.now()`, so tests move time instead of
 * waiting. Enqueue with `scheduleJob(tx, …)` inside the transaction of the event that asks for it.
 */
import { Cron } from 'croner';
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/client.js';
import { scheduledJobs } from '../db/schema.js';
import { errorDetail } from './detail.js';

export type JobRow = typeof scheduledJobs.$inferSelect;

export interface JobRun<P> {
  id: string;
  name: string;
  key: string | null;
  payload: P;
  runAt: Date;
  /** 1 on the first try. */
  attempt: number;
}

export interface JobDefinition<P = Record<string, unknown>> {
  /** Unique, e.g. `filing.deregister`, `monitor.daily`, `reminders.digest`. */
  name: string;
  /** Does the work; throwing retries it with backoff. Must be idempotent: a job whose lease ran out runs again. */
  run(ctx: AppContext, job: JobRun<P>): Promise<void>;
  /** How long a claim lasts before another instance may take the job again (default 5 minutes). */
  leaseMs?: number;
  /** Tries before the job is `failed` (default 10). */
  maxAttempts?: number;
  /** A recurring job: a cron expression (5 or 6 fields) in `timezone` (default Asia/Shanghai). */
  recurring?: { cron: string; timezone?: string; payload?: P };
}

export const CHINA_TZ = 'Asia/Shanghai';
const RECURRING_KEY = 'recurring';
const DEFAULT_LEASE_MS = 5 * 60_000;

// biome-ignore lint/suspicious/noExplicitAny: a list of definitions with different payload types
export type AnyJobDefinition = JobDefinition<any>;

/** Defines a job with a typed payload (helps inference at the definition site). */
export const defineJob = <P>(def: JobDefinition<P>): JobDefinition<P> => def;

/**
 * Schedules a one-off job. With a `key`, at most one pending job per (name, key) exists: a second call with the
 * same key leaves the first and returns null.
 */
export async function scheduleJob(
  db: Executor,
  job: { name: string; runAt: Date; payload?: Record<string, unknown>; key?: string; maxAttempts?: number },
): Promise<string | null> {
  const [row] = await db
    .insert(scheduledJobs)
    .values({
      name: job.name,
      key: job.key ?? null,
      runAt: job.runAt,
      payload: job.payload ?? {},
      maxAttempts: job.maxAttempts ?? 10,
    })
    .onConflictDoNothing()
    .returning({ id: scheduledJobs.id });
  return row?.id ?? null;
}

/** Cancels a job that has not started; true when one was cancelled. */
export async function cancelJob(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .update(scheduledJobs)
    .set({ status: 'cancelled', finishedAt: sql`now()` })
    .where(and(eq(scheduledJobs.id, id), eq(scheduledJobs.status, 'pending')))
    .returning({ id: scheduledJobs.id });
  return rows.length > 0;
}

/** The next time a cron expression fires after `after`. */
export function nextOccurrence(cron: string, timezone: string, after: Date): Date {
  const next = new Cron(cron, { timezone, paused: true }).nextRun(after);
  if (!next) throw new Error(`cron "${cron}" has no next run`);
  return next;
}

export const backoffMs = (attempt: number) => Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);

export interface SchedulerRunSummary {
  claimed: number;
  done: number;
  retrying: number;
  failed: number;
}

export interface SchedulerOptions {
  log?: FastifyBaseLogger;
  /** Pause between runs; default config.schedulerPollMs. */
  pollMs?: number;
  batchSize?: number;
}

export class Scheduler {
  private readonly defs = new Map<string, AnyJobDefinition>();
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    definitions: readonly AnyJobDefinition[],
    private readonly opts: SchedulerOptions = {},
  ) {
    for (const d of definitions) {
      if (this.defs.has(d.name)) throw new Error(`job ${d.name} defined twice`);
      if (d.recurring) nextOccurrence(d.recurring.cron, d.recurring.timezone ?? CHINA_TZ, new Date()); // validates
      this.defs.set(d.name, d);
    }
  }

  /** Makes sure each recurring job has its one pending occurrence, following a changed cron expression. */
  async ensureRecurring(): Promise<void> {
    const now = this.ctx.now();
    for (const d of this.defs.values()) {
      if (!d.recurring) continue;
      const tz = d.recurring.timezone ?? CHINA_TZ;
      const runAt = nextOccurrence(d.recurring.cron, tz, now);
      await this.ctx.db
        .update(scheduledJobs)
        .set({ cron: d.recurring.cron, timezone: tz, runAt })
        .where(
          and(
            eq(scheduledJobs.name, d.name),
            eq(scheduledJobs.key, RECURRING_KEY),
            eq(scheduledJobs.status, 'pending'),
            sql`(${scheduledJobs.cron} is distinct from ${d.recurring.cron} or ${scheduledJobs.timezone} is distinct from ${tz})`,
          ),
        );
      await this.ctx.db
        .insert(scheduledJobs)
        .values({
          name: d.name,
          key: RECURRING_KEY,
          runAt,
          payload: d.recurring.payload ?? {},
          cron: d.recurring.cron,
          timezone: tz,
          maxAttempts: d.maxAttempts ?? 10,
        })
        .onConflictDoNothing();
    }
  }

  /** Claims and runs what is due at `ctx.now()`, one batch. */
  async runDue(): Promise<SchedulerRunSummary> {
    const summary: SchedulerRunSummary = { claimed: 0, done: 0, retrying: 0, failed: 0 };
    const claimed = await this.claim();
    summary.claimed = claimed.length;
    for (const { row, token } of claimed) {
      const outcome = await this.execute(row, token);
      summary[outcome]++;
    }
    return summary;
  }

  private async claim(): Promise<{ row: JobRow; token: string }[]> {
    const names = [...this.defs.keys()];
    if (!names.length) return [];
    const now = this.ctx.now();
    return this.ctx.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(scheduledJobs)
        .where(
          and(
            inArray(scheduledJobs.name, names),
            or(
              and(eq(scheduledJobs.status, 'pending'), lte(scheduledJobs.runAt, now)),
              and(eq(scheduledJobs.status, 'running'), lt(scheduledJobs.lockedUntil, now)),
            ),
          ),
        )
        .orderBy(asc(scheduledJobs.runAt))
        .limit(this.opts.batchSize ?? 20)
        .for('update', { skipLocked: true });
      const out: { row: JobRow; token: string }[] = [];
      for (const job of due) {
        const token = crypto.randomUUID();
        const lease = this.defs.get(job.name)?.leaseMs ?? DEFAULT_LEASE_MS;
        const [row] = await tx
          .update(scheduledJobs)
          .set({
            status: 'running',
            lockToken: token,
            lockedUntil: new Date(now.getTime() + lease),
            attempts: job.attempts + 1,
          })
          .where(eq(scheduledJobs.id, job.id))
          .returning();
        if (row) out.push({ row, token });
      }
      return out;
    });
  }

  private async execute(row: JobRow, token: string): Promise<'done' | 'retrying' | 'failed'> {
    const def = this.defs.get(row.name) as AnyJobDefinition;
    const log = this.opts.log?.child({ job: row.name, jobId: row.id, attempt: row.attempts });
    let error: string | null = null;
    try {
      await def.run(this.ctx, {
        id: row.id,
        name: row.name,
        key: row.key,
        payload: row.payload,
        runAt: row.runAt,
        attempt: row.attempts,
      });
    } catch (err) {
      error = errorDetail(err);
    }
    const now = this.ctx.now();
    const outcome = error === null ? 'done' : row.attempts >= row.maxAttempts ? 'failed' : 'retrying';
    await this.ctx.db.transaction(async (tx) => {
      const mine = and(eq(scheduledJobs.id, row.id), eq(scheduledJobs.lockToken, token));
      const updated = await tx
        .update(scheduledJobs)
        .set(
          outcome === 'retrying'
            ? {
                status: 'pending',
                runAt: new Date(now.getTime() + backoffMs(row.attempts)),
                lastError: error,
                lockToken: null,
              }
            : { status: outcome, finishedAt: now, lastError: error, lockToken: null },
        )
        .where(mine)
        .returning({ id: scheduledJobs.id });
      // Another instance took the job after our lease ran out: its run records the outcome.
      if (!updated.length || outcome === 'retrying' || !row.cron) return;
      const tz = row.timezone ?? CHINA_TZ;
      const after = new Date(Math.max(now.getTime(), row.runAt.getTime()));
      await tx
        .insert(scheduledJobs)
        .values({
          name: row.name,
          key: row.key,
          runAt: nextOccurrence(row.cron, tz, after),
          payload: row.payload as Record<string, unknown>,
          cron: row.cron,
          timezone: tz,
          maxAttempts: row.maxAttempts,
        })
        .onConflictDoNothing();
    });
    if (error === null) log?.info('job done');
    else log?.warn({ error, outcome }, 'job failed');
    return outcome;
  }

  /** Runs until stop(): again at once after a full batch, otherwise after the poll interval. */
  start(): void {
    const pollMs = this.opts.pollMs ?? this.ctx.config.schedulerPollMs;
    const tick = async () => {
      this.timer = null;
      let more = false;
      const run = this.ensureRecurringOnce()
        .then(() => this.runDue())
        .then(
          (s) => {
            more = s.claimed >= (this.opts.batchSize ?? 20);
          },
          (err) => this.opts.log?.error({ error: errorDetail(err) }, 'scheduler run failed'),
        );
      this.current = run;
      await run;
      this.current = null;
      if (!this.stopped) {
        this.timer = setTimeout(() => void tick(), more ? 0 : pollMs);
        this.timer.unref();
      }
    };
    this.timer = setTimeout(() => void tick(), 0);
    this.timer.unref();
  }

  private recurringEnsured = false;
  private async ensureRecurringOnce() {
    if (this.recurringEnsured) return;
    await this.ensureRecurring();
    this.recurringEnsured = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }
}
