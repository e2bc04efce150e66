/**
 * The scheduler (jobs/scheduler.ts): due by the injected clock, once per (name, key), retried with backoff, a
 * recurring job keeps one pending occurrence and moves on after each run, an expired lease is claimed again.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJobs } from '../db/schema.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { cancelJob, defineJob, nextOccurrence, Scheduler, scheduleJob } from './scheduler.js';

let clock = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
const ran: string[] = [];
let failTimes = 0;

const echo = defineJob<{ tag: string }>({
  name: 'test.echo',
  async run(_ctx, job) {
    ran.push(job.payload.tag);
  },
});
const flaky = defineJob<{ tag: string }>({
  name: 'test.flaky',
  maxAttempts: 3,
  async run(_ctx, job) {
    if (failTimes-- > 0) throw new Error('boom');
    ran.push(job.payload.tag);
  },
});
const daily = defineJob<{ tag: string }>({
  name: 'test.daily',
  recurring: { cron: '0 8 * * *', payload: { tag: 'daily' } },
  async run(_ctx, job) {
    ran.push(`${job.payload.tag}@${job.runAt.toISOString()}`);
  },
});

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
});
afterAll(() => server?.close());

const scheduler = () => new Scheduler(server.ctx, [echo, flaky, daily]);

describe('one-off jobs', () => {
  it('run when the injected clock reaches them, once, and a key keeps them single', async () => {
    ran.length = 0;
    const runAt = new Date('2026-11-28T00:00:00Z');
    expect(
      await scheduleJob(server.ctx.db, { name: 'test.echo', runAt, key: 'k1', payload: { tag: 'a' } }),
    ).toBeTruthy();
    expect(
      await scheduleJob(server.ctx.db, { name: 'test.echo', runAt, key: 'k1', payload: { tag: 'dup' } }),
    ).toBeNull();
    const s = scheduler();
    expect((await s.runDue()).claimed).toBe(0);
    clock = runAt;
    expect(await s.runDue()).toMatchObject({ claimed: 1, done: 1 });
    expect(await s.runDue()).toMatchObject({ claimed: 0 });
    expect(ran).toEqual(['a']);
  });

  it('are cancelled before they start', async () => {
    ran.length = 0;
    const id = await scheduleJob(server.ctx.db, { name: 'test.echo', runAt: clock, payload: { tag: 'x' } });
    expect(await cancelJob(server.ctx.db, id as string)).toBe(true);
    expect((await scheduler().runDue()).claimed).toBe(0);
    expect(ran).toEqual([]);
  });

  it('are retried with backoff after a failure, and failed for good after maxAttempts', async () => {
    ran.length = 0;
    failTimes = 1;
    await scheduleJob(server.ctx.db, { name: 'test.flaky', runAt: clock, payload: { tag: 'f' }, maxAttempts: 2 });
    const s = scheduler();
    expect(await s.runDue()).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await s.runDue()).claimed).toBe(0); // backoff: 30 s
    clock = new Date(clock.getTime() + 30_000);
    expect(await s.runDue()).toMatchObject({ done: 1 });
    expect(ran).toEqual(['f']);
    failTimes = 5;
    const id2 = (await scheduleJob(server.ctx.db, {
      name: 'test.flaky',
      runAt: clock,
      payload: { tag: 'g' },
      maxAttempts: 2,
    })) as string;
    await s.runDue();
    clock = new Date(clock.getTime() + 60_000);
    expect(await s.runDue()).toMatchObject({ failed: 1 });
    const [row] = await server.ctx.db.select().from(scheduledJobs).where(eq(scheduledJobs.id, id2));
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastError: expect.stringContaining('boom') });
  });

  it('are claimed again when a lease runs out (the instance died mid-job)', async () => {
    ran.length = 0;
    const id = (await scheduleJob(server.ctx.db, { name: 'test.echo', runAt: clock, payload: { tag: 'l' } })) as string;
    // An instance claimed it and died: running, with a lease that ends in a minute.
    await server.ctx.db
      .update(scheduledJobs)
      .set({
        status: 'running',
        lockToken: crypto.randomUUID(),
        lockedUntil: new Date(clock.getTime() + 60_000),
        attempts: 1,
      })
      .where(eq(scheduledJobs.id, id));
    const s = scheduler();
    expect((await s.runDue()).claimed).toBe(0);
    clock = new Date(clock.getTime() + 61_000);
    expect(await s.runDue()).toMatchObject({ claimed: 1, done: 1 });
    expect(ran).toEqual(['l']);
  });
});

describe('recurring jobs', () => {
  it('keep one pending occurrence at the next cron time in China time, and move on after each run', async () => {
    ran.length = 0;
    clock = new Date('2026-11-30T01:00:00Z'); // 09:00 in China
    const s = scheduler();
    await s.ensureRecurring();
    await s.ensureRecurring();
    const pending = await server.ctx.db
      .select()
      .from(scheduledJobs)
      .where(sql`${scheduledJobs.name} = 'test.daily' and ${scheduledJobs.status} = 'pending'`);
    expect(pending.map((p) => p.runAt.toISOString())).toEqual(['2026-12-01T00:00:00.000Z']); // 08:00 on 1 December
    clock = new Date('2026-12-01T00:00:00Z');
    expect(await s.runDue()).toMatchObject({ done: 1 });
    const next = await server.ctx.db
      .select()
      .from(scheduledJobs)
      .where(sql`${scheduledJobs.name} = 'test.daily' and ${scheduledJobs.status} = 'pending'`);
    expect(next.map((p) => p.runAt.toISOString())).toEqual(['2026-12-02T00:00:00.000Z']);
    expect(ran).toEqual(['daily@2026-12-01T00:00:00.000Z']);
  });

  it('computes occurrences with the time zone', () => {
    expect(nextOccurrence('0 0 * * *', 'Asia/Shanghai', new Date('2026-12-14T15:00:00Z')).toISOString()).toBe(
      '2026-12-14T16:00:00.000Z',
    );
  });
});
