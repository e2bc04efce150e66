/**
 * Schedules run once when several instances share one PostgreSQL (issue 8 item 8, SPEC §12): two schedulers, each on
 * its own instance and connection pool, poll the same due jobs at the same time; every job runs exactly once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSecondInstance, startTestServer, type TestServer } from '../test/harness.js';
import { defineJob, Scheduler, scheduleJob } from './scheduler.js';

const onPostgres = inject('dbKind') === 'postgres';
let a: TestServer;
let b: TestServer | undefined;
const runs: { tag: string; instance: string }[] = [];

const work = defineJob<{ tag: string }>({
  name: 'test.shared',
  async run(ctx, job) {
    await new Promise((r) => setTimeout(r, 5)); // long enough for the other instance to poll meanwhile
    runs.push({ tag: job.payload.tag, instance: ctx === a.ctx ? 'a' : 'b' });
  },
});

beforeAll(async () => {
  a = await startTestServer();
  if (onPostgres) b = await startSecondInstance(a);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('the scheduler on two instances', () => {
  it.skipIf(!onPostgres)('runs each due job once, the two instances sharing the work', async () => {
    const runAt = new Date(Date.now() - 1000);
    const tags = Array.from({ length: 60 }, (_, i) => `job-${i}`);
    for (const tag of tags) await scheduleJob(a.ctx.db, { name: work.name, runAt, payload: { tag } });
    const schedulers = [
      new Scheduler(a.ctx, [work], { batchSize: 5 }),
      new Scheduler((b as TestServer).ctx, [work], { batchSize: 5 }),
    ];
    const drain = async (s: Scheduler) => {
      while ((await s.runDue()).claimed > 0) {
        // keep claiming until nothing is left
      }
    };
    await Promise.all([...schedulers, ...schedulers].map(drain));

    expect(runs.map((r) => r.tag).sort()).toEqual([...tags].sort());
    expect(new Set(runs.map((r) => r.instance))).toEqual(new Set(['a', 'b']));
  });
});
