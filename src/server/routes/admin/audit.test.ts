import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { loginStaff, registerApplicant } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

let server: TestServer;
let admin: TestClient;
let adminId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = server.client();
  adminId = (await loginStaff(server, admin, ['admin'])).user.id;
  // Some history: a settings change by the admin, applicants signing up.
  await admin.put('/api/admin/settings', { complaints: { phone: '12377' } });
  for (let i = 0; i < 3; i++) await registerApplicant(server.client());
});
afterAll(() => server?.close());

const todayChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('audit viewer: who may', () => {
  it('answers 401 without a session and 403 to every non-admin', async () => {
    const applicant = server.client();
    await registerApplicant(applicant);
    const staff = server.client();
    await loginStaff(server, staff, ['reviewer', 'complaints']);
    for (const path of ['/api/admin/audit', '/api/admin/audit/verify', '/api/admin/audit/export.csv']) {
      expect((await server.client().get(path)).status).toBe(401);
      for (const c of [applicant, staff]) expect((await c.get(path)).status, path).toBe(403);
    }
  });
});

describe('audit viewer', () => {
  it('lists newest first and filters by who, what, subject and time', async () => {
    const all = await admin.get('/api/admin/audit');
    expect(all.status).toBe(200);
    const seqs = all.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const mine = await admin.get(`/api/admin/audit?actorId=${adminId}`);
    expect(mine.body.items.length).toBeGreaterThan(0);
    for (const e of mine.body.items) expect(e.actor.id).toBe(adminId);
    const settings = mine.body.items.find((e: { action: string }) => e.action === 'settings.update');
    expect(settings).toMatchObject({
      subjectType: 'system',
      subjectId: 'settings',
      details: { changes: [{ key: 'complaints.phone', before: '', after: '12377' }] },
    });
    expect(settings.actor.name).toBeTruthy();

    const registers = await admin.get('/api/admin/audit?action=account.register');
    expect(registers.body.items.length).toBeGreaterThanOrEqual(4);
    for (const e of registers.body.items) expect(e.action).toBe('account.register');
    // An applicant's email is masked.
    for (const e of registers.body.items) expect(e.actor.name).not.toMatch(/^applicant-.*@example\.com$/);

    const kind = await admin.get('/api/admin/audit?action=account.');
    const actions = new Set(kind.body.items.map((e: { action: string }) => e.action));
    expect(actions.has('account.register')).toBe(true);
    expect(actions.has('account.login')).toBe(true);
    expect([...actions].every((a) => String(a).startsWith('account.'))).toBe(true);

    const subject = await admin.get(`/api/admin/audit?subjectType=account&subjectId=${adminId}`);
    expect(subject.body.items.length).toBeGreaterThan(0);
    for (const e of subject.body.items) expect(e).toMatchObject({ subjectType: 'account', subjectId: adminId });

    const today = todayChina();
    expect((await admin.get(`/api/admin/audit?from=${today}&to=${today}`)).body.items.length).toBe(
      all.body.items.length,
    );
    expect((await admin.get('/api/admin/audit?from=2020-01-01&to=2020-12-31')).body.items).toEqual([]);
  });

  it('pages by a cursor without overlap', async () => {
    const first = await admin.get('/api/admin/audit?pageSize=3');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextBefore).toBe(first.body.items[2].seq);
    const second = await admin.get(`/api/admin/audit?pageSize=3&before=${first.body.nextBefore}`);
    expect(second.body.items[0].seq).toBeLessThan(first.body.items[2].seq);
    const total = (await admin.get('/api/admin/audit?pageSize=200')).body;
    expect(total.nextBefore).toBeNull();
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['actorId=someone', 'actorId'],
      ['action=DROP TABLE', 'action'],
      ['subjectType=planet', 'subjectType'],
      ['from=2026-13-01', 'from'],
      ['from=2026-05-02&to=2026-05-01', 'to'],
      ['pageSize=1000', 'pageSize'],
      ['before=-4', 'before'],
      ['colour=red', 'colour'],
    ];
    for (const [q, field] of cases) {
      const res = await admin.get(`/api/admin/audit?${q}`);
      expect(res.status, q).toBe(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        q,
      ).toContain(field);
    }
    expect((await admin.get('/api/admin/audit/export.csv?to=2026-01-01&from=2026-02-01')).status).toBe(400);
  });

  it('exports the filtered entries as CSV with a BOM, and audits the export', async () => {
    const res = await admin.get('/api/admin/audit/export.csv?action=account.register');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actorId,actorName,action,subjectType,subjectId,details,hash');
    const registers = (await admin.get('/api/admin/audit?action=account.register&pageSize=200')).body.items;
    expect(lines).toHaveLength(registers.length + 1);
    for (const l of lines.slice(1)) expect(l).toContain(',account.register,account,');
    const [exported] = await server.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'audit.export'))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(exported).toMatchObject({ actorId: adminId, details: { filters: { action: 'account.register' } } });
  });

  it('escapes cells a spreadsheet would run as a formula', async () => {
    await admin.put('/api/admin/settings', { complaints: { phone: '+86 10 12377' } });
    const res = await admin.get('/api/admin/audit/export.csv?action=settings.update');
    expect(res.text).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('shows the chain as intact, and names the first broken entry after tampering', async () => {
    const ok = await admin.get('/api/admin/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.body.checked).toBeGreaterThan(5);

    const [victim] = await server.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update')).limit(1);
    await server.ctx.db
      .update(auditLog)
      .set({ details: { changes: [] } })
      .where(eq(auditLog.seq, victim?.seq ?? 0));
    const broken = await admin.get('/api/admin/audit/verify');
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: victim?.seq } });
  });
});
