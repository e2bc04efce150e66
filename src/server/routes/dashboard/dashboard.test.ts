/**
 * The staff dashboard over HTTP (issue 15 item 5), on PGlite and PostgreSQL: filings, changes, decisions,
 * complaints and monitor states seeded in known states, the exact figures asserted, and every figure's link
 * opened through its list's API with the same total; who may see which section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../shared/api/dashboard.js';
import { dashboardLinks, type ListLink } from '../../../shared/api/dashboardLinks.js';
import { loginStaff, registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import {
  buildApplicant,
  buildChange,
  buildComplaint,
  buildDecision,
  buildFiling,
  buildMonitorState,
} from '../../test/rows.js';

/** Friday 2026-11-27, 11:00 in China: overdue before Friday, due soon up to Tuesday 1 December. */
const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let admin: TestClient;
let reviewer: TestClient;
let handler: TestClient;
let ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  admin = server.client();
  reviewer = server.client();
  handler = server.client();
  const reviewerId = (await loginStaff(server, admin, ['reviewer', 'admin'])).user.id;
  await loginStaff(server, reviewer, ['reviewer']);
  await loginStaff(server, handler, ['complaints']);
  const db = server.ctx.db;
  const owner = await buildApplicant(db);
  const filing = (o: Parameters<typeof buildFiling>[2]) => buildFiling(db, owner, o);
  ids = {
    overdue: await filing({ dueDate: '2026-11-26', late: true }),
    dueToday: await filing({ dueDate: '2026-11-27' }),
    dueTuesday: await filing({ dueDate: '2026-12-01' }),
    dueWednesday: await filing({ dueDate: '2026-12-02' }),
    correction: await filing({
      status: 'correction_requested',
      dueDate: '2026-11-20',
      data: { operation: { alreadyOnline: false, launchDate: '2026-12-10' } },
    }),
    compliant: await filing({ status: 'approved' }),
    flagged: await filing({ status: 'approved' }),
    unreachable: await filing({ status: 'approved' }),
    unchecked: await filing({ status: 'approved' }),
    draft: await filing({ status: 'draft', late: true, dueDate: '2026-11-01' }),
    withdrawn: await filing({ status: 'withdrawn', late: true }),
    revoked: await filing({ status: 'revoked' }),
  };
  await buildMonitorState(db, ids.compliant as string, { result: 'compliant' });
  await buildMonitorState(db, ids.flagged as string, { result: 'missing', flagged: true });
  await buildMonitorState(db, ids.unreachable as string, { result: 'unreachable' });
  await buildMonitorState(db, ids.revoked as string, { result: 'compliant' });
  const change = (filingId: string, o: Parameters<typeof buildChange>[3]) => buildChange(db, filingId, owner, o);
  ids.changeOverdue = await change(ids.compliant as string, { dueDate: '2026-11-25', late: true });
  ids.changeSoon = await change(ids.flagged as string, { dueDate: '2026-11-30' });
  ids.changeApproved = await change(ids.unreachable as string, { status: 'approved', late: true });
  await change(ids.unchecked as string, { status: 'draft', late: true });

  // Decisions on submissions due Friday 20 November (received Friday 6 November), and one due Monday 19 October
  // across the National Day holiday (received 29 September; 1–7 October off, Saturday 10 October worked).
  const decide = (filingId: string, dueDate: string, at: string, overdue = false, changeId?: string) =>
    buildDecision(db, { filingId, reviewerId, dueDate, at: new Date(at), overdue, ...(changeId ? { changeId } : {}) });
  await decide(ids.flagged as string, '2026-11-20', '2026-11-20T02:00:00Z'); // 10 working days
  await decide(ids.unreachable as string, '2026-11-20', '2026-11-10T02:00:00Z'); // 2
  await decide(ids.compliant as string, '2026-11-20', '2026-11-24T02:00:00Z', true); // 12, late
  await decide(ids.unreachable as string, '2026-11-20', '2026-11-16T02:00:00Z', false, ids.changeApproved); // 6
  await decide(ids.correction as string, '2026-10-19', '2026-10-08T02:00:00Z'); // 2 (a weekday count says 3)
  await decide(ids.unchecked as string, '2026-11-20', '2026-11-20T09:00:00Z'); // 10 (17:00 in China)

  await buildComplaint(db, { category: 'unfiled', status: 'received', dueDate: '2026-11-26' });
  await buildComplaint(db, { category: 'false_info', status: 'verifying', dueDate: '2026-11-27' });
  await buildComplaint(db, { category: 'false_info', status: 'closed', dueDate: '2026-11-20' });
  await buildComplaint(db, { category: 'number_not_shown', status: 'substantiated', dueDate: '2026-12-01' });
  await buildComplaint(db, { category: 'other', status: 'received', dueDate: '2026-12-10' });
});
afterAll(() => server?.close());

