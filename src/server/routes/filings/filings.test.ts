import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../attachments/fixtures.js';
import { MAX_DRAFTS_PER_APPLICANT } from '../../commands/saveFiling.js';
import { queryRows } from '../../db/client.js';
import { createCompleteDraft, PERSONAL, registerApplicant, validFilingDraft } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const UNKNOWN_ID = '5b0c3f4e-9d2a-4c1b-8e7f-0a1b2c3d4e5f';

/** Every personal value of the sample form: none may leak to logs, other users, the audit log or the database. */
const PERSONAL_VALUES = [
  PERSONAL.principal.name,
  PERSONAL.principal.mobile,
  PERSONAL.principal.email,
  PERSONAL.contact.name,
  PERSONAL.contact.mobile,
  PERSONAL.contact.email,
];

async function applicant(): Promise<TestClient> {
  const c = server.client();
  await registerApplicant(c);
  return c;
}

async function createDraft(c: TestClient, draft: unknown = {}): Promise<string> {
  const res = await c.post('/api/filings', draft);
  expect(res.status).toBe(201);
  return res.body.filing.id;
}

const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('without a session', () => {
  it('answers 401 on every filings endpoint and changes nothing', async () => {
    const owner = await applicant();
    const id = await createDraft(owner, validFilingDraft());
    const before = (await owner.get(`/api/filings/${id}`)).body.filing;
    const anon = server.client();
    for (const target of [id, UNKNOWN_ID]) {
      const calls = [
        anon.get('/api/filings'),
        anon.post('/api/filings', {}),
        anon.get(`/api/filings/${target}`),
        anon.put(`/api/filings/${target}`, { platform: { name: '被篡改的平台' } }),
        anon.post(`/api/filings/${target}/submit`),
        anon.post(`/api/filings/${target}/withdraw`),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
        for (const v of PERSONAL_VALUES) expect(res.text).not.toContain(v);
      }
    }
    const after = (await owner.get(`/api/filings/${id}`)).body.filing;
    expect(after.data).toEqual(before.data);
    expect(after.version).toBe(before.version);
    expect((await owner.get('/api/filings')).body.items).toHaveLength(1);
  });
});

