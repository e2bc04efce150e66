/**
 * Article 6 over HTTP (SPEC §5 "After approval", §8): a change is a copy of the valid record, edited, diffed, reviewed
 * in the same queue, sent back or applied; the public record follows only after approval; stale approvals are refused.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../../attachments/fixtures.js';
import { filings } from '../../db/schema.js';
import {
  approvedFiling,
  loginStaff,
  PERSONAL,
  registerApplicant,
  startedChange,
  submittedFiling,
  validFilingDraft,
} from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { auditActions, countRows, partnerFeed } from '../../test/lifecycle.js';

/** Friday 2026-11-27, 11:00 in China. */
const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let owner: TestClient;
let reviewer: TestClient;
let filingId: string;
let filingNumber: string;

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  owner = server.client();
  reviewer = server.client();
  await loginStaff(server, reviewer);
  ({ id: filingId, filingNumber } = await approvedFiling(owner, reviewer));
});
afterAll(() => server?.close());

const publicRecord = async (number = filingNumber) =>
  (await server.client().get(`/api/public/filings/${encodeURIComponent(number)}`)).body.filing;

const changedForm = () =>
  validFilingDraft({
    platform: { ...validFilingDraft().platform, homepageUrl: 'https://new.vulbox.example.cn/' },
    people: { principal: { ...PERSONAL.principal, mobile: '13700001111' }, contact: { ...PERSONAL.contact } },
  });

