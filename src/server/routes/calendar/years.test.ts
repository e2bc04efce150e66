/**
 * The calendar years over HTTP (issue 15 item 2): only admins, invalid input refused naming the field with nothing
 * stored, the notice's text previewed, and saving 2027 turning provisional deadlines final, telling those concerned.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { loginStaff, submittedFiling } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { countRows } from '../../test/lifecycle.js';

/** Monday 21 December 2026, 10:00 in China: 10 working days reach into 2027, which has no schedule. */
const clock = new Date('2026-12-21T02:00:00Z');
let server: TestServer;
let admin: TestClient;
let reviewer: TestClient;
let handler: TestClient;
let applicant: TestClient;
let filingId: string;

/** A 2027 schedule for the tests: New Year's Day on Friday 1 January, off to Sunday 3 January. */
const SCHEDULE_2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
  ],
  workdays: [],
};

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  admin = server.client();
  reviewer = server.client();
  handler = server.client();
  applicant = server.client();
  await loginStaff(server, admin, ['admin']);
  await loginStaff(server, reviewer, ['reviewer']);
  await loginStaff(server, handler, ['complaints']);
  filingId = await submittedFiling(applicant);
  // A complaint taken by phone the same day, nobody assigned: 15 working days reach 2027 too.
  const complaint = await handler.post('/api/complaints', {
    channel: 'phone',
    category: 'other',
    targetName: '某漏洞平台',
    description: '电话反映该平台公开了未修复的漏洞细节。',
  });
  expect(complaint.status).toBe(201);
});
afterAll(() => server?.close());

const ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/admin/calendar/years'],
  ['GET', '/api/admin/calendar/years/2027'],
  ['POST', '/api/admin/calendar/preview', { year: 2027, schedule: SCHEDULE_2027 }],
  ['PUT', '/api/admin/calendar/years/2027', { schedule: SCHEDULE_2027 }],
];

describe('who may reach the calendar years', () => {
  it('answers 401 without a session and 403 to applicants, reviewers and complaint handlers', async () => {
    for (const [method, path, json] of ROUTES) {
      expect((await server.client().request(method, path, json ? { json } : {})).status).toBe(401);
      for (const c of [applicant, reviewer, handler]) {
        expect((await c.request(method, path, json ? { json } : {})).status, `${method} ${path}`).toBe(403);
      }
    }
    expect(await countRows(server, 'calendar_years', sql`year = 2027`)).toBe(0);
  });
});

describe('invalid input is refused naming the field, and nothing is stored', () => {
  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it.each([
    [
      { schedule: { ...SCHEDULE_2027, holidays: [{ date: '2027-02-30', name: '春节' }] } },
      400,
      'schedule.holidays[0].date',
    ],
    [
      { schedule: { ...SCHEDULE_2027, holidays: [{ date: '2026-12-31', name: '元旦' }] } },
      422,
      'schedule.holidays[0].date',
    ],
    [
      { schedule: { ...SCHEDULE_2027, workdays: [{ date: '2027-01-04', name: '元旦' }] } },
      422,
      'schedule.workdays[0].date',
    ],
    [{ schedule: { ...SCHEDULE_2027, source: '' } }, 400, 'schedule.source'],
    [{ schedule: { ...SCHEDULE_2027, year: 2028 } }, 422, 'schedule.year'],
    [{ schedule: SCHEDULE_2027, extra: 1 }, 400, 'extra'],
  ])('PUT %j → %i naming %s', async (body, status, field) => {
    const res = await admin.put('/api/admin/calendar/years/2027', body);
    expect(res.status).toBe(status);
    expect(fields(res.body)).toContain(field);
    expect(await countRows(server, 'calendar_years', sql`year = 2027`)).toBe(0);
  });

  it('refuses notice text it cannot read, naming the line', async () => {
    const text = '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周四）至3日（周日）放假，共3天。';
    const res = await admin.post('/api/admin/calendar/preview', { year: 2027, text });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'text', message: expect.stringContaining('第 2 行') });
    expect(res.body.errors[0].message).toContain('周五');
    // The code and its parameters, with the line, so the page can say it in English.
    expect(res.body.errors[0]).toMatchObject({
      code: 'notice.wrongWeekday',
      params: { line: 2, year: 2027, month: 1, day: 1, realWeekday: 5, statedWeekday: 4 },
    });
  });

  it('names a broken rule of a schedule by its code', async () => {
    const res = await admin.put('/api/admin/calendar/years/2027', {
      schedule: { ...SCHEDULE_2027, workdays: [{ date: '2027-01-04', name: '元旦' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'schedule.workdays[0].date',
        code: 'schedule.workdayNotWeekend',
        params: { date: '2027-01-04' },
        message: '2027-01-04 不是周六或周日：调休上班日只会是周末',
      }),
    ]);
  });

  it('refuses a year out of range in the path', async () => {
    expect((await admin.get('/api/admin/calendar/years/1999')).status).toBe(400);
  });
});

