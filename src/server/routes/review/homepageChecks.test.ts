/**
 * Staff checking a platform's homepage for its filing number (Article 5, SPEC §10) over real HTTP, against a local
 * fixture server (MONITOR_ALLOW_PRIVATE on): evidence kept as history, 3 misses flag the filing and tell the applicant.
 */
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../../crypto/sm3.js';
import { type FixtureServer, filler, page, startFixtureServer } from '../../monitor/fixtureServer.js';
import { approvedFiling, loginStaff, submittedFiling, validFilingDraft } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { auditActions, countRows } from '../../test/lifecycle.js';

let clock = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let fx: FixtureServer;
let staff: TestClient;
let applicant: TestClient;
let filingId: string;
let filingNumber: string;

const withNumber = (n: string) => page(`${filler(20)}<footer>备案编号：${n}</footer>`);
const withoutNumber = page(`<header>某某漏洞平台</header>${filler(20)}<footer>© 2026</footer>`);

beforeAll(async () => {
  fx = await startFixtureServer();
  server = await startTestServer({ now: () => clock, config: { monitorAllowPrivate: true } });
  // One fixture host serves every page: no politeness delay here (hostPacer.test.ts covers it).
  await server.ctx.settings.set('monitor.hostDelayMs', 0);
  staff = server.client();
  await loginStaff(server, staff);
  applicant = server.client();
  const base = validFilingDraft();
  const approved = await approvedFiling(applicant, staff, {
    platform: { ...base.platform, homepageUrl: `${fx.url}/platform-a/` },
  });
  filingId = approved.id;
  filingNumber = approved.filingNumber;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await fx?.close();
});

const runCheck = () => {
  clock = new Date(clock.getTime() + 60_000);
  return staff.post(`/api/review/filings/${filingId}/homepage-checks`);
};