async function dashboard(client: TestClient): Promise<Dashboard> {
  const res = await client.get<Dashboard>('/api/dashboard');
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** The total of the list a figure links to, through that list's API. */
async function listTotal(link: ListLink): Promise<number> {
  if (link.list === 'review') {
    const res = await admin.get(`/api/review/queue?${new URLSearchParams(link.query)}`);
    expect(res.status, res.text).toBe(200);
    return res.body.total as number;
  }
  const res = await admin.get(`/api/complaints?${new URLSearchParams(link.query)}`);
  expect(res.status, res.text).toBe(200);
  return (res.body.items as unknown[]).length;
}

describe('GET /api/dashboard', () => {
  it('counts the review work exactly', async () => {
    const d = await dashboard(admin);
    expect(d.today).toBe('2026-11-27');
    expect(d.window).toEqual({ overdueBefore: '2026-11-27', soonBefore: '2026-12-02' });
    const r = d.review;
    if (!r) throw new Error('no review section');
    expect(Object.fromEntries(r.filingsByState.map((s) => [s.state, s.count]))).toEqual({
      submitted: 4,
      correction_requested: 1,
      approved: 4,
      withdrawn: 1,
      deregistered: 0,
      revoked: 1,
    });
    expect(Object.fromEntries(r.changesByState.map((s) => [s.state, s.count]))).toEqual({
      submitted: 2,
      correction_requested: 0,
      approved: 1,
      cancelled: 0,
    });
    expect(r.due).toEqual({ filing: { soon: 2, overdue: 1 }, change: { soon: 1, overdue: 1 } });
    expect(r.late).toEqual({ article6: 2, article8: 2, launchDue: 1 });
    expect(r.reviewTimes).toEqual({
      limitDays: 10,
      decisions: 6,
      onTime: 5,
      late: 1,
      onTimeShare: 5 / 6,
      medianDays: 8,
      buckets: [
        { from: 0, to: 2, count: 2 },
        { from: 3, to: 5, count: 0 },
        { from: 6, to: 8, count: 1 },
        { from: 9, to: 10, count: 2 },
        { from: 11, to: null, count: 1 },
      ],
    });
    expect(r.monitor).toEqual({
      valid: 4,
      checked: 3,
      results: [
        { result: 'compliant', count: 1 },
        { result: 'missing', count: 1 },
        { result: 'unreachable', count: 1 },
        { result: 'manual_review', count: 0 },
      ],
      flagged: 1,
      unchecked: 1,
      complianceRate: 1 / 3,
    });
  });

  it('counts complaints by category and state, and those due soon or overdue', async () => {
    const c = (await dashboard(admin)).complaints;
    if (!c) throw new Error('no complaint section');
    expect(Object.fromEntries(c.byState.map((s) => [s.state, s.count]))).toEqual({
      received: 2,
      verifying: 1,
      substantiated: 1,
      unsubstantiated: 0,
      closed: 1,
    });
    expect(Object.fromEntries(c.byCategory.map((s) => [s.category, s.count]))).toEqual({
      unfiled: 1,
      false_info: 2,
      number_not_shown: 1,
      illegal_publication: 0,
      leak: 0,
      other: 1,
    });
    expect(c.byCategoryAndState).toEqual([
      { category: 'unfiled', state: 'received', count: 1 },
      { category: 'false_info', state: 'verifying', count: 1 },
      { category: 'false_info', state: 'closed', count: 1 },
      { category: 'number_not_shown', state: 'substantiated', count: 1 },
      { category: 'other', state: 'received', count: 1 },
    ]);
    expect(c.due).toEqual({ soon: 2, overdue: 1 });
  });

  it('links every figure to a list of the same size', async () => {
    const d = await dashboard(admin);
    const r = d.review;
    const c = d.complaints;
    if (!r || !c) throw new Error('sections missing');
    const L = dashboardLinks;
    const pairs: [ListLink, number][] = [
      ...r.filingsByState.map((s): [ListLink, number] => [L.filingsInState(s.state), s.count]),
      ...r.changesByState.map((s): [ListLink, number] => [L.changesInState(s.state), s.count]),
      [L.due('filing', 'soon'), r.due.filing.soon],
      [L.due('filing', 'overdue'), r.due.filing.overdue],
      [L.due('change', 'soon'), r.due.change.soon],
      [L.due('change', 'overdue'), r.due.change.overdue],
      [L.lateArticle6(), r.late.article6],
      [L.lateArticle8(), r.late.article8],
      [L.launchDue(), r.late.launchDue],
      [L.validFilings(), r.monitor.valid],
      ...r.monitor.results.map((m): [ListLink, number] => [L.monitor(m.result), m.count]),
      [L.monitor('flagged'), r.monitor.flagged],
      [L.monitor('unchecked'), r.monitor.unchecked],
      ...c.byState.map((s): [ListLink, number] => [L.complaintsInState(s.state), s.count]),
      ...c.byCategory.map((s): [ListLink, number] => [L.complaintsInCategory(s.category), s.count]),
      ...c.byCategoryAndState.map((s): [ListLink, number] => [L.complaintsInCategory(s.category, s.state), s.count]),
      [L.complaintsDue('soon'), c.due.soon],
      [L.complaintsDue('overdue'), c.due.overdue],
    ];
    for (const [link, figure] of pairs) expect(await listTotal(link), JSON.stringify(link)).toBe(figure);
  });

  it('lists the decisions behind the review times: late ones, and subjects decided on time', async () => {
    const late = await admin.get(`/api/review/queue?${new URLSearchParams(dashboardLinks.decided('late').query)}`);
    expect(late.body.items.map((i: { id: string }) => i.id)).toEqual([ids.compliant]);
    const onTime = await admin.get(`/api/review/queue?${new URLSearchParams(dashboardLinks.decided('on_time').query)}`);
    const got = onTime.body.items.map((i: { id: string; changeId: string | null }) => i.changeId ?? i.id).sort();
    expect(got).toEqual(
      [ids.flagged, ids.unreachable, ids.changeApproved, ids.correction, ids.unchecked].map(String).sort(),
    );
  });

  it('gives each staff role its own sections, and refuses applicants and strangers', async () => {
    const asReviewer = await dashboard(reviewer);
    expect(asReviewer.review).not.toBeNull();
    expect(asReviewer.complaints).toBeNull();
    const asHandler = await dashboard(handler);
    expect(asHandler.review).toBeNull();
    expect(asHandler.complaints?.due).toEqual({ soon: 2, overdue: 1 });
    const applicant = server.client();
    await registerApplicant(applicant);
    expect((await applicant.get('/api/dashboard')).status).toBe(403);
    expect((await server.client().get('/api/dashboard')).status).toBe(401);
  });
});

describe('the lists the dashboard links to', () => {
  const queue = async (q: string) => {
    const res = await admin.get(`/api/review/queue?${q}`);
    expect(res.status, res.text).toBe(200);
    return (res.body.items as { id: string; changeId: string | null }[]).map((i) => i.changeId ?? i.id);
  };

  it('narrow the review queue by due date, late flag and monitor state', async () => {
    expect(await queue('due=overdue')).toEqual([ids.changeOverdue, ids.overdue]);
    expect(await queue('due=soon')).toEqual([ids.dueToday, ids.changeSoon, ids.dueTuesday]);
    expect(await queue('due=soon&kind=filing')).toEqual([ids.dueToday, ids.dueTuesday]);
    // `due` judges submissions waiting for a decision only.
    expect(await queue('due=overdue&status=correction_requested')).toEqual([]);
    expect((await queue('late=1&status=all&kind=filing')).sort()).toEqual([ids.overdue, ids.withdrawn].sort());
    expect((await queue('late=true&status=all&kind=change')).sort()).toEqual(
      [ids.changeOverdue, ids.changeApproved].sort(),
    );
    expect(await queue('monitor=flagged&status=approved')).toEqual([ids.flagged]);
    expect(await queue('monitor=compliant&status=all&kind=filing')).toHaveLength(2); // the revoked one too
    expect(await queue('monitor=unchecked&status=approved')).toEqual([ids.unchecked]);
  });

  it('narrow the complaint queue by category and due date', async () => {
    const list = async (q: string) => {
      const res = await handler.get(`/api/complaints?${q}`);
      expect(res.status, res.text).toBe(200);
      return (res.body.items as { category: string; dueDate: string }[]).map((i) => `${i.category} ${i.dueDate}`);
    };
    expect(await list('due=overdue')).toEqual(['unfiled 2026-11-26']);
    expect(await list('due=soon')).toEqual(['false_info 2026-11-27', 'number_not_shown 2026-12-01']);
    expect(await list('category=false_info&status=all')).toEqual(['false_info 2026-11-27', 'false_info 2026-11-20']);
    expect(await list('category=false_info')).toHaveLength(2);
  });

  it('refuse unknown filter values with the parameter named', async () => {
    for (const q of ['due=later', 'late=yes', 'monitor=green', 'decided=maybe']) {
      const res = await admin.get(`/api/review/queue?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.text, q).toContain(q.split('=')[0]);
    }
    const res = await handler.get('/api/complaints?category=spam');
    expect(res.status).toBe(400);
    expect(res.text).toContain('category');
  });
});