describe('reading and previewing', () => {
  it('shows the shipped 2026 schedule and 2027 as not entered, with the deadlines reaching into it', async () => {
    const list = await admin.get('/api/admin/calendar/years');
    expect(list.status).toBe(200);
    expect(list.body.items.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
    expect(list.body.missing).toEqual([expect.objectContaining({ year: 2027, deadlines: 2 })]);

    const y2026 = await admin.get('/api/admin/calendar/years/2026');
    expect(y2026.body.schedule.holidays).toHaveLength(33);
    expect(y2026.body.schedule.workdays.map((w: { date: string }) => w.date)).toContain('2026-02-14');
    expect((await admin.get('/api/admin/calendar/years/2027')).body).toMatchObject({ year: 2027, schedule: null });
  });

  it('previews the real 2026 notice as the shipped schedule, moving nothing', async () => {
    const text = fs.readFileSync(new URL('../../../shared/calendar/fixtures/notice-2026.txt', import.meta.url), 'utf8');
    const res = await admin.post('/api/admin/calendar/preview', { year: 2026, text });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ replaces: true, moves: [], warnings: [] });
    expect(res.body.schedule.holidays).toHaveLength(33);
  });
});

describe('saving 2027', () => {
  it('makes the provisional review due date final, tells the applicant and the reviewers, and audits it', async () => {
    const before = (await applicant.get(`/api/filings/${filingId}`)).body.filing.due;
    // Weekends only: 1 January 2027 counts as a working day for now.
    expect(before).toMatchObject({ date: '2027-01-04', provisional: true });
    expect((await reviewer.get('/api/calendar/coverage')).body.missing[0]).toMatchObject({ year: 2027 });

    const preview = await admin.post('/api/admin/calendar/preview', { year: 2027, schedule: SCHEDULE_2027 });
    expect(preview.body.moves).toEqual([
      expect.objectContaining({
        kind: 'filing_review',
        filingId,
        before: { due: '2027-01-04', provisional: true },
        after: { due: '2027-01-05', provisional: false },
      }),
      // 15 working days from 21 December: 11 January on weekends alone, 12 January with New Year's Day off.
      expect.objectContaining({
        kind: 'complaint',
        filingId: null,
        before: { due: '2027-01-11', provisional: true },
        after: { due: '2027-01-12', provisional: false },
      }),
    ]);
    expect(await countRows(server, 'calendar_years', sql`year = 2027`)).toBe(0);

    const saved = await admin.put('/api/admin/calendar/years/2027', { schedule: SCHEDULE_2027, via: 'manual' });
    expect(saved.status).toBe(200);
    expect(saved.body.moves).toHaveLength(2);
    // The applicant, the reviewers (the filing is unassigned) and the complaint handlers.
    expect(saved.body.notified).toBeGreaterThanOrEqual(3);
    const handlerNotices = (await handler.get('/api/notifications')).body.items;
    expect(handlerNotices[0]).toMatchObject({ kind: 'deadline_recounted' });
    expect(handlerNotices[0].body).toContain('2027-01-12');

    const after = (await applicant.get(`/api/filings/${filingId}`)).body.filing.due;
    expect(after).toMatchObject({ date: '2027-01-05', provisional: false });
    const queue = await reviewer.get('/api/review/queue');
    expect(queue.body.items.find((i: { id: string }) => i.id === filingId).due).toMatchObject({
      date: '2027-01-05',
      provisional: false,
    });
    expect((await reviewer.get('/api/calendar/coverage')).body.missing).toEqual([]);

    const notices = (await applicant.get('/api/notifications')).body.items;
    expect(notices[0]).toMatchObject({ kind: 'deadline_recounted', filingId });
    expect(notices[0].body).toContain('2027-01-05');
    const staffNotices = (await reviewer.get('/api/notifications')).body.items;
    expect(staffNotices[0]).toMatchObject({ kind: 'deadline_recounted' });
    expect(await countRows(server, 'outbox', sql`event_type = 'staff.deadline_recounted'`)).toBeGreaterThanOrEqual(1);
    expect(await countRows(server, 'outbox', sql`event_type = 'applicant.deadline_recounted'`)).toBe(1);

    const audit = await queryRows<{ action: string; subject_id: string; details: Record<string, unknown> }>(
      server.ctx.db,
      sql`select action, subject_id, details from audit_log where action in ('calendar.import', 'deadline.recount')
        and seq > (select max(seq) - 6 from audit_log) order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['calendar.import', 'deadline.recount', 'deadline.recount']);
    expect(audit[0]?.details).toMatchObject({ year: 2027, replaced: false, moved: 2, via: 'manual' });
    expect(audit[1]).toMatchObject({ subject_id: filingId, details: { after: { due: '2027-01-05' } } });

    const year = await admin.get('/api/admin/calendar/years/2027');
    expect(year.body.schedule).toMatchObject({ source: SCHEDULE_2027.source, holidays: SCHEDULE_2027.holidays });
  });

  it('saving the same year again moves nothing and is audited as a replacement', async () => {
    const res = await admin.put('/api/admin/calendar/years/2027', { schedule: SCHEDULE_2027 });
    expect(res.body).toMatchObject({ moves: [], notified: 0 });
    const [last] = await queryRows<{ details: Record<string, unknown> }>(
      server.ctx.db,
      sql`select details from audit_log where action = 'calendar.import' order by seq desc limit 1`,
    );
    expect(last?.details).toMatchObject({ replaced: true, moved: 0 });
  });
});
