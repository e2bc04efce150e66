/** Review decisions over HTTP: who may reach the review API, approval, correction notices and the review clock. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import {
  createCompleteDraft,
  loginStaff,
  PERSONAL,
  registerApplicant,
  submittedFiling,
  validFilingDraft,
} from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

/** Friday 2026-11-27, 11:00 in China. */
const FRIDAY = new Date('2026-11-27T03:00:00Z');
let clock = FRIDAY;
let server: TestServer;
/** A reviewer signed in on FRIDAY; tests that move the clock past the session's life sign in another. */
let staff: Awaited<ReturnType<typeof reviewer>>;
beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  staff = await reviewer();
});
afterAll(() => server?.close());
beforeEach(() => {
  clock = FRIDAY;
});

const at = (iso: string) => {
  clock = new Date(iso);
};

async function reviewer(roles: ('reviewer' | 'admin')[] = ['reviewer']) {
  const c = server.client();
  const { user } = await loginStaff(server, c, roles);
  return Object.assign(c, { user });
}

/** An applicant who can sign in again after the clock moved past the session's life. */
async function applicantWithFiling() {
  const c = server.client();
  const creds = await registerApplicant(c);
  const id = await createCompleteDraft(c);
  const submit = await c.post(`/api/filings/${id}/submit`);
  expect(submit.status, submit.text).toBe(200);
  const signIn = async () => {
    const res = await c.post('/api/auth/login', { email: creds.email, password: creds.password });
    expect(res.status, res.text).toBe(200);
  };
  return { c, id, dueDate: submit.body.dueDate as string, signIn };
}

const CORRECTION = {
  summary: '请补正以下内容后重新提交',
  items: [
    { field: 'platform.icpNumber', message: 'ICP备案号与主办单位不一致' },
    { field: 'people.contact.mobile', message: '联系人手机号无法接通' },
  ],
};

async function counter(year = 2026): Promise<number | null> {
  const rows = await queryRows<{ last: number }>(
    server.ctx.db,
    sql`select last from filing_number_counters where year = ${year}`,
  );
  return rows[0] ? Number(rows[0].last) : null;
}

async function auditOf(id: string, action: string) {
  return queryRows<{ actor_id: string; details: Record<string, unknown> }>(
    server.ctx.db,
    sql`select actor_id, details from audit_log where subject_id = ${id} and action = ${action} order by seq`,
  );
}