describe('POST/GET /api/review/filings/:id/homepage-checks', () => {
  it('answers 401 to strangers and 403 to applicants, checking nothing', async () => {
    const before = fx.hits.get('/platform-a/') ?? 0;
    expect((await server.client().post(`/api/review/filings/${filingId}/homepage-checks`)).status).toBe(401);
    expect((await applicant.post(`/api/review/filings/${filingId}/homepage-checks`)).status).toBe(403);
    expect((await applicant.get(`/api/review/filings/${filingId}/homepage-checks`)).status).toBe(403);
    expect(fx.hits.get('/platform-a/') ?? 0).toBe(before);
  });

  it('answers 400 naming the id for a malformed one', async () => {
    const res = await staff.post('/api/review/filings/not-a-uuid/homepage-checks');
    expect(res.status).toBe(400);
    expect(res.text).toContain('id');
  });

  it('refuses with 409 a filing that is not valid (not approved)', async () => {
    const other = server.client();
    const id = await submittedFiling(other);
    const res = await staff.post(`/api/review/filings/${id}/homepage-checks`);
    expect(res.status).toBe(409);
    expect(await countRows(server, 'homepage_checks', sql`filing_id = ${id}`)).toBe(0);
  });

  it('records a compliant check with its evidence and security.txt findings', async () => {
    fx.pages.set('/platform-a/', withNumber(filingNumber));
    const res = await runCheck();
    expect(res.status).toBe(201);
    const check = res.body.check;
    expect(check).toMatchObject({ result: 'compliant', reason: 'number_in_footer', httpStatus: 200, trigger: 'staff' });
    expect(check.finalUrl).toBe(`${fx.url}/platform-a/`);
    expect(check.evidence.excerpt).toContain(filingNumber);
    expect(check.evidence.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(check.securityTxt.found).toBe(true);
    expect(check.securityTxt.findings.map((f: { code: string }) => f.code)).toEqual(['expires_too_far']);
  });

  it('flags the filing on the third consecutive miss and tells the applicant once, with the snippet', async () => {
    fx.pages.set('/platform-a/', withoutNumber);
    for (let i = 1; i <= 4; i++) {
      const res = await runCheck();
      expect(res.body.check).toMatchObject({ result: 'missing', reason: 'number_not_found' });
      const flagged = await staff.get('/api/review/homepage-monitor/flagged');
      const mine = flagged.body.items.find((f: { filingId: string }) => f.filingId === filingId);
      if (i < 3) expect(mine).toBeUndefined();
      else expect(mine).toMatchObject({ filingNumber, consecutiveMisses: i, lastResult: 'missing' });
    }
    const kind = sql`kind = 'homepage_number_missing' and filing_id = ${filingId}`;
    expect(await countRows(server, 'notifications', kind)).toBe(1);
    const notices = await applicant.get('/api/notifications');
    const notice = JSON.stringify(notices.body);
    expect(notice).toContain('首页底部未展示备案编号');
    expect(notice).toContain(`<a href=`);
    expect(notice).toContain(filingNumber);
    expect(await countRows(server, 'outbox', sql`channel = 'email' and filing_id = ${filingId}`)).toBeGreaterThan(0);
  });

  it('clears the flag when the number is back at the bottom', async () => {
    fx.pages.set('/platform-a/', withNumber(filingNumber));
    expect((await runCheck()).body.check.result).toBe('compliant');
    const flagged = await staff.get('/api/review/homepage-monitor/flagged');
    expect(flagged.body.items.find((f: { filingId: string }) => f.filingId === filingId)).toBeUndefined();
  });

  it('lists the history newest first with the run of misses', async () => {
    const res = await staff.get(`/api/review/filings/${filingId}/homepage-checks`);
    expect(res.status).toBe(200);
    expect(res.body.checks.map((c: { result: string }) => c.result)).toEqual([
      'compliant',
      'missing',
      'missing',
      'missing',
      'missing',
      'compliant',
    ]);
    expect(res.body.monitor).toMatchObject({ consecutiveMisses: 0, flaggedAt: null, lastResult: 'compliant' });
  });

  it('records an unreachable homepage without counting it as a miss', async () => {
    fx.pages.delete('/platform-a/');
    const res = await runCheck();
    expect(res.body.check).toMatchObject({ result: 'unreachable', reason: 'http_404', httpStatus: 404 });
    const list = await staff.get(`/api/review/filings/${filingId}/homepage-checks`);
    expect(list.body.monitor.consecutiveMisses).toBe(0);
  });

  it('answers 404 for a screenshot that was never taken', async () => {
    const list = await staff.get(`/api/review/filings/${filingId}/homepage-checks`);
    const id = list.body.checks[0].id;
    expect((await staff.get(`/api/review/filings/${filingId}/homepage-checks/${id}/screenshot`)).status).toBe(404);
  });
});

describe('GET /api/review/filings/:id/homepage-checks/:checkId/evidence', () => {
  let checkId: string;
  const url = () => `/api/review/filings/${filingId}/homepage-checks/${checkId}/evidence`;

  beforeAll(async () => {
    fx.pages.set('/platform-a/', withNumber(filingNumber));
    checkId = (await runCheck()).body.check.id;
  });

  it('is for staff only', async () => {
    expect((await server.client().get(url())).status).toBe(401);
    expect((await applicant.get(url())).status).toBe(403);
  });

  it('answers 404 for a check of another filing or none', async () => {
    const other = `/api/review/filings/${filingId}/homepage-checks/00000000-0000-4000-8000-000000000000/evidence`;
    expect((await staff.get(other)).status).toBe(404);
  });

  it('hands out a zip: the body as received, its headers, and a manifest whose digests match the files', async () => {
    const res = await staff.get(url());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''homepage-evidence-/);
    const files = unzipSync(new Uint8Array(res.bytes));
    expect(Object.keys(files).sort()).toEqual(
      ['README.txt', 'homepage.html', 'manifest.json', 'response-headers.json', 'security-txt.json'].sort(),
    );
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
    const body = Buffer.from(files['homepage.html'] as Uint8Array);
    expect(body.toString('utf8')).toBe(withNumber(filingNumber));
    const list = await staff.get(`/api/review/filings/${filingId}/homepage-checks`);
    const shown = list.body.checks.find((c: { id: string }) => c.id === checkId);
    // The digest staff saw on the page is the digest of the file in the package.
    expect(sm3Hex(body)).toBe(shown.evidence.sm3);
    expect(manifest.body).toMatchObject({ sm3: shown.evidence.sm3, file: 'homepage.html', truncated: false });
    expect(manifest.check).toMatchObject({
      id: checkId,
      filingNumber,
      result: 'compliant',
      reason: 'number_in_footer',
      checkedAt: shown.checkedAt,
      finalUrl: `${fx.url}/platform-a/`,
      httpStatus: 200,
    });
    for (const f of manifest.files) expect(sm3Hex(Buffer.from(files[f.name] as Uint8Array))).toBe(f.sm3);
    const headers = JSON.parse(strFromU8(files['response-headers.json'] as Uint8Array));
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(strFromU8(files['README.txt'] as Uint8Array)).toContain(`openssl dgst -sm3 homepage.html`);
    expect(await auditActions(server, filingId)).toContain('filing.homepage_evidence_exported');
  });

  it('keeps an unchanged page once however often it is checked', async () => {
    const before = await countRows(server, 'homepage_bodies');
    await runCheck();
    await runCheck();
    expect(await countRows(server, 'homepage_bodies')).toBe(before);
  });
});
