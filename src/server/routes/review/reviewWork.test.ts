/** The reviewer's work before a decision, over HTTP: the queue, claims and assignment, checks, masking, files. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FilingDraftInput } from '../../../shared/filing/schema.js';
import { queryRows } from '../../db/client.js';
import {
  loginStaff,
  PERSONAL,
  REQUIRED_UPLOADS,
  registerApplicant,
  submittedFiling,
  validFilingDraft,
} from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';

/** Friday 2026-11-27, 11:00 in China. */
const FRIDAY = new Date('2026-11-27T03:00:00Z');
let clock = FRIDAY;
let server: TestServer;
let staff: Awaited<ReturnType<typeof reviewer>>;
beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  staff = await reviewer();
});
afterAll(() => server?.close());
beforeEach(() => {
  clock = FRIDAY;
});

async function reviewer(roles: ('reviewer' | 'admin')[] = ['reviewer']) {
  const c = server.client();
  const { user } = await loginStaff(server, c, roles);
  return Object.assign(c, { user });
}

const INDIVIDUAL: Partial<FilingDraftInput> = {
  sponsor: { type: 'individual', name: PERSONAL.individualName, idNumber: PERSONAL.residentId },
  capital: undefined,
};
const named = (name: string): Partial<FilingDraftInput> => ({ platform: { ...validFilingDraft().platform, name } });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
type QueueItem = { id: string; status: string; due: { date: string; overdue: boolean } | null };

async function auditOf(id: string, action: string) {
  return queryRows<{ actor_id: string; details: Record<string, unknown> }>(
    server.ctx.db,
    sql`select actor_id, details from audit_log where subject_id = ${id} and action = ${action} order by seq`,
  );
}