describe('who may use the review API', () => {
  let id: string;
  let attachmentId: string;
  let owner: TestClient;

  beforeAll(async () => {
    owner = server.client();
    id = await submittedFiling(owner);
    attachmentId = (await owner.get(`/api/filings/${id}`)).body.filing.attachments[0].id;
  });

  const routes = (withBodies: boolean): [string, string, unknown?][] => [
    ['GET', '/api/review/queue'],
    ['GET', '/api/review/reviewers'],
    ['GET', `/api/review/filings/${id}`],
    ['POST', `/api/review/filings/${id}/approve`],
    ['POST', `/api/review/filings/${id}/request-correction`, withBodies ? CORRECTION : undefined],
    ['POST', `/api/review/filings/${id}/claim`],
    ['POST', `/api/review/filings/${id}/assign`, withBodies ? { reviewerId: staff.user.id } : undefined],
    ['PUT', `/api/review/filings/${id}/checks/platform`, withBodies ? { result: 'pass' } : undefined],
    ['POST', `/api/review/filings/${id}/reveal`, withBodies ? { reason: '核实主办者身份' } : undefined],
    ['GET', `/api/review/filings/${id}/attachments/${attachmentId}`],
  ];

  async function expectUntouched() {
    const row = await loginAndView();
    expect(row).toMatchObject({ status: 'submitted', assignedReviewerId: null, checks: [], decisions: [] });
    expect(await auditOf(id, 'filing.reveal')).toEqual([]);
  }
  const loginAndView = async () => (await staff.get(`/api/review/filings/${id}`)).body.filing;

  it.each([true, false])('answers 401 without a session on every route (valid bodies: %s)', async (withBodies) => {
    const anonymous = server.client();
    for (const [method, path, json] of routes(withBodies)) {
      const res = await anonymous.request(method, path, json === undefined ? {} : { json });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    await expectUntouched();
  });

  it.each([true, false])('answers 403 to an applicant on every route, even the owner (valid bodies: %s)', async (b) => {
    for (const client of [owner, server.client()]) {
      if (client !== owner) await registerApplicant(client);
      for (const [method, path, json] of routes(b)) {
        const res = await client.request(method, path, json === undefined ? {} : { json });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    await expectUntouched();
  });

  it('answers 403 to staff without the reviewer role', async () => {
    const complaints = server.client();
    await loginStaff(server, complaints, ['complaints']);
    for (const [method, path, json] of routes(true)) {
      expect((await complaints.request(method, path, json === undefined ? {} : { json })).status).toBe(403);
    }
  });

  it('answers 404 for a draft, which staff cannot see, and for an unknown id', async () => {
    const draft = await createCompleteDraft(owner);
    const draftAttachment = (await owner.get(`/api/filings/${draft}`)).body.filing.attachments[0].id;
    for (const filingId of [draft, crypto.randomUUID()]) {
      for (const [method, path, json] of routes(true).slice(2)) {
        const p = path.replace(id, filingId).replace(attachmentId, draftAttachment);
        const res = await staff.request(method, p, json === undefined ? {} : { json });
        expect(res.status, `${method} ${p}`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    }
    expect((await owner.get(`/api/filings/${draft}`)).body.filing.status).toBe('draft');
  });
});

describe('approval', () => {
  it('approves with a number that the applicant, the review page and the notifications show', async () => {
    const owner = server.client();
    const id = await submittedFiling(owner);
    const before = (await counter()) ?? 0;
    const res = await staff.post(`/api/review/filings/${id}/approve`);
    expect(res.status, res.text).toBe(200);
    const number = res.body.filingNumber as string;
    expect(number).toBe(`工信漏备2026${String(before + 1).padStart(5, '0')}号`);
    expect(res.body.filing).toMatchObject({
      status: 'approved',
      filingNumber: number,
      approvedAt: FRIDAY.toISOString(),
      due: null,
      allowedActions: ['read', 'reveal'],
    });
    expect(res.body.filing.decisions).toEqual([expect.objectContaining({ kind: 'approve', overdue: false })]);
    expect((await owner.get(`/api/filings/${id}`)).body.filing).toMatchObject({
      status: 'approved',
      filingNumber: number,
    });
    expect(await auditOf(id, 'filing.approve')).toEqual([
      {
        actor_id: staff.user.id,
        details: { from: 'submitted', to: 'approved', filingNumber: number, overdue: false },
      },
    ]);

    const inbox = await owner.get('/api/notifications');
    expect(inbox.status).toBe(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ filingId: id, kind: 'approved', read: false });
    expect(inbox.body.items[0].title).toContain(number);
    expect(inbox.body.items[0].body).toContain(number);
  });

  it('refuses a second approval and a correction notice after it with 409, issuing nothing', async () => {
    const id = await submittedFiling(server.client());
    const first = await staff.post(`/api/review/filings/${id}/approve`);
    expect(first.status).toBe(200);
    const last = await counter();
    const again = await staff.post(`/api/review/filings/${id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    expect((await staff.post(`/api/review/filings/${id}/request-correction`, CORRECTION)).status).toBe(409);
    expect(await counter()).toBe(last);
    const view = (await staff.get(`/api/review/filings/${id}`)).body.filing;
    expect(view).toMatchObject({ status: 'approved', filingNumber: first.body.filingNumber });
    expect(view.decisions).toHaveLength(1);
  });

  it('approves two filings pressed at the same time with two consecutive numbers', async () => {
    const [a, b] = [await submittedFiling(server.client()), await submittedFiling(server.client())];
    const before = (await counter()) ?? 0;
    const both = await Promise.all([a, b].map((id) => staff.post(`/api/review/filings/${id}/approve`)));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const seqs = both.map((r) => Number(/(\d{5})号$/.exec(r.body.filingNumber)?.[1])).sort((x, y) => x - y);
    expect(seqs).toEqual([before + 1, before + 2]);
  });
});

describe('correction notices (补正)', () => {
  it.each<[string, string, unknown]>([
    ['no items', 'items', { summary: '请补正', items: [] }],
    [
      'an unknown field path',
      'items[0].field',
      { summary: '请补正', items: [{ field: 'foo.bar', message: '看不懂' }] },
    ],
    ['a malformed path', 'items[0].field', { summary: '请补正', items: [{ field: 'platform..name', message: 'x' }] }],
    ['an empty message', 'items[0].message', { summary: '请补正', items: [{ field: 'platform.name', message: ' ' }] }],
    ['no summary', 'summary', { items: CORRECTION.items }],
    ['an unknown key', 'deadline', { ...CORRECTION, deadline: '2026-12-01' }],
  ])('refuses %s with 400 naming %s, and changes nothing', async (_what, field, body) => {
    const owner = server.client();
    const id = await submittedFiling(owner);
    const res = await staff.post(`/api/review/filings/${id}/request-correction`, body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await owner.get(`/api/filings/${id}`)).body.filing).toMatchObject({
      status: 'submitted',
      correction: null,
    });
    expect((await owner.get('/api/notifications')).body.items).toEqual([]);
  });

  it('sends the filing back with reasons per field; the resubmission restarts the 10-working-day clock', async () => {
    const { c: owner, id, dueDate, signIn } = await applicantWithFiling();
    expect(dueDate).toBe('2026-12-11');
    const sent = await staff.post(`/api/review/filings/${id}/request-correction`, CORRECTION);
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.filing).toMatchObject({ status: 'correction_requested', due: null });
    expect(sent.body.filing.decisions[0]).toMatchObject({ kind: 'correction', ...CORRECTION, overdue: false });

    const mine = (await owner.get(`/api/filings/${id}`)).body.filing;
    expect(mine.status).toBe('correction_requested');
    expect(mine.correction).toMatchObject({ summary: CORRECTION.summary, items: CORRECTION.items });
    expect(mine.allowedActions).toEqual(expect.arrayContaining(['update', 'upload', 'submit']));
    const inbox = (await owner.get('/api/notifications')).body.items;
    expect(inbox[0]).toMatchObject({ filingId: id, kind: 'correction_requested' });
    expect(inbox[0].body).toContain(CORRECTION.summary);
    for (const item of CORRECTION.items) expect(inbox[0].body).toContain(item.message);
    // The notice names each field, and carries its key and parameters for the web to say it in English.
    expect(inbox[0].body).toContain('1. ICP备案号：ICP备案号与主办单位不一致\n2. 联系人手机号码：联系人手机号无法接通');
    expect(inbox[0].message).toEqual({ key: 'correction_requested', params: CORRECTION });
    expect((await staff.get('/api/review/queue')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);

    // Thursday 2026-12-03: the applicant corrects and submits again; 10 working days from Friday 12-04.
    at('2026-12-03T02:00:00Z');
    await signIn();
    const fixed = validFilingDraft();
    fixed.people = { ...fixed.people, contact: { ...PERSONAL.contact, mobile: '13700001111' } };
    const put = await owner.put(`/api/filings/${id}`, fixed);
    expect(put.status, put.text).toBe(200);
    const again = await owner.post(`/api/filings/${id}/submit`);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ dueDate: '2026-12-17', provisional: false, workingDaysLeft: 10 });
    expect(again.body.filing).toMatchObject({ status: 'submitted', receivedDate: '2026-12-03', correction: null });

    const staffNow = await reviewer();
    const view = (await staffNow.get(`/api/review/filings/${id}`)).body.filing;
    expect(view).toMatchObject({ status: 'submitted', receivedDate: '2026-12-03' });
    expect(view.due).toMatchObject({ date: '2026-12-17', workingDaysLeft: 10, overdue: false });
    expect(view.data.people.contact.mobile).toBe('137****1111');
    const queue = (await staffNow.get('/api/review/queue')).body.items.find((i: { id: string }) => i.id === id);
    expect(queue.due).toMatchObject({ date: '2026-12-17', workingDaysLeft: 10 });
    expect((await auditOf(id, 'filing.submit')).map((a) => a.details.dueDate)).toEqual(['2026-12-11', '2026-12-17']);
  });
});

describe('decisions after the due date', () => {
  it('allows an approval after the due date and records it as overdue', async () => {
    const { id } = await applicantWithFiling();
    // Monday 2026-12-14: one working day past the due date of Friday 12-11.
    at('2026-12-14T03:00:00Z');
    const staff = await reviewer();
    const before = (await staff.get(`/api/review/filings/${id}`)).body.filing;
    expect(before.due).toMatchObject({ date: '2026-12-11', overdue: true, workingDaysLeft: -1 });
    const res = await staff.post(`/api/review/filings/${id}/approve`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.filing.decisions[0]).toMatchObject({ kind: 'approve', overdue: true });
    const rows = await queryRows<{ overdue: boolean; due_date: string }>(
      server.ctx.db,
      sql`select overdue, due_date::text as due_date from review_decisions where filing_id = ${id}`,
    );
    expect(rows).toEqual([{ overdue: true, due_date: '2026-12-11' }]);
    expect((await auditOf(id, 'filing.approve'))[0]?.details).toMatchObject({ overdue: true });
  });

  it('allows a correction notice after the due date and records it as overdue', async () => {
    const { id } = await applicantWithFiling();
    at('2026-12-12T03:00:00Z');
    const staff = await reviewer();
    const res = await staff.post(`/api/review/filings/${id}/request-correction`, CORRECTION);
    expect(res.status, res.text).toBe(200);
    expect(res.body.filing.decisions[0]).toMatchObject({ kind: 'correction', overdue: true });
    expect((await auditOf(id, 'filing.correction_requested'))[0]?.details).toEqual({
      from: 'submitted',
      to: 'correction_requested',
      fields: ['platform.icpNumber', 'people.contact.mobile'],
      overdue: true,
    });
  });

  it('records a decision on the due date itself as on time', async () => {
    const { id } = await applicantWithFiling();
    at('2026-12-11T09:00:00Z');
    const staff = await reviewer();
    const res = await staff.post(`/api/review/filings/${id}/approve`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.filing.decisions[0].overdue).toBe(false);
  });
});
