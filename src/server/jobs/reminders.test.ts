/**
 * Reminders with an injected clock (issue 15 item 6): reviewers 2 working days before a due date and when overdue,
 * complaint handlers likewise, applicants about an open correction notice and their Art. 6 duty, staff about a year
 * without a schedule; one notification per reminder and one digest email per person and day, however many runs and
 * instances.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { approveViaApi, loginStaff, startedChange, submittedFiling } from '../test/factories.js';
import { startSecondInstance, startTestServer, type TestServer } from '../test/harness.js';
import { remindersJob, runReminders } from './reminders.js';
import { Scheduler } from './scheduler.js';

const onPostgres = inject('dbKind') === 'postgres';
/** 10:00 in China on a day of 2026. */
const day = (date: string) => new Date(`${date}T02:00:00Z`);
let clock = day('2026-11-16'); // a Monday
let server: TestServer;
let second: TestServer | undefined;
const ids = { reviewer1: '', reviewer2: '', handler: '', admin: '', applicantB: '', applicantC: '' };
let filing1 = '';
let filing2 = '';

async function notices(userId: string, kind?: string) {
  return queryRows<{ kind: string; title: string; body: string; filing_id: string | null }>(
    server.ctx.db,
    sql`select kind, title, body, filing_id from notifications where user_id = ${userId}
      and (${kind ?? null}::text is null or kind = ${kind ?? null}) and kind like 'reminder.%' order by created_at, id`,
  );
}

/** Daily digests sent to the user (one row a day in reminders_sent, each with its email in the outbox). */
async function digests(userId: string) {
  const [sent] = await queryRows<{ n: number }>(
    server.ctx.db,
    sql`select count(*)::int as n from reminders_sent where key like ${`digest:${userId}:%`}`,
  );
  return sent?.n ?? 0;
}

/** Runs the day's reminders as the deployment would: twice on this instance and, on PostgreSQL, on a second too. */
async function runDay(date: string) {
  clock = day(date);
  const runs = [runReminders(server.ctx), runReminders(server.ctx)];
  if (second) runs.push(runReminders(second.ctx));
  await Promise.all(runs);
}

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  if (onPostgres) second = await startSecondInstance(server);
  const staff = async (roles: ('reviewer' | 'admin' | 'complaints')[]) => {
    const c = server.client();
    const { user } = await loginStaff(server, c, roles);
    return { c, id: user.id };
  };
  const r1 = await staff(['reviewer']);
  const r2 = await staff(['reviewer']);
  const h = await staff(['complaints']);
  const a = await staff(['admin']);
  Object.assign(ids, { reviewer1: r1.id, reviewer2: r2.id, handler: h.id, admin: a.id });

  // Filing 1: submitted Monday 16 November, due 30 November; reviewer 1 claims it.
  filing1 = await submittedFiling(server.client());
  expect((await r1.c.post(`/api/review/filings/${filing1}/claim`)).status).toBe(200);
  // Filing 2: sent back for correction the same day.
  const b = server.client();
  filing2 = await submittedFiling(b);
  ids.applicantB = (await b.get('/api/auth/me')).body.user.id;
  const corr = await r1.c.post(`/api/review/filings/${filing2}/request-correction`, {
    summary: '请补正',
    items: [{ field: 'platform.name', message: '请核对名称' }],
  });
  expect(corr.status).toBe(200);
  // A change of an approved filing whose information changed on 16 November: to be filed by 16 December.
  const cClient = server.client();
  const filing3 = await submittedFiling(cClient);
  await approveViaApi(r2.c, filing3);
  ids.applicantC = (await cClient.get('/api/auth/me')).body.user.id;
  const change = await startedChange(cClient, filing3, '2026-11-16');
  expect(change.changeDeadline).toBe('2026-12-16');
  // A complaint by phone, nobody assigned: 15 working days, due 7 December.
  const complaint = await h.c.post('/api/complaints', {
    channel: 'phone',
    category: 'other',
    targetName: '某漏洞平台',
    description: '电话反映该平台公开了未修复的漏洞细节。',
  });
  expect(complaint.status).toBe(201);
  // Decisions and approvals of the setup told people things: only reminders count below.
});
afterAll(async () => {
  await second?.close();
  await server?.close();
});