describe('drafts: create, list, read, save', () => {
  it('creates an empty draft, with or without a body', async () => {
    const c = await applicant();
    for (const res of [await c.post('/api/filings', {}), await c.post('/api/filings')]) {
      expect(res.status).toBe(201);
      expect(res.body.filing).toMatchObject({ status: 'draft', data: {}, submittedAt: null, due: null });
      expect(res.body.filing.completeness.complete).toBe(false);
      expect(res.body.filing.allowedActions).toEqual(['read', 'update', 'upload', 'submit', 'discard']);
    }
  });

  it('creates a partly filled draft and reads it back', async () => {
    const c = await applicant();
    const id = await createDraft(c, { platform: { name: '某某漏洞平台' }, management: '  专人负责  ' });
    const res = await c.get(`/api/filings/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.filing).toMatchObject({
      id,
      status: 'draft',
      platformName: '某某漏洞平台',
      data: { platform: { name: '某某漏洞平台' }, management: '专人负责' },
    });
    expect(fields(res.body.filing.completeness)).toContain('platform.homepageUrl');
  });

  it('lists only my own filings', async () => {
    const a = await applicant();
    const b = await applicant();
    const mine = [await createDraft(a, { platform: { name: '甲平台' } }), await createDraft(a)];
    const theirs = await createDraft(b, { platform: { name: '乙平台' } });
    const listA = await a.get('/api/filings');
    expect(listA.status).toBe(200);
    expect(listA.body.items.map((i: { id: string }) => i.id).sort()).toEqual([...mine].sort());
    expect(listA.text).not.toContain('乙平台');
    const listB = await b.get('/api/filings');
    expect(listB.body.items.map((i: { id: string }) => i.id)).toEqual([theirs]);
    expect(listB.body.items[0]).toMatchObject({ status: 'draft', platformName: '乙平台', filingNumber: null });
  });

  it('replaces the whole form on save and gives the owner the personal values back', async () => {
    const c = await applicant();
    const id = await createDraft(c, { platform: { name: '旧名称' }, management: '旧的管理情况' });
    const full = validFilingDraft();
    const saved = await c.put(`/api/filings/${id}`, full);
    expect(saved.status).toBe(200);
    expect(saved.body.filing.data.people).toEqual(full.people);
    expect(saved.body.filing.data.sponsor).toEqual(full.sponsor);
    expect(saved.body.filing.version).toBe(2);

    const replaced = await c.put(`/api/filings/${id}`, {
      sponsor: { type: 'individual', name: PERSONAL.individualName },
    });
    expect(replaced.status).toBe(200);
    const read = await c.get(`/api/filings/${id}`);
    expect(read.body.filing.data).toEqual({ sponsor: { type: 'individual', name: PERSONAL.individualName } });
    expect(read.body.filing.platformName).toBeNull();
    expect(read.body.filing.version).toBe(3);
  });

  it('treats null as clearing a field', async () => {
    const c = await applicant();
    const id = await createDraft(c, { platform: { name: '某平台', homepageUrl: null }, other: null });
    expect((await c.get(`/api/filings/${id}`)).body.filing.data).toEqual({ platform: { name: '某平台' } });
  });

  it.each([
    ['an unknown field', { platform: { foo: 1 } }, 'platform.foo'],
    ['an unknown section', { foo: 'bar' }, 'foo'],
    ['an unknown person field', { people: { principal: { phone: '13912345678' } } }, 'people.principal.phone'],
    [
      'an unknown field in a list item',
      { platform: { socialAccounts: [{ app: '微信', account: '漏洞盒子', url: 'https://x.example.cn/' }] } },
      'platform.socialAccounts[0].url',
    ],
    ['a level in words', { mlps: { level: 'three' } }, 'mlps.level'],
    ['a fractional level', { mlps: { level: 3.5 } }, 'mlps.level'],
    ['an unknown sponsor type', { sponsor: { type: 'alien' } }, 'sponsor.type'],
    ['a string for a list', { platform: { publishUrls: 'https://a.example.cn/' } }, 'platform.publishUrls'],
    ['a number in a list', { platform: { publishUrls: ['https://a.example.cn/', 42] } }, 'platform.publishUrls[1]'],
    [
      'a percent as text',
      { capital: { shareholders: [{ name: '甲', percent: '60' }] } },
      'capital.shareholders[0].percent',
    ],
    ['a slashed date', { operation: { launchDate: '2027/03/01' } }, 'operation.launchDate'],
    ['an oversized name', { platform: { name: 'x'.repeat(101) } }, 'platform.name'],
    ['an oversized text', { management: '长'.repeat(20_001) }, 'management'],
    [
      'too many URLs',
      { platform: { publishUrls: Array.from({ length: 51 }, (_, i) => `https://a${i}.example.cn/`) } },
      'platform.publishUrls',
    ],
  ])('refuses %s with 400 naming the field, on create and on save, changing nothing', async (_label, body, field) => {
    const c = await applicant();
    const created = await c.post('/api/filings', body);
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe('bad_request');
    expect(fields(created.body)).toContain(field);
    expect((await c.get('/api/filings')).body.items).toHaveLength(0);

    const id = await createDraft(c, { platform: { name: '原来的平台' } });
    const saved = await c.put(`/api/filings/${id}`, body);
    expect(saved.status).toBe(400);
    expect(fields(saved.body)).toContain(field);
    const read = await c.get(`/api/filings/${id}`);
    expect(read.body.filing.data).toEqual({ platform: { name: '原来的平台' } });
    expect(read.body.filing.version).toBe(1);
  });

  it('refuses a body that is not a form object', async () => {
    const c = await applicant();
    const id = await createDraft(c);
    for (const body of [[], 'text', 42, null]) {
      const res = await c.put(`/api/filings/${id}`, body);
      expect(res.status).toBe(400);
    }
    const broken = await c.request('PUT', `/api/filings/${id}`, {
      body: '{"platform": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
    const huge = await c.put(`/api/filings/${id}`, { management: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('too_large');
    expect((await c.get(`/api/filings/${id}`)).body.filing.version).toBe(1);
  });

  it('answers a malformed id with 400 or 404, never 500', async () => {
    const c = await applicant();
    for (const bad of ['not-a-uuid', '123', `${UNKNOWN_ID}x`, "1' or '1'='1", '%E2%80%AE']) {
      const responses = [
        await c.get(`/api/filings/${bad}`),
        await c.put(`/api/filings/${bad}`, {}),
        await c.post(`/api/filings/${bad}/submit`),
        await c.post(`/api/filings/${bad}/withdraw`),
      ];
      for (const res of responses) expect([400, 404], `${bad}: ${res.text}`).toContain(res.status);
    }
  });

  it('answers an unknown id with 404', async () => {
    const c = await applicant();
    for (const res of [
      await c.get(`/api/filings/${UNKNOWN_ID}`),
      await c.put(`/api/filings/${UNKNOWN_ID}`, {}),
      await c.post(`/api/filings/${UNKNOWN_ID}/submit`),
      await c.post(`/api/filings/${UNKNOWN_ID}/withdraw`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});

describe("another applicant's filing", () => {
  it('is refused with 403 for read, save, submit and withdraw, leaks nothing and stays as it was', async () => {
    const a = await applicant();
    const b = await applicant();
    const id = await createCompleteDraft(a);
    const before = (await a.get(`/api/filings/${id}`)).body.filing;
    const aValues = [...PERSONAL_VALUES, PERSONAL.uscc, before.data.platform.name, before.data.sponsor.name];

    const attempts = [
      await b.get(`/api/filings/${id}`),
      await b.put(`/api/filings/${id}`, { platform: { name: '乙篡改的平台' } }),
      await b.post(`/api/filings/${id}/submit`),
      await b.post(`/api/filings/${id}/withdraw`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      for (const v of aValues) expect(res.text).not.toContain(v);
    }
    const after = (await a.get(`/api/filings/${id}`)).body.filing;
    expect(after).toMatchObject({ status: 'draft', version: before.version, submittedAt: null });
    expect(after.data).toEqual(before.data);

    // Once A has submitted, B still cannot withdraw it.
    expect((await a.post(`/api/filings/${id}/submit`)).status).toBe(200);
    const withdraw = await b.post(`/api/filings/${id}/withdraw`);
    expect(withdraw.status).toBe(403);
    expect((await a.get(`/api/filings/${id}`)).body.filing.status).toBe('submitted');
    expect((await b.get('/api/filings')).body.items).toHaveLength(0);
  });
});

async function auditFor(id: string) {
  return queryRows<{ action: string; subject_id: string }>(
    server.ctx.db,
    sql`select action, subject_id from audit_log where subject_id = ${id} order by seq`,
  );
}

describe('what is kept about a filing', () => {
  it('records create, save and submit in the audit log, without personal values', async () => {
    const c = await applicant();
    const id = await createCompleteDraft(c);
    expect((await c.put(`/api/filings/${id}`, validFilingDraft())).status).toBe(200);
    expect((await c.post(`/api/filings/${id}/submit`)).status).toBe(200);
    const rows = await auditFor(id);
    const actions = rows.map((r) => r.action);
    for (const a of ['filing.create', 'filing.save', 'filing.submit']) expect(actions).toContain(a);
    expect(actions.indexOf('filing.create')).toBeLessThan(actions.indexOf('filing.submit'));
    const dump = JSON.stringify(await queryRows(server.ctx.db, sql`select details::text as details from audit_log`));
    for (const v of [...PERSONAL_VALUES, PERSONAL.residentId, PERSONAL.individualName]) expect(dump).not.toContain(v);
  });

  it('stores personal values only encrypted, yet shows them to the owner', async () => {
    const c = await applicant();
    const id = await createDraft(c);
    const individual = validFilingDraft({
      sponsor: { type: 'individual', name: PERSONAL.individualName, idNumber: PERSONAL.residentId },
    });
    expect((await c.put(`/api/filings/${id}`, individual)).status).toBe(200);
    const rows = await queryRows(
      server.ctx.db,
      sql`select data::text as data, personal_enc, platform_name from filings where id = ${id}`,
    );
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(rows);
    expect(dump).toContain(individual.platform?.name as string);
    for (const v of [...PERSONAL_VALUES, PERSONAL.residentId, PERSONAL.individualName]) expect(dump).not.toContain(v);

    const read = await c.get(`/api/filings/${id}`);
    expect(read.body.filing.data.people).toEqual(individual.people);
    expect(read.body.filing.data.sponsor).toEqual(individual.sponsor);
  });

  it('writes no personal value and no applicant email to the logs over a whole flow', async () => {
    const c = server.client();
    const { email } = await registerApplicant(c, 'log.watcher.secret@example.org');
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.post('/api/auth/login', { email, password: 'correct-horse-42' })).status).toBe(200);
    const id = await createDraft(c, { people: { principal: PERSONAL.principal } });
    const individual = validFilingDraft({
      sponsor: { type: 'individual', name: PERSONAL.individualName, idNumber: PERSONAL.residentId },
      capital: undefined,
    });
    expect((await c.put(`/api/filings/${id}`, individual)).status).toBe(200);
    for (const kind of ['mlps_proof', 'commitment_letter']) {
      expect((await c.upload(id, kind, samplePdf(kind), `${PERSONAL.principal.name}.pdf`)).status).toBe(201);
    }
    // A failing save and a failing submit, whose error paths must not log values either.
    expect((await c.put(`/api/filings/${id}`, { ...individual, foo: PERSONAL.contact.email })).status).toBe(400);
    const bad = await c.post(`/api/filings/${UNKNOWN_ID}/submit`);
    expect(bad.status).toBe(404);
    const submitted = await c.post(`/api/filings/${id}/submit`);
    expect(submitted.status, submitted.text).toBe(200);

    const logs = server.logs.join('');
    expect(logs).toContain(`/api/filings/${id}/submit`);
    for (const v of [...PERSONAL_VALUES, PERSONAL.residentId, PERSONAL.individualName, email, 'log.watcher.secret']) {
      expect(logs).not.toContain(v);
    }
  });
});

describe('drafts per applicant', () => {
  it('caps the drafts one account holds, also when they are created at once', async () => {
    const c = server.client();
    await registerApplicant(c);
    const results = await Promise.all(Array.from({ length: 25 }, () => c.post('/api/filings', {})));
    expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_DRAFTS_PER_APPLICANT);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(25 - MAX_DRAFTS_PER_APPLICANT);
    expect(refused[0]?.body.error.code).toBe('too_many_drafts');
    expect((await c.get('/api/filings')).body.items).toHaveLength(MAX_DRAFTS_PER_APPLICANT);
  });
});

describe('reusing and deleting drafts', () => {
  it('with reuseEmpty=1, 新建备案 hands back the empty draft instead of starting another', async () => {
    const c = await applicant();
    const first = await c.post('/api/filings?reuseEmpty=1');
    expect(first.status).toBe(201);
    const again = await c.post('/api/filings?reuseEmpty=1');
    expect(again.status).toBe(200);
    expect(again.body.filing.id).toBe(first.body.filing.id);
    // Once something is typed it is no longer empty: the next click starts a new draft.
    await c.put(`/api/filings/${first.body.filing.id}`, { platform: { name: '某平台' } });
    const third = await c.post('/api/filings?reuseEmpty=1');
    expect(third.status).toBe(201);
    expect(third.body.filing.id).not.toBe(first.body.filing.id);
    // Without the flag the API still creates one per call.
    expect((await c.post('/api/filings')).status).toBe(201);
  });

  it('deletes the owner’s draft with its files; 403 for another applicant; 409 once submitted', async () => {
    const c = await applicant();
    const id = await createDraft(c, { platform: { name: '待删除' } });
    expect((await c.upload(id, 'other', samplePdf('x'), '说明.pdf')).status).toBe(201);
    const other = await applicant();
    expect((await other.delete(`/api/filings/${id}`)).status).toBe(403);
    expect((await c.get(`/api/filings/${id}`)).status).toBe(200);
    const del = await c.delete(`/api/filings/${id}`);
    expect(del.status).toBe(204);
    expect((await c.get(`/api/filings/${id}`)).status).toBe(404);
    expect((await c.get('/api/filings')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const rows = await queryRows(
      server.ctx.db,
      sql`select count(*)::int as n from attachments where filing_id = ${id}`,
    );
    expect(rows).toEqual([{ n: 0 }]);
    const audit = await queryRows(
      server.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'filing.discard' and subject_id = ${id}`,
    );
    expect(audit).toEqual([{ n: 1 }]);

    const submitted = await createCompleteDraft(c);
    expect((await c.post(`/api/filings/${submitted}/submit`)).status).toBe(200);
    const refused = await c.delete(`/api/filings/${submitted}`);
    expect(refused.status).toBe(409);
    expect((await c.get(`/api/filings/${submitted}`)).body.filing.status).toBe('submitted');
  });
});
