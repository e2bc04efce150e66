/**
 * Article 7 over HTTP (SPEC §5, §8): deregistration today (done), in the past (done, late), on a future date
 * (scheduled, cancellable, carried out at 00:00 China time by the scheduler, across a restart, once with two
 * instances); the public status becomes 已注销, partners are told, an open change is cancelled, numbers go on.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JOB_DEFINITIONS } from '../../jobs/index.js';
import { Scheduler } from '../../jobs/scheduler.js';
import { approvedFiling, loginStaff, registerApplicant, startedChange, submittedFiling } from '../../test/factories.js';
import {
  restartTestServer,
  startSecondInstance,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../../test/harness.js';
import { auditActions, countRows, partnerFeed } from '../../test/lifecycle.js';

/** Friday 2026-11-27, 11:00 in China. */
let clock = new Date('2026-11-27T03:00:00Z');
const onPostgres = inject('dbKind') === 'postgres';
let server: TestServer;
let owner: TestClient;
let reviewer: TestClient;

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  owner = server.client();
  reviewer = server.client();
  await loginStaff(server, reviewer);
  await registerApplicant(owner);
});
afterAll(() => server?.close());

const publicStatus = async (s: TestServer, number: string) =>
  (await s.client().get(`/api/public/filings/${encodeURIComponent(number)}`)).body.filing;
const deregister = (c: TestClient, id: string, body: unknown) => c.post(`/api/filings/${id}/deregistration`, body);

