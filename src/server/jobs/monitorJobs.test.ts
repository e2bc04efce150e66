/**
 * The homepage monitor's schedule (SPEC §10): the daily job spreads one check per valid filing over the day, once per
 * day however often it runs, and the checks run on the scheduler; admins' "check all" queues them now.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { type FixtureServer, filler, page, startFixtureServer } from '../monitor/fixtureServer.js';
import { approvedFiling, loginStaff, validFilingDraft } from '../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../test/harness.js';
import { countRows } from '../test/lifecycle.js';
import { MONITOR_CHECK_JOB, monitorCheckJob, monitorDailyJob } from './monitorJobs.js';
import { Scheduler } from './scheduler.js';

let clock = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let fx: FixtureServer;
let staff: TestClient;
const ids: string[] = [];

beforeAll(async () => {
  fx = await startFixtureServer();
  server = await startTestServer({ now: () => clock, config: { monitorAllowPrivate: true } });
  staff = server.client();
  await loginStaff(server, staff, ['reviewer', 'admin']);
  for (const name of ['a', 'b']) {
    const base = validFilingDraft();
    const { id, filingNumber } = await approvedFiling(server.client(), staff, {
      platform: { ...base.platform, homepageUrl: `${fx.url}/p-${name}/` },
    });
    fx.pages.set(`/p-${name}/`, page(`${filler(10)}<footer>${filingNumber}</footer>`));
    ids.push(id);
  }
}, 60_000);
afterAll(async () => {
  await server?.close();
  await fx?.close();
});

const pendingChecks = () =>
  queryRows<{ run_at: Date; key: string }>(
    server.ctx.db,
    sql`select run_at, key from scheduled_jobs where name = ${MONITOR_CHECK_JOB} and status = 'pending' order by run_at`,
  );

describe('the daily homepage checks', () => {
  it('spreads one check per valid filing over the configured hours, once a day', async () => {
    const scheduler = new Scheduler(server.ctx, [monitorDailyJob, monitorCheckJob]);
    await scheduler.ensureRecurring();
    // 00:05 on 28 November, China time.
    clock = new Date('2026-11-27T16:05:00Z');
    await server.ctx.settings.set('monitor.spreadHours', 6);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 1, done: 1 });
    const pending = await pendingChecks();
    expect(pending).toHaveLength(2);
    for (const p of pending) {
      const at = new Date(p.run_at).getTime();
      expect(at).toBeGreaterThanOrEqual(clock.getTime());
      expect(at).toBeLessThan(clock.getTime() + 6 * 3_600_000);
      expect(p.key).toMatch(/^daily:2026-11-28:/);
    }
    // 6 hours later every check has run, each recorded as a scheduled check.
    clock = new Date(clock.getTime() + 6 * 3_600_000);
    expect(await scheduler.runDue()).toMatchObject({ done: 2 });
    expect(await countRows(server, 'homepage_checks', sql`trigger = 'schedule' and result = 'compliant'`)).toBe(2);
  });

  it('does nothing when the daily checks are switched off', async () => {
    await server.ctx.settings.set('monitor.daily', false);
    const scheduler = new Scheduler(server.ctx, [monitorDailyJob, monitorCheckJob]);
    clock = new Date('2026-11-28T16:05:00Z');
    expect(await scheduler.runDue()).toMatchObject({ done: 1 });
    expect(await pendingChecks()).toHaveLength(0);
    await server.ctx.settings.set('monitor.daily', true);
  });
});

describe('POST /api/review/homepage-checks/check-all', () => {
  it('is for admins only', async () => {
    const reviewer = server.client();
    await loginStaff(server, reviewer, ['reviewer']);
    expect((await reviewer.post('/api/review/homepage-checks/check-all')).status).toBe(403);
    expect(await pendingChecks()).toHaveLength(0);
  });

  it('queues every valid filing now, and a second click in the same hour adds nothing', async () => {
    // The clock moved on a day or two: sign in again.
    const admin = server.client();
    await loginStaff(server, admin, ['reviewer', 'admin']);
    const res = await admin.post('/api/review/homepage-checks/check-all');
    expect(res.status).toBe(202);
    expect(res.body.scheduled).toBe(2);
    expect((await admin.post('/api/review/homepage-checks/check-all')).body.scheduled).toBe(0);
    const scheduler = new Scheduler(server.ctx, [monitorCheckJob]);
    expect(await scheduler.runDue()).toMatchObject({ done: 2 });
    expect(await countRows(server, 'homepage_checks', sql`trigger = 'admin_all'`)).toBe(2);
  });
});