describe('the review queue', () => {
  it('puts the earliest due date first, overdue ones at the top, with the working days left', async () => {
    clock = new Date('2026-11-20T03:00:00Z');
    const early = await submittedFiling(server.client(), named('十一月二十日提交的平台'));
    clock = new Date('2026-11-27T03:00:00Z');
    const late = await submittedFiling(server.client(), named('十一月二十七日提交的平台'));
    clock = new Date('2026-11-24T03:00:00Z');
    const middle = await submittedFiling(server.client(), named('十一月二十四日提交的平台'));

    // Monday 2026-12-07.
    clock = new Date('2026-12-07T03:00:00Z');
    const monday = await reviewer();
    const res = await monday.get('/api/review/queue');
    expect(res.status, res.text).toBe(200);
    const items = res.body.items as QueueItem[];
    const mine = items.filter((i) => [early, late, middle].includes(i.id));
    expect(mine.map((i) => i.id)).toEqual([early, middle, late]);
    expect(mine.map((i) => i.due)).toEqual([
      { date: '2026-12-04', provisional: false, workingDaysLeft: -1, overdue: true },
      { date: '2026-12-08', provisional: false, workingDaysLeft: 1, overdue: false },
      { date: '2026-12-11', provisional: false, workingDaysLeft: 4, overdue: false },
    ]);
    const dates = items.map((i) => i.due?.date ?? '');
    expect(dates).toEqual([...dates].sort());
    const overdue = items.map((i) => i.due?.overdue);
    expect(overdue.slice(overdue.lastIndexOf(true) + 1)).not.toContain(true);
    expect(res.body.total).toBe(items.length);
    expect(items.every((i) => i.status === 'submitted')).toBe(true);
  });

  it('filters by status and by assignee', async () => {
    const other = await reviewer();
    const admin = await reviewer(['admin']);
    const claimed = await submittedFiling(server.client());
    const free = await submittedFiling(server.client());
    const sentBack = await submittedFiling(server.client());
    expect((await staff.post(`/api/review/filings/${claimed}/claim`)).status).toBe(200);
    const correction = { summary: '请补正', items: [{ field: 'mlps.level', message: '证明与等级不符' }] };
    expect((await staff.post(`/api/review/filings/${sentBack}/request-correction`, correction)).status).toBe(200);

    const mine = ids(await staff.get('/api/review/queue?assignee=me'));
    expect(mine).toContain(claimed);
    expect(mine).not.toContain(free);
    expect(ids(await other.get('/api/review/queue?assignee=me'))).not.toContain(claimed);
    const unassigned = await staff.get('/api/review/queue?assignee=unassigned');
    expect(ids(unassigned)).toContain(free);
    expect(ids(unassigned)).not.toContain(claimed);
    const byId = await admin.get(`/api/review/queue?assignee=${staff.user.id}`);
    expect(ids(byId)).toEqual([claimed]);
    expect(byId.body.items[0].assignedReviewer).toEqual({ id: staff.user.id, displayName: expect.any(String) });

    expect(ids(await staff.get('/api/review/queue'))).not.toContain(sentBack);
    const back = await staff.get('/api/review/queue?status=correction_requested');
    expect(ids(back)).toEqual([sentBack]);
    expect(back.body.items[0]).toMatchObject({ status: 'correction_requested', statusLabel: '待补正', due: null });
    const all = await staff.get('/api/review/queue?status=all&pageSize=100');
    expect(ids(all)).toEqual(expect.arrayContaining([claimed, free, sentBack]));
    expect(all.body.items.map((i: QueueItem) => i.status)).not.toContain('draft');

    for (const [query, field] of [
      ['status=draft', 'status'],
      ['status=pending', 'status'],
      ['assignee=nobody', 'assignee'],
      ['pageSize=0', 'pageSize'],
      ['page=-1', 'page'],
    ]) {
      const res = await staff.get(`/api/review/queue?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.errors[0].field, query).toBe(field);
    }
  });
});

describe('claiming and assigning', () => {
  it('claims for oneself; an admin assigns to a reviewer; a reviewer may not assign', async () => {
    const id = await submittedFiling(server.client());
    const claim = await staff.post(`/api/review/filings/${id}/claim`);
    expect(claim.status, claim.text).toBe(200);
    expect(claim.body.filing.assignedReviewerId).toBe(staff.user.id);

    const other = await reviewer();
    const admin = await reviewer(['admin']);
    const listed = await admin.get('/api/review/reviewers');
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([staff.user.id, other.user.id, admin.user.id]),
    );
    const refused = await staff.post(`/api/review/filings/${id}/assign`, { reviewerId: other.user.id });
    expect(refused.status).toBe(403);
    const assigned = await admin.post(`/api/review/filings/${id}/assign`, { reviewerId: other.user.id });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body.filing.assignedReviewerId).toBe(other.user.id);
    expect(ids(await other.get('/api/review/queue?assignee=me'))).toContain(id);

    expect(await auditOf(id, 'filing.claim')).toEqual([
      { actor_id: staff.user.id, details: { reviewerId: staff.user.id } },
    ]);
    expect(await auditOf(id, 'filing.assign')).toEqual([
      { actor_id: admin.user.id, details: { reviewerId: other.user.id } },
    ]);
  });

  it('refuses to assign to an applicant or an unknown account with 400 naming reviewerId', async () => {
    const applicant = server.client();
    const { user } = await registerApplicant(applicant);
    const id = await submittedFiling(server.client());
    const admin = await reviewer(['admin']);
    for (const reviewerId of [user.id, crypto.randomUUID(), 'not-a-uuid']) {
      const res = await admin.post(`/api/review/filings/${id}/assign`, { reviewerId });
      expect(res.status, reviewerId).toBe(400);
      expect(res.body.errors[0].field).toBe('reviewerId');
    }
    expect((await staff.get(`/api/review/filings/${id}`)).body.filing.assignedReviewerId).toBeNull();
  });

  it('refuses to claim a filing that is no longer waiting with 409', async () => {
    const id = await submittedFiling(server.client());
    expect((await staff.post(`/api/review/filings/${id}/approve`)).status).toBe(200);
    expect((await staff.post(`/api/review/filings/${id}/claim`)).status).toBe(409);
  });
});

describe('the authenticity checklist', () => {
  it('records each section’s result, the last one winning, and shows them on the review page', async () => {
    const id = await submittedFiling(server.client());
    const first = await staff.put(`/api/review/filings/${id}/checks/platform`, { result: 'pass', note: '已核对 ICP' });
    expect(first.status, first.text).toBe(200);
    expect(first.body.filing.checks).toEqual([
      { section: 'platform', result: 'pass', note: '已核对 ICP', checkedAt: FRIDAY.toISOString() },
    ]);
    expect((await staff.put(`/api/review/filings/${id}/checks/platform`, { result: 'fail' })).status).toBe(200);
    expect((await staff.put(`/api/review/filings/${id}/checks/capital`, { result: 'na' })).status).toBe(200);
    const view = (await staff.get(`/api/review/filings/${id}`)).body.filing;
    const checks = [...view.checks].sort((a: { section: string }, b: { section: string }) =>
      a.section.localeCompare(b.section),
    );
    expect(checks).toMatchObject([
      { section: 'capital', result: 'na', note: null },
      { section: 'platform', result: 'fail', note: null },
    ]);
    expect((await auditOf(id, 'filing.check')).map((a) => a.details)).toEqual([
      { section: 'platform', result: 'pass' },
      { section: 'platform', result: 'fail' },
      { section: 'capital', result: 'na' },
    ]);
  });

  it.each([
    ['checks/website', { result: 'pass' }, 'section'],
    ['checks/platform', { result: 'ok' }, 'result'],
    ['checks/platform', { result: 'pass', note: 'x'.repeat(1001) }, 'note'],
    ['checks/platform', {}, 'result'],
  ])('refuses PUT %s with %o: 400 naming %s', async (path, body, field) => {
    const id = await submittedFiling(server.client());
    const res = await staff.put(`/api/review/filings/${id}/${path}`, body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
    expect((await staff.get(`/api/review/filings/${id}`)).body.filing.checks).toEqual([]);
  });
});

describe('personal data in staff views', () => {
  const secrets = [
    PERSONAL.principal.mobile,
    PERSONAL.principal.email,
    PERSONAL.contact.mobile,
    PERSONAL.contact.email,
    PERSONAL.residentId,
    PERSONAL.uscc,
  ];

  it('masks ID numbers, mobiles and emails on the review page and in the queue', async () => {
    const org = await submittedFiling(server.client());
    const person = await submittedFiling(server.client(), INDIVIDUAL);
    const orgView = await staff.get(`/api/review/filings/${org}`);
    const personView = await staff.get(`/api/review/filings/${person}`);
    const queue = await staff.get('/api/review/queue?status=all&pageSize=100');
    for (const text of [orgView.text, personView.text, queue.text]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect(orgView.body.filing.data.sponsor.idNumber).toBe('913501********0Y43');
    expect(orgView.body.filing.data.people).toEqual({
      principal: { name: PERSONAL.principal.name, mobile: '139****5678', email: 'w***@example.cn' },
      contact: { name: PERSONAL.contact.name, mobile: '186****5432', email: 'l***@example.cn' },
    });
    expect(personView.body.filing.data.sponsor).toEqual({
      type: 'individual',
      name: PERSONAL.individualName,
      idNumber: '110105********002X',
    });
    const item = queue.body.items.find((i: { id: string }) => i.id === person);
    expect(item).toMatchObject({ sponsorName: '张**', sponsorType: 'individual' });
  });

  it('reveals them only with a reason, which goes into the audit log', async () => {
    const id = await submittedFiling(server.client(), INDIVIDUAL);
    for (const reason of [undefined, '', '看看']) {
      const res = await staff.post(`/api/review/filings/${id}/reveal`, reason === undefined ? {} : { reason });
      expect(res.status, String(reason)).toBe(400);
      expect(res.body.errors[0].field).toBe('reason');
    }
    expect(await auditOf(id, 'filing.reveal')).toEqual([]);

    const reason = '电话核实主办者身份，需要完整号码';
    const res = await staff.post(`/api/review/filings/${id}/reveal`, { reason });
    expect(res.status, res.text).toBe(200);
    expect(res.body.personal).toEqual({
      sponsor: { name: PERSONAL.individualName, idNumber: PERSONAL.residentId },
      people: { principal: PERSONAL.principal, contact: PERSONAL.contact },
    });
    expect(await auditOf(id, 'filing.reveal')).toEqual([{ actor_id: staff.user.id, details: { reason } }]);
  });
});

describe('attachments for staff', () => {
  it('downloads and previews an attachment with its digest; another filing’s attachment is 404', async () => {
    const owner = server.client();
    const id = await submittedFiling(owner);
    const attachments = (await owner.get(`/api/filings/${id}`)).body.filing.attachments;
    const letter = attachments.find((a: { kind: string }) => a.kind === 'commitment_letter');
    const view = (await staff.get(`/api/review/filings/${id}`)).body.filing;
    expect(view.attachments.map((a: { id: string }) => a.id)).toContain(letter.id);

    const path = `/api/review/filings/${id}/attachments/${letter.id}`;
    const download = await staff.get(path);
    expect(download.status).toBe(200);
    const expected = REQUIRED_UPLOADS.find((u) => u.kind === 'commitment_letter')?.bytes();
    expect(download.bytes.equals(expected as Buffer)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-sm3-digest')).toBe(letter.sm3);
    const preview = await staff.get(`${path}?inline=1`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-disposition')).toMatch(/^inline;/);
    expect((await staff.get(`${path}?inline=yes`)).status).toBe(400);

    const other = await submittedFiling(server.client());
    expect((await staff.get(`/api/review/filings/${other}/attachments/${letter.id}`)).status).toBe(404);
    expect((await staff.get(`/api/review/filings/${id}/attachments/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