describe('access and bad input', () => {
  it('answers 401, 403, 400 and 409 and changes nothing', async () => {
    const { id } = await approvedFiling(server.client(), reviewer);
    const anon = server.client();
    expect((await deregister(anon, id, { terminationDate: '2026-11-27' })).status).toBe(401);
    expect((await deregister(owner, id, { terminationDate: '2026-11-27' })).status).toBe(403);
    expect((await owner.post(`/api/filings/${id}/deregistration/cancel`)).status).toBe(403);
    const c = server.client();
    const submitted = await submittedFiling(c);
    expect((await deregister(c, submitted, { terminationDate: '2026-11-27' })).status).toBe(409);
    const bad = await deregister(c, submitted, { terminationDate: '27.11.2026' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('terminationDate');
    expect((await c.post(`/api/filings/${submitted}/deregistration/cancel`)).status).toBe(409);
    expect(await countRows(server, 'deregistrations', sql`filing_id in (${id}, ${submitted})`)).toBe(0);
    expect((await owner.get('/api/review/deregistrations')).status).toBe(403);
  });
});

describe('deregistration now', () => {
  it('is done at once for today: 已注销, partners and applicant told, the open change cancelled', async () => {
    const c = server.client();
    const { id, filingNumber } = await approvedFiling(c, reviewer);
    const change = await startedChange(c, id, '2026-11-26');
    const res = await deregister(c, id, { terminationDate: '2026-11-27', reason: '业务调整' });
    expect(res.status).toBe(200);
    expect(res.body.deregistration).toMatchObject({ terminationDate: '2026-11-27', status: 'done', late: false });
    expect(await publicStatus(server, filingNumber)).toMatchObject({ status: 'deregistered', statusLabel: '已注销' });
    expect((await c.get(`/api/changes/${change.id}`)).body.change).toMatchObject({ status: 'cancelled' });
    const feed = await partnerFeed(server, id);
    expect(feed.map((f) => f.eventType)).toEqual(['filing.approved', 'filing.deregistered']);
    expect(feed[1]?.payload).toMatchObject({ terminationDate: '2026-11-27', status: 'deregistered', filingNumber });
    const titles = (await c.get('/api/notifications')).body.items.map((n: { title: string }) => n.title);
    expect(titles).toContainEqual(expect.stringContaining('备案已注销'));
    // Deregistered is final: no second deregistration, no change, no certificate.
    expect((await deregister(c, id, { terminationDate: '2026-11-27' })).status).toBe(409);
    expect((await c.post(`/api/filings/${id}/changes`, { changeDate: '2026-11-27' })).status).toBe(409);
    expect((await c.get(`/api/filings/${id}/documents/certificate.pdf`)).status).toBe(409);
  });

  it('is done at once and late for a past date', async () => {
    const c = server.client();
    const { id } = await approvedFiling(c, reviewer);
    const res = await deregister(c, id, { terminationDate: '2026-11-20' });
    expect(res.body.deregistration).toMatchObject({ status: 'done', late: true });
    expect((await c.get(`/api/filings/${id}`)).body.filing.status).toBe('deregistered');
  });

  it('never issues a number again', async () => {
    const c = server.client();
    const { id } = await approvedFiling(c, reviewer);
    const rows = await server.ctx.db.execute(sql`select last from filing_number_counters where year = 2026`);
    const before = Number((rows as unknown as { rows: { last: number }[] }).rows[0]?.last);
    await deregister(c, id, { terminationDate: '2026-11-27' });
    const next = await approvedFiling(server.client(), reviewer);
    expect(next.filingNumber).toBe(`工信漏备2026${String(before + 1).padStart(5, '0')}号`);
  });
});

describe('a scheduled deregistration', () => {
  it('can be cancelled before the day, and scheduled again', async () => {
    const c = server.client();
    const { id } = await approvedFiling(c, reviewer);
    const res = await deregister(c, id, { terminationDate: '2026-12-15' });
    expect(res.body.deregistration).toMatchObject({
      status: 'scheduled',
      late: false,
      scheduledFor: '2026-12-14T16:00:00.000Z',
    });
    expect((await deregister(c, id, { terminationDate: '2026-12-20' })).body.error.code).toBe(
      'deregistration_scheduled',
    );
    expect((await c.get(`/api/filings/${id}`)).body.filing.allowedActions).toContain('cancelDeregistration');
    const staff = await reviewer.get('/api/review/deregistrations?status=scheduled');
    expect(staff.body.items.map((i: { filingId: string }) => i.filingId)).toContain(id);
    const cancelled = await c.post(`/api/filings/${id}/deregistration/cancel`);
    expect(cancelled.body.deregistration.status).toBe('cancelled');
    expect(
      await countRows(
        server,
        'scheduled_jobs',
        sql`payload->>'deregistrationId' = ${res.body.deregistration.id} and status = 'cancelled'`,
      ),
    ).toBe(1);
    expect((await deregister(c, id, { terminationDate: '2026-12-20' })).body.deregistration.status).toBe('scheduled');
  });

  it('is carried out at 00:00 China time on the day, across a restart, exactly once', async () => {
    const c = server.client();
    const { id, filingNumber } = await approvedFiling(c, reviewer);
    await deregister(c, id, { terminationDate: '2026-12-15' });
    const restarted = await restartTestServer(server);
    server = restarted;
    try {
      const scheduler = new Scheduler(restarted.ctx, JOB_DEFINITIONS);
      clock = new Date('2026-12-14T15:59:59Z'); // 23:59:59 on 14 December in China
      expect((await scheduler.runDue()).claimed).toBe(0);
      expect((await publicStatus(restarted, filingNumber)).status).toBe('valid');
      clock = new Date('2026-12-14T16:00:00Z');
      expect(await scheduler.runDue()).toMatchObject({ claimed: 1, done: 1 });
      expect((await publicStatus(restarted, filingNumber)).status).toBe('deregistered');
      expect((await scheduler.runDue()).claimed).toBe(0);
      expect((await auditActions(restarted, id)).filter((a) => a === 'filing.deregister')).toHaveLength(1);
      expect((await partnerFeed(restarted, id)).map((f) => f.eventType)).toEqual([
        'filing.approved',
        'filing.deregistered',
      ]);
    } finally {
      clock = new Date('2026-11-27T03:00:00Z');
    }
  });

  it.runIf(onPostgres)('runs once when two instances look for due jobs at the same moment', async () => {
    // `server` may be the restarted one: sign in there.
    const c = server.client();
    const staff = server.client();
    await loginStaff(server, staff);
    const { id } = await approvedFiling(c, staff);
    await deregister(c, id, { terminationDate: '2026-12-16' });
    const second = await startSecondInstance(server);
    try {
      const a = new Scheduler(server.ctx, JOB_DEFINITIONS);
      const b = new Scheduler(second.ctx, JOB_DEFINITIONS);
      clock = new Date('2026-12-15T16:00:00Z');
      const runs = await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
      expect(runs.reduce((n, r) => n + r.done, 0)).toBe(1);
      expect((await auditActions(server, id)).filter((x) => x === 'filing.deregister')).toHaveLength(1);
      expect((await partnerFeed(server, id)).filter((f) => f.eventType === 'filing.deregistered')).toHaveLength(1);
    } finally {
      clock = new Date('2026-11-27T03:00:00Z');
      await second.close();
    }
  });
});
