import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, filings } from '../../db/schema.js';
import { adminClient, approvedFiling } from '../../test/deliveries.js';
import { loginStaff, registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

let server: TestServer;
let admin: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(() => server?.close());

const settingsAudits = () =>
  server.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update')).orderBy(desc(auditLog.seq));

describe('settings: who may', () => {
  it('answers 401 without a session and 403 to applicants, reviewers and complaint handlers', async () => {
    const applicant = server.client();
    await registerApplicant(applicant);
    const reviewer = server.client();
    await loginStaff(server, reviewer, ['reviewer', 'complaints']);
    for (const [method, json] of [['GET'], ['PUT', { complaints: { phone: '12377' } }]] as const) {
      expect((await server.client().request(method, '/api/admin/settings', json ? { json } : {})).status).toBe(401);
      for (const c of [applicant, reviewer]) {
        const res = await c.request(method, '/api/admin/settings', json ? { json } : {});
        expect(res.status).toBe(403);
      }
    }
    expect(await server.ctx.settings.get('complaints.phone')).toBe('');
  });
});

describe('settings', () => {
  it('shows the defaults and the next filing number of this year', async () => {
    const res = await admin.get('/api/admin/settings');
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      measures: { effectiveDate: '2023-01-01' },
      filingNumber: { format: '工信漏备{year}{seq:5}号' },
      upload: { maxBytes: 20 * 1024 * 1024 },
      complaints: { phone: '', email: '', limitWorkingDays: {} },
      monitor: { daily: true, spreadHours: 20 },
    });
    expect(res.body.numbering.nextSeq).toBe(1);
    expect(res.body.defaults.complaintLimitWorkingDays).toBe(15);
  });

  it('changes what it is given, audits each change with before and after, and the system uses the new values', async () => {
    const res = await admin.put('/api/admin/settings', {
      measures: { effectiveDate: '2024-03-01' },
      complaints: { phone: '010-12377', email: 'jubao@example.gov.cn', limitWorkingDays: { leak: 5 } },
      monitor: { spreadHours: 6 },
    });
    expect(res.status).toBe(200);
    expect(res.body.settings.measures.effectiveDate).toBe('2024-03-01');
    expect(res.body.settings.complaints).toMatchObject({ phone: '010-12377', limitWorkingDays: { leak: 5 } });
    expect(res.body.settings.monitor).toEqual({ daily: true, spreadHours: 6, hostDelayMs: 1000 });

    const [entry] = await settingsAudits();
    expect(entry?.details).toEqual({
      changes: expect.arrayContaining([
        { key: 'measures.effectiveDate', before: '2023-01-01', after: '2024-03-01' },
        { key: 'complaints.phone', before: '', after: '010-12377' },
        { key: 'complaints.limitWorkingDays', before: {}, after: { leak: 5 } },
        { key: 'monitor.spreadHours', before: 20, after: 6 },
      ]),
    });
    expect((entry?.details as { changes: unknown[] } | undefined)?.changes).toHaveLength(5);
    expect(entry?.actorId).toBeTruthy();

    // The public complaint page shows the channel set here.
    const page = await server.client().get('/');
    expect(page.text).toContain('010-12377');
    expect(page.text).toContain('jubao@example.gov.cn');
  });

  it('writes nothing and audits nothing when nothing changes', async () => {
    const before = (await settingsAudits()).length;
    const res = await admin.put('/api/admin/settings', { monitor: { spreadHours: 6 } });
    expect(res.status).toBe(200);
    expect((await settingsAudits()).length).toBe(before);
  });

  it('refuses bad values with a 400 naming the setting, and changes nothing', async () => {
    const before = (await admin.get('/api/admin/settings')).body;
    const audits = (await settingsAudits()).length;
    const cases: [unknown, string][] = [
      [{ measures: { effectiveDate: '2024-02-30' } }, 'measures.effectiveDate'],
      [{ measures: { effectiveDate: '1999-12-31' } }, 'measures.effectiveDate'],
      [{ filingNumber: { format: '工信漏备{seq:5}号' } }, 'filingNumber.format'],
      [{ filingNumber: { format: '工信漏备{year}号' } }, 'filingNumber.format'],
      [{ filingNumber: { format: '工信/{year}{seq:5}' } }, 'filingNumber.format'],
      [{ filingNumber: { format: '{year}{seq:40}' } }, 'filingNumber.format'],
      [{ filingNumber: { format: '{year}{seq}{month}' } }, 'filingNumber.format'],
      [{ upload: { maxBytes: 10 } }, 'upload.maxBytes'],
      [{ upload: { maxBytes: '20MB' } }, 'upload.maxBytes'],
      [{ complaints: { phone: 'call us<script>' } }, 'complaints.phone'],
      [{ complaints: { email: 'not-an-email' } }, 'complaints.email'],
      [{ complaints: { limitWorkingDays: { leak: 0 } } }, 'complaints.limitWorkingDays.leak'],
      [{ complaints: { limitWorkingDays: { nonsense: 5 } } }, 'complaints.limitWorkingDays.nonsense'],
      [{ monitor: { daily: 'yes' } }, 'monitor.daily'],
      [{ monitor: { spreadHours: 25 } }, 'monitor.spreadHours'],
      [{ monitor: { cron: '* * * * *' } }, 'monitor.cron'],
      [{ secrets: {} }, 'secrets'],
      // A valid value beside an invalid one is not written either.
      [{ complaints: { phone: '12377', email: 'bad' } }, 'complaints.email'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.put('/api/admin/settings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    // The error carries the catalog code the schema's check raised, for the settings page to say in English.
    const noYear = await admin.put('/api/admin/settings', { filingNumber: { format: '工信漏备{seq:5}号' } });
    expect(noYear.body.errors[0]).toMatchObject({
      field: 'filingNumber.format',
      code: 'api.numberFormatYear',
      message: '编号格式须包含 {year}',
    });
    expect((await admin.get('/api/admin/settings')).body).toEqual(before);
    expect((await settingsAudits()).length).toBe(audits);
  });

  it('issues numbers in a new format, and refuses one whose next number was already issued (422)', async () => {
    const first = await approvedFiling(server);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(first.filingNumber).toBe(`工信漏备${year}00001号`);
    expect((await admin.get('/api/admin/settings')).body.numbering).toEqual({ year, nextSeq: 2 });

    const changed = await admin.put('/api/admin/settings', { filingNumber: { format: 'VCP-{year}-{seq:3}' } });
    expect(changed.status).toBe(200);
    const second = await approvedFiling(server);
    expect(second.filingNumber).toBe(`VCP-${year}-002`);

    // A number that exists already (say, carried over from an earlier register) would be issued next: refused.
    await server.ctx.db
      .update(filings)
      .set({ filingNumber: `工信漏备${year}00003号` })
      .where(eq(filings.id, first.filingId));
    const reused = await admin.put('/api/admin/settings', { filingNumber: { format: '工信漏备{year}{seq:5}号' } });
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].field).toBe('filingNumber.format');
    expect(reused.body.errors[0].message).toContain(`工信漏备${year}00003号`);
    expect(await server.ctx.settings.get('filingNumber.format')).toBe('VCP-{year}-{seq:3}');
  });
});