describe('reminders, day by day', () => {
  it('on 20 November: nothing for the reviewers yet; the applicant of the change is told of the 30-day duty', async () => {
    await runDay('2026-11-20');
    expect(await notices(ids.reviewer1)).toEqual([]);
    const duty = await notices(ids.applicantC);
    expect(duty).toEqual([expect.objectContaining({ kind: 'reminder.duty_open' })]);
    expect(duty[0]?.body).toContain('2026-12-16');
    expect(await notices(ids.applicantB)).toEqual([]);
  });

  it('on 23 November: the open correction notice is recalled, once', async () => {
    await runDay('2026-11-23');
    expect(await notices(ids.applicantB)).toEqual([
      expect.objectContaining({ kind: 'reminder.correction', filing_id: filing2 }),
    ]);
    await runDay('2026-11-24');
    expect(await notices(ids.applicantB)).toHaveLength(1);
  });

  it('on 26 November (2 working days left): the assigned reviewer alone, one notification and one email', async () => {
    await runDay('2026-11-26');
    const soon = await notices(ids.reviewer1, 'reminder.due_soon');
    expect(soon).toHaveLength(1);
    expect(soon[0]?.body).toContain('2026-11-30');
    expect(soon[0]?.body).toContain('还剩 2 个工作日');
    expect(await notices(ids.reviewer2)).toEqual([]);
    expect(await digests(ids.reviewer1)).toBe(1);
    const [mail] = await queryRows<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from outbox where event_type = 'staff.reminders'`,
    );
    expect(mail?.n).toBe(1);
  });

  it('on 1 December (overdue): reminded again, by a second digest on that day only', async () => {
    await runDay('2026-12-01');
    await runDay('2026-12-02');
    expect(await notices(ids.reviewer1, 'reminder.overdue')).toHaveLength(1);
    expect((await notices(ids.reviewer1, 'reminder.overdue'))[0]?.body).toContain('超期 1 个工作日');
    expect(await digests(ids.reviewer1)).toBe(2);
    const [mails] = await queryRows<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from outbox where event_type = 'staff.reminders'`,
    );
    expect(mails?.n).toBe(2);
    // The complaint (due 7 December) has 4 working days left on 1 December: not yet.
    expect(await notices(ids.handler)).toEqual([]);
  });

  it('on 3 December: the unassigned complaint reminds every complaint handler', async () => {
    await runDay('2026-12-03');
    const soon = await notices(ids.handler, 'reminder.due_soon');
    expect(soon).toHaveLength(1);
    expect(soon[0]?.body).toContain('2026-12-07');
  });

  it('on 9 and 17 December: the change applicant is reminded before and after the deadline', async () => {
    await runDay('2026-12-09');
    await runDay('2026-12-17');
    expect((await notices(ids.applicantC)).map((n) => n.kind)).toEqual([
      'reminder.duty_open',
      'reminder.duty_soon',
      'reminder.duty_passed',
    ]);
  });

  it('on 21 December: a deadline reaching into 2027 warns the admin and the reviewers whose work it is', async () => {
    clock = day('2026-12-21');
    await submittedFiling(server.client()); // due in January 2027, provisional, unassigned
    await runDay('2026-12-21');
    const warned = await notices(ids.admin, 'reminder.coverage');
    expect(warned).toHaveLength(1);
    expect(warned[0]?.title).toContain('2027');
    expect(await notices(ids.reviewer2, 'reminder.coverage')).toHaveLength(1);
    expect(await notices(ids.handler, 'reminder.coverage')).toEqual([]);
    // Once a week, not every day.
    await runDay('2026-12-22');
    expect(await notices(ids.admin, 'reminder.coverage')).toHaveLength(1);
  });

  it('settles a deadline counted provisional after 2027 was entered elsewhere (a stale calendar copy)', async () => {
    // The year stored as another instance would, without this one recounting anything.
    await server.ctx.db.transaction((tx) =>
      server.ctx.calendar.importYear(
        tx,
        { year: 2027, source: 'test', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] },
        null,
      ),
    );
    const open = () =>
      queryRows<{ due_date: string; due_provisional: boolean }>(
        server.ctx.db,
        sql`select due_date::text, due_provisional from filings where status = 'submitted' and due_date >= '2027-01-01'`,
      );
    expect((await open())[0]).toMatchObject({ due_date: '2027-01-04', due_provisional: true });
    await runDay('2026-12-23');
    expect((await open())[0]).toMatchObject({ due_date: '2027-01-05', due_provisional: false });
    const [audit] = await queryRows<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'deadline.recount'`,
    );
    expect(audit?.n).toBe(1);
  });

  it('runs as the scheduler’s recurring job at 08:00 China time', async () => {
    clock = day('2026-12-23');
    const scheduler = new Scheduler(server.ctx, [remindersJob]);
    await scheduler.ensureRecurring();
    const [job] = await queryRows<{ run_at: Date }>(
      server.ctx.db,
      sql`select run_at from scheduled_jobs where name = 'reminders.daily' and status = 'pending'`,
    );
    expect(new Date(job?.run_at as Date).toISOString()).toBe('2026-12-24T00:00:00.000Z');
    clock = new Date('2026-12-24T00:00:01Z');
    expect(await scheduler.runDue()).toMatchObject({ claimed: 1, done: 1 });
  });
});
