import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

interface DeadlineBody {
  from: string;
  due: string;
  provisional: boolean;
  error: { code: string; message: string };
  errors?: { field: string; message: string }[];
}

const deadline = (s: TestServer, query: string) => s.client().get<DeadlineBody>(`/api/calendar/deadline?${query}`);
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('GET /api/calendar/deadline — working days', () => {
  it('counts 10 working days from the next day, no sign-in needed', async () => {
    const res = await deadline(server, 'from=2026-11-27&workingDays=10');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-11-27', due: '2026-12-11', provisional: false });
  });

  it('takes the China date of an ISO timestamp', async () => {
    // 17:00 UTC on 30 January is 01:00 on 31 January in Beijing.
    const res = await deadline(server, `from=${encodeURIComponent('2026-01-30T17:00:00Z')}&workingDays=1`);
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2026-01-31');
    // 31 January 2026 is a Saturday: the first working day after it is Monday 2 February.
    expect(res.body.due).toBe('2026-02-02');

    const withOffset = await deadline(server, `from=${encodeURIComponent('2026-01-30T23:30:00+08:00')}&workingDays=1`);
    expect(withOffset.body.from).toBe('2026-01-30');
  });

  it('skips the 2026 Spring Festival and counts its adjusted Saturdays', async () => {
    const res = await deadline(server, 'from=2026-02-12&workingDays=10');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-02-12', due: '2026-03-04', provisional: false });
  });

  it('marks a deadline reaching into a year without a schedule as provisional', async () => {
    const res = await deadline(server, 'from=2026-12-24&workingDays=10');
    expect(res.status).toBe(200);
    // Weekends only: 1 January 2027 (a Friday) counts as a working day for now.
    expect(res.body).toMatchObject({ from: '2026-12-24', due: '2027-01-07', provisional: true });
  });
});

describe('GET /api/calendar/deadline — calendar days', () => {
  it('moves a period ending on the National Day holiday to the next working day', async () => {
    const res = await deadline(server, 'from=2026-09-01&calendarDays=30');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-09-01', due: '2026-10-08', provisional: false });
  });

  it('ends on the last day when it is a working day', async () => {
    const res = await deadline(server, 'from=2026-03-02&calendarDays=30');
    expect(res.body).toMatchObject({ due: '2026-04-01', provisional: false });
  });
});

describe('GET /api/calendar/deadline — bad input', () => {
  it.each([
    ['workingDays=10', 'from'],
    ['from=yesterday&workingDays=10', 'from'],
    ['from=2026-02-30&workingDays=10', 'from'],
    [`from=${encodeURIComponent('2026-01-30T17:00:00')}&workingDays=10`, 'from'],
    ['from=2026-11-27&workingDays=0', 'workingDays'],
    ['from=2026-11-27&workingDays=-3', 'workingDays'],
    ['from=2026-11-27&workingDays=abc', 'workingDays'],
    ['from=2026-11-27&workingDays=1.5', 'workingDays'],
    ['from=2026-11-27&workingDays=100000', 'workingDays'],
    ['from=2026-11-27&calendarDays=0', 'calendarDays'],
    ['from=2026-11-27&workingDays=10&calendarDays=30', 'workingDays'],
    ['from=2026-11-27', 'workingDays'],
  ])('answers %s with 400 naming %s', async (query, field) => {
    const res = await deadline(server, query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(fields(res.body)).toContain(field);
  });

  it('refuses an unknown parameter', async () => {
    const res = await deadline(server, 'from=2026-11-27&workingDays=10&days=3');
    expect(res.status).toBe(400);
    expect(fields(res.body)).toContain('days');
  });
});

describe('GET /api/calendar/deadline — a year entered later', () => {
  let fresh: TestServer;
  beforeAll(async () => {
    fresh = await startTestServer();
  });
  afterAll(() => fresh?.close());

  it('is no longer provisional once 2027 is imported, and moves by the holiday', async () => {
    const before = await deadline(fresh, 'from=2026-12-24&workingDays=10');
    expect(before.body).toMatchObject({ due: '2027-01-07', provisional: true });

    await fresh.ctx.db.transaction((tx) =>
      fresh.ctx.calendar.importYear(
        tx,
        { year: 2027, source: 'test', holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] },
        null,
      ),
    );

    const after = await deadline(fresh, 'from=2026-12-24&workingDays=10');
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ from: '2026-12-24', due: '2027-01-08', provisional: false });
  });
});