describe('access to changes', () => {
  it('answers 401 without a session on every change route', async () => {
    const anon = server.client();
    const id = crypto.randomUUID();
    const calls = [
      anon.post(`/api/filings/${filingId}/changes`, { changeDate: '2026-11-20' }),
      anon.get(`/api/changes/${id}`),
      anon.put(`/api/changes/${id}`, {}),
      anon.post(`/api/changes/${id}/submit`),
      anon.post(`/api/changes/${id}/cancel`),
      anon.get(`/api/review/changes/${id}`),
      anon.post(`/api/review/changes/${id}/approve`),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual(calls.map(() => 401));
  });

  it('keeps other applicants out (403) and applicants out of review (403)', async () => {
    const change = await startedChange(owner, filingId, '2026-11-20');
    const stranger = server.client();
    await registerApplicant(stranger);
    expect((await stranger.post(`/api/filings/${filingId}/changes`, { changeDate: '2026-11-20' })).status).toBe(403);
    expect((await stranger.get(`/api/changes/${change.id}`)).status).toBe(403);
    expect((await stranger.put(`/api/changes/${change.id}`, changedForm())).status).toBe(403);
    expect((await stranger.post(`/api/changes/${change.id}/submit`)).status).toBe(403);
    expect((await owner.get(`/api/review/changes/${change.id}`)).status).toBe(403);
    expect((await owner.post(`/api/review/changes/${change.id}/approve`)).status).toBe(403);
    // A draft change is the applicant's own: staff do not see it.
    expect((await reviewer.get(`/api/review/changes/${change.id}`)).status).toBe(404);
    expect((await owner.post(`/api/changes/${change.id}/cancel`)).status).toBe(200);
  });

  it('names the field of a bad or future change date, and refuses a change of a filing not approved (409)', async () => {
    const bad = await owner.post(`/api/filings/${filingId}/changes`, { changeDate: '2026-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('changeDate');
    const future = await owner.post(`/api/filings/${filingId}/changes`, { changeDate: '2026-11-28' });
    expect(future.status).toBe(422);
    expect(future.body.errors).toMatchObject([{ field: 'changeDate', message: expect.any(String) }]);
    const other = server.client();
    const submitted = await submittedFiling(other);
    const res = await other.post(`/api/filings/${submitted}/changes`, { changeDate: '2026-11-20' });
    expect(res.status).toBe(409);
    expect(await countRows(server, 'filing_changes', sql`filing_id = ${submitted}`)).toBe(0);
  });
});

describe('a change from start to approval', () => {
  let changeId: string;

  it('starts as a copy of the valid record, with its files, deadline and no lateness', async () => {
    const before = await owner.get(`/api/filings/${filingId}`);
    const change = await startedChange(owner, filingId, '2026-11-20');
    changeId = change.id;
    expect(change).toMatchObject({
      filingId,
      status: 'draft',
      changeDate: '2026-11-20',
      changeDeadline: '2026-12-21', // 20 December is a Sunday
      late: false,
      baseVersion: 1,
      kind: 'change',
      diff: [],
    });
    expect(change.form).toEqual(before.body.filing.data);
    const files = (x: { kind: string; fileName: string; sm3: string }[]) =>
      x.map((a) => `${a.kind}:${a.fileName}:${a.sm3}`).sort();
    expect(files(change.attachments as never)).toEqual(files(before.body.filing.attachments));
    const again = await owner.post(`/api/filings/${filingId}/changes`, { changeDate: '2026-11-20' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('change_open');
    expect((await owner.get(`/api/filings/${filingId}`)).body.filing).toMatchObject({
      status: 'approved',
      openChange: { id: changeId, status: 'draft' },
    });
  });

  it('shows a field-by-field diff with personal values masked', async () => {
    const saved = await owner.put(`/api/changes/${changeId}`, changedForm());
    expect(saved.status).toBe(200);
    const replaced = await owner.request('POST', `/api/changes/${changeId}/attachments`, {
      form: (() => {
        const f = new FormData();
        f.append('kind', 'mlps_proof');
        f.append('file', new Blob([new Uint8Array(samplePng())]), '新等保证明.png');
        return f;
      })(),
    });
    expect(replaced.status).toBe(201);
    const res = await owner.get(`/api/changes/${changeId}`);
    const fields = res.body.change.diff.map((d: { field: string }) => d.field);
    expect(fields).toEqual(['platform.homepageUrl', 'people.principal.mobile', 'attachments.mlps_proof']);
    expect(res.body.change.diff[0]).toEqual({
      field: 'platform.homepageUrl',
      before: 'https://www.vulbox.example.cn/',
      after: 'https://new.vulbox.example.cn/',
    });
    expect(res.body.change.diff[1]).toEqual({
      field: 'people.principal.mobile',
      before: '139****5678',
      after: '137****1111',
    });
    expect(JSON.stringify(res.body.change.diff)).not.toContain('13700001111');
    expect(res.body.change.attachments.filter((a: { kind: string }) => a.kind === 'mlps_proof')).toHaveLength(1);
    // The valid record keeps its own file.
    const filing = await owner.get(`/api/filings/${filingId}`);
    expect(filing.body.filing.attachments.find((a: { kind: string }) => a.kind === 'mlps_proof').fileName).toBe(
      '等保备案证明.png',
    );
  });

  it('is submitted and reviewed in the same queue, marked 变更备案, while the valid record stays public unchanged', async () => {
    const res = await owner.post(`/api/changes/${changeId}/submit`);
    expect(res.status).toBe(200);
    expect(res.body.change).toMatchObject({
      status: 'submitted',
      dueDate: '2026-12-11',
      provisional: false,
      late: false,
    });
    const queue = await reviewer.get('/api/review/queue?kind=change');
    expect(queue.body.items.find((i: { changeId: string }) => i.changeId === changeId)).toMatchObject({
      id: filingId,
      kind: 'change',
      kindLabel: '变更备案',
      status: 'submitted',
      due: { date: '2026-12-11' },
      late: false,
    });
    expect((await publicRecord()).homepageUrl).toBe('https://www.vulbox.example.cn/');
    const staffView = await reviewer.get(`/api/review/changes/${changeId}`);
    expect(staffView.status).toBe(200);
    expect(staffView.body.change.form.people.principal.mobile).toBe('137****1111');
    expect(staffView.body.change.diff).toHaveLength(3);
    // Editing a change under review is not in the table: 409, nothing changes.
    const edit = await owner.put(`/api/changes/${changeId}`, validFilingDraft());
    expect(edit.status).toBe(409);
    expect((await owner.get(`/api/changes/${changeId}`)).body.change.form.platform.homepageUrl).toBe(
      'https://new.vulbox.example.cn/',
    );
  });

  it('goes back to the applicant with a correction notice, the record untouched, and comes back', async () => {
    const res = await reviewer.post(`/api/review/changes/${changeId}/request-correction`, {
      summary: '请补充',
      items: [{ field: 'platform.homepageUrl', message: '新网址无法访问' }],
    });
    expect(res.status).toBe(200);
    const mine = await owner.get(`/api/changes/${changeId}`);
    expect(mine.body.change).toMatchObject({
      status: 'correction_requested',
      correction: { summary: '请补充', items: [{ field: 'platform.homepageUrl', message: '新网址无法访问' }] },
      allowedActions: ['update', 'upload', 'submit', 'cancel'],
    });
    expect((await reviewer.post(`/api/review/changes/${changeId}/approve`)).status).toBe(409);
    expect((await publicRecord()).homepageUrl).toBe('https://www.vulbox.example.cn/');
    expect((await owner.post(`/api/changes/${changeId}/submit`)).status).toBe(200);
  });

  it('is applied atomically on approval: new version, same number, lastChangeDate, partners and applicant told', async () => {
    const res = await reviewer.post(`/api/review/changes/${changeId}/approve`);
    expect(res.status).toBe(200);
    expect(res.body.change).toMatchObject({ status: 'approved', appliedVersion: 2 });
    expect(await publicRecord()).toMatchObject({
      filingNumber,
      homepageUrl: 'https://new.vulbox.example.cn/',
      lastChangeDate: '2026-11-27',
      status: 'valid',
    });
    const filing = (await owner.get(`/api/filings/${filingId}`)).body.filing;
    expect(filing).toMatchObject({ status: 'approved', filingNumber, openChange: null, record: { version: 2 } });
    expect(filing.data.platform.homepageUrl).toBe('https://new.vulbox.example.cn/');
    expect(filing.attachments.find((a: { kind: string }) => a.kind === 'mlps_proof').fileName).toBe('新等保证明.png');
    const feed = await partnerFeed(server, filingId);
    expect(feed.map((f) => f.eventType)).toEqual(['filing.approved', 'filing.changed']);
    expect(feed[1]?.payload).toMatchObject({
      event: 'filing.changed',
      version: 2,
      filingNumber,
      changeDate: '2026-11-20',
      filing: {
        platform: { homepageUrl: 'https://new.vulbox.example.cn/' },
        people: { principal: { mobile: '13700001111' } },
      },
    });
    const notes = await owner.get('/api/notifications');
    expect(notes.body.items.map((n: { title: string }) => n.title)).toContainEqual(
      expect.stringContaining('变更备案已通过'),
    );
    expect(await auditActions(server, changeId)).toEqual([
      'change.create',
      'change.save',
      'change.attachment_add',
      'change.submit',
      'change.correction_requested',
      'change.submit',
      'change.approve',
    ]);
    expect((await reviewer.post(`/api/review/changes/${changeId}/approve`)).status).toBe(409);
  });

  it('keeps every version for staff, with the diff between any two', async () => {
    const list = await reviewer.get(`/api/review/filings/${filingId}/versions`);
    expect(list.body.versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    const v1 = await reviewer.get(`/api/review/filings/${filingId}/versions/1`);
    expect(v1.body.version.form.platform.homepageUrl).toBe('https://www.vulbox.example.cn/');
    expect(v1.body.version.form.people.principal.mobile).toBe('139****5678');
    const oldFile = v1.body.version.attachments.find((a: { kind: string }) => a.kind === 'mlps_proof');
    const download = await reviewer.get(`/api/review/filings/${filingId}/attachments/${oldFile.id}`);
    expect(download.status).toBe(200);
    expect(download.bytes.equals(samplePng())).toBe(true);
    const diff = await reviewer.get(`/api/review/filings/${filingId}/versions/diff?from=1&to=2`);
    expect(diff.body.diff.map((d: { field: string }) => d.field)).toEqual([
      'platform.homepageUrl',
      'people.principal.mobile',
      'attachments.mlps_proof',
    ]);
    expect((await reviewer.get(`/api/review/filings/${filingId}/versions/3`)).status).toBe(404);
    expect((await owner.get(`/api/review/filings/${filingId}/versions`)).status).toBe(403);
    expect((await owner.get(`/api/filings/${filingId}/versions`)).body.versions).toHaveLength(2);
  });
});

describe('late changes and stale approvals', () => {
  it('flags a change filed more than 30 days (holiday-extended) after the information changed', async () => {
    const c = server.client();
    const { id } = await approvedFiling(c, reviewer);
    const change = await startedChange(c, id, '2026-09-01');
    expect(change).toMatchObject({
      changeDeadline: '2026-10-08',
      late: true,
      lateReason: expect.stringContaining('第六条'),
    });
    expect((await c.post(`/api/changes/${change.id}/submit`)).body.change.late).toBe(true);
    const queue = await reviewer.get('/api/review/queue?kind=change');
    expect(queue.body.items.find((i: { changeId: string }) => i.changeId === change.id)).toMatchObject({ late: true });
    // Correcting the change date moves the deadline: 2026-11-01 + 30 = 2026-12-01.
    await reviewer.post(`/api/review/changes/${change.id}/request-correction`, {
      summary: '日期',
      items: [{ field: 'platform.name', message: '核实' }],
    });
    const fixed = await c.put(`/api/changes/${change.id}`, { ...validFilingDraft(), changeDate: '2026-11-01' });
    expect(fixed.body.change).toMatchObject({ changeDeadline: '2026-12-01', late: false });
  });

  it('refuses to approve a change made against an older version than the current one, changing nothing', async () => {
    const c = server.client();
    const { id, filingNumber: number } = await approvedFiling(c, reviewer);
    const change = await startedChange(c, id, '2026-11-26');
    await c.put(`/api/changes/${change.id}`, changedForm());
    await c.post(`/api/changes/${change.id}/submit`);
    // Meanwhile the record moved on to version 2 (as another applied change would have made it).
    await server.ctx.db.update(filings).set({ recordVersion: 2 }).where(eq(filings.id, id));
    const res = await reviewer.post(`/api/review/changes/${change.id}/approve`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stale_change');
    expect((await reviewer.get(`/api/review/changes/${change.id}`)).body.change).toMatchObject({
      status: 'submitted',
      stale: true,
    });
    expect((await publicRecord(number)).homepageUrl).toBe('https://www.vulbox.example.cn/');
    expect(await countRows(server, 'filing_versions', sql`filing_id = ${id}`)).toBe(1);
    expect((await partnerFeed(server, id)).map((f) => f.eventType)).toEqual(['filing.approved']);
  });
});
