/**
 * A `number_not_shown` complaint (Article 9) and the homepage monitor's evidence (Article 5, SPEC §10): receiving one
 * about a valid filing queues a fresh check linked to it; the handler sees the check in the complaint (and a step on
 * its timeline), runs another on demand and downloads its evidence package. Other categories check nothing.
 */
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../../crypto/sm3.js';
import { MONITOR_CHECK_JOB, monitorCheckJob } from '../../jobs/monitorJobs.js';
import { Scheduler } from '../../jobs/scheduler.js';
import { type FixtureServer, filler, page, startFixtureServer } from '../../monitor/fixtureServer.js';
import { approvedFiling, loginStaff, validFilingDraft } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { countRows } from '../../test/lifecycle.js';

const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let fx: FixtureServer;
let handler: TestClient;
let reviewer: TestClient;
let filingNumber: string;
let filingId: string;
const homepage = page(`<header>某某漏洞平台</header>${filler(20)}<footer>© 2026 某某漏洞平台</footer>`);

beforeAll(async () => {
  fx = await startFixtureServer();
  server = await startTestServer({ now: () => NOW, config: { monitorAllowPrivate: true } });
  await server.ctx.settings.set('monitor.hostDelayMs', 0);
  handler = server.client();
  await loginStaff(server, handler, ['complaints']);
  reviewer = server.client();
  await loginStaff(server, reviewer, ['reviewer']);
  const base = validFilingDraft();
  const approved = await approvedFiling(server.client(), reviewer, {
    platform: { ...base.platform, homepageUrl: `${fx.url}/complained/` },
  });
  filingNumber = approved.filingNumber;
  filingId = approved.id;
  fx.pages.set('/complained/', homepage);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await fx?.close();
});

const intake = (category: string) =>
  handler.post('/api/complaints', {
    channel: 'phone',
    category,
    targetFilingNumber: filingNumber,
    description: '来电反映：该平台首页底部没有备案编号。',
  });

describe('a number_not_shown complaint about a valid filing', () => {
  let complaintId: string;

  it('queues a fresh homepage check linked to the complaint; other categories queue none', async () => {
    const before = fx.hits.get('/complained/') ?? 0;
    const other = await intake('false_info');
    expect(other.status).toBe(201);
    const res = await intake('number_not_shown');
    expect(res.status).toBe(201);
    complaintId = res.body.complaint.id;
    expect(res.body.complaint.canCheckHomepage).toBe(true);
    const jobs = sql`name = ${MONITOR_CHECK_JOB} and status = 'pending'`;
    expect(await countRows(server, 'scheduled_jobs', jobs)).toBe(1);
    expect(await countRows(server, 'scheduled_jobs', sql`${jobs} and key = ${`complaint:${complaintId}`}`)).toBe(1);
    expect(fx.hits.get('/complained/') ?? 0).toBe(before);
  });

  it('shows the handler the check once it ran: result, digest, and a step on the timeline', async () => {
    expect(await new Scheduler(server.ctx, [monitorCheckJob]).runDue()).toMatchObject({ done: 1 });
    const res = await handler.get(`/api/complaints/${complaintId}`);
    expect(res.status).toBe(200);
    const checks = res.body.complaint.homepageChecks;
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ filingNumber, result: 'missing', reason: 'number_not_found' });
    expect(checks[0].sm3).toBe(sm3Hex(Buffer.from(homepage, 'utf8')));
    expect(res.body.complaint.timeline.map((e: { action: string }) => e.action)).toContain('homepage_check');
    expect(await countRows(server, 'homepage_checks', sql`trigger = 'complaint'`)).toBe(1);
  });

  it('lets the handler run another check now and download its evidence package', async () => {
    const run = await handler.post(`/api/complaints/${complaintId}/homepage-checks`);
    expect(run.status).toBe(201);
    expect(run.body.check).toMatchObject({ result: 'missing', trigger: 'complaint' });
    const detail = await handler.get(`/api/complaints/${complaintId}`);
    expect(detail.body.complaint.homepageChecks).toHaveLength(2);
    const zip = await handler.get(`/api/complaints/${complaintId}/homepage-checks/${run.body.check.id}/evidence`);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.bytes));
    expect(strFromU8(files['homepage.html'] as Uint8Array)).toBe(homepage);
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
    expect(manifest.check).toMatchObject({ complaintId, result: 'missing', filingNumber });
  });

  it('does not hand out a check that is not linked to the complaint', async () => {
    const unlinked = await reviewer.post(`/api/review/filings/${filingId}/homepage-checks`);
    expect(unlinked.status).toBe(201);
    const res = await handler.get(`/api/complaints/${complaintId}/homepage-checks/${unlinked.body.check.id}/evidence`);
    expect(res.status).toBe(404);
  });

  it('refuses with 409 a fresh check for a complaint of another category', async () => {
    const other = await intake('leak');
    const res = await handler.post(`/api/complaints/${other.body.complaint.id}/homepage-checks`);
    expect(res.status).toBe(409);
    expect(other.body.complaint.canCheckHomepage).toBe(false);
  });

  it('is for complaint handlers only', async () => {
    expect((await reviewer.post(`/api/complaints/${complaintId}/homepage-checks`)).status).toBe(403);
    expect((await server.client().post(`/api/complaints/${complaintId}/homepage-checks`)).status).toBe(401);
  });
});
