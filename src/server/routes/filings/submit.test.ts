import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FilingDraftInput } from '../../../shared/filing/schema.js';
import { queryRows } from '../../db/client.js';
import {
  createCompleteDraft,
  PERSONAL,
  REQUIRED_UPLOADS,
  registerApplicant,
  validFilingDraft,
} from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

/** Friday 2026-11-27, 11:00 in China. */
const FRIDAY = new Date('2026-11-27T03:00:00Z');
let clock = FRIDAY;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
});
afterAll(() => server?.close());
beforeEach(() => {
  clock = FRIDAY;
});

async function applicant(): Promise<TestClient> {
  const c = server.client();
  await registerApplicant(c);
  return c;
}

const base = validFilingDraft();
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
const individual = (idNumber: string): Partial<FilingDraftInput> => ({
  sponsor: { type: 'individual', name: PERSONAL.individualName, idNumber },
  capital: undefined,
});

/** A draft with the given form and only the named uploads. */
async function draftWithUploads(c: TestClient, draft: FilingDraftInput, kinds: string[]): Promise<string> {
  const res = await c.post('/api/filings', draft);
  expect(res.status).toBe(201);
  const id = res.body.filing.id as string;
  for (const u of REQUIRED_UPLOADS.filter((x) => kinds.includes(x.kind))) {
    expect((await c.upload(id, u.kind, u.bytes(), u.name)).status).toBe(201);
  }
  return id;
}

async function expectStillDraft(c: TestClient, id: string) {
  const res = await c.get(`/api/filings/${id}`);
  expect(res.body.filing).toMatchObject({ status: 'draft', submittedAt: null, dueDate: null, due: null });
  expect(res.body.filing.allowedActions).toContain('submit');
}

describe('submitting a complete filing', () => {
  it('answers 200 with the review due date, 10 working days on', async () => {
    const c = await applicant();
    const id = await createCompleteDraft(c);
    const res = await c.post(`/api/filings/${id}/submit`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ dueDate: '2026-12-11', provisional: false, workingDaysLeft: 10 });
    expect(res.body.filing).toMatchObject({
      id,
      status: 'submitted',
      receivedDate: '2026-11-27',
      submittedAt: FRIDAY.toISOString(),
      due: { date: '2026-12-11', provisional: false, workingDaysLeft: 10, overdue: false },
    });
    expect(res.body.filing.allowedActions).toEqual(['read', 'withdraw']);
    const list = await c.get('/api/filings');
    expect(list.body.items[0]).toMatchObject({ id, status: 'submitted', due: { date: '2026-12-11' } });
  });

  it('counts into a year without schedule provisionally', async () => {
    clock = new Date('2026-12-24T02:00:00Z');
    const c = await applicant();
    const id = await createCompleteDraft(c);
    const res = await c.post(`/api/filings/${id}/submit`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ dueDate: '2027-01-07', provisional: true, workingDaysLeft: 10 });
    expect(res.body.filing.due).toMatchObject({ date: '2027-01-07', provisional: true });
  });

  it('takes the China date of receipt, not the UTC one', async () => {
    // 17:30 UTC on Thursday is 01:30 on Friday 2026-11-27 in China.
    clock = new Date('2026-11-26T17:30:00Z');
    const c = await applicant();
    const late = await c.post(`/api/filings/${await createCompleteDraft(c)}/submit`);
    expect(late.status, late.text).toBe(200);
    expect(late.body).toMatchObject({ dueDate: '2026-12-11', provisional: false, workingDaysLeft: 10 });
    expect(late.body.filing.receivedDate).toBe('2026-11-27');

    // One second before midnight in China it is still Thursday 2026-11-26: the clock runs a day earlier.
    clock = new Date('2026-11-26T15:59:59Z');
    const early = await c.post(`/api/filings/${await createCompleteDraft(c)}/submit`);
    expect(early.status, early.text).toBe(200);
    expect(early.body).toMatchObject({ dueDate: '2026-12-10', provisional: false, workingDaysLeft: 10 });
    expect(early.body.filing.receivedDate).toBe('2026-11-26');
  });

  it('accepts an individual sponsor without capital or equity proof', async () => {
    const c = await applicant();
    const id = await createCompleteDraft(c, individual(PERSONAL.residentId));
    const res = await c.post(`/api/filings/${id}/submit`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.filing.status).toBe('submitted');
    expect(res.body.filing.data.sponsor).toEqual({
      type: 'individual',
      name: PERSONAL.individualName,
      idNumber: PERSONAL.residentId,
    });
    expect(res.body.filing.attachments.map((a: { kind: string }) => a.kind)).not.toContain('equity_proof');
  });

  it('drops the capital an individual form still holds from another type', async () => {
    const c = await applicant();
    const id = await createCompleteDraft(c, { ...individual(PERSONAL.residentId), capital: base.capital });
    const res = await c.post(`/api/filings/${id}/submit`);
    expect(res.status, res.text).toBe(200);
    expect((await c.get(`/api/filings/${id}`)).body.filing.data.capital).toBeUndefined();
  });

  it('normalises a full-width ICP number and accepts it', async () => {
    const c = await applicant();
    const id = await createCompleteDraft(c, {
      platform: { ...base.platform, icpNumber: '京ICP备１６０２０６２６号－８' },
    });
    expect((await c.get(`/api/filings/${id}`)).body.filing.data.platform.icpNumber).toBe('京ICP备16020626号-8');
    const res = await c.post(`/api/filings/${id}/submit`);
    expect(res.status, res.text).toBe(200);
  });

  it('normalises a mobile with country code, spaces and dashes', async () => {
    const c = await applicant();
    const principal = { ...PERSONAL.principal, mobile: '+86 139-1234-5678' };
    const id = await createCompleteDraft(c, { people: { ...base.people, principal } });
    expect((await c.get(`/api/filings/${id}`)).body.filing.data.people.principal.mobile).toBe(
      PERSONAL.principal.mobile,
    );
    expect((await c.post(`/api/filings/${id}/submit`)).status).toBe(200);
  });

  it('accepts shares that add up to 100 within rounding', async () => {
    const c = await applicant();
    const shareholders = [33.33, 33.33, 33.34].map((percent, i) => ({ name: `股东${i + 1}`, percent }));
    const id = await createCompleteDraft(c, { capital: { ...base.capital, shareholders } });
    expect((await c.post(`/api/filings/${id}/submit`)).status).toBe(200);
  });

  it('flags a platform that went live before filing as late (Article 8)', async () => {
    const c = await applicant();
    const online = await createCompleteDraft(c, { operation: { alreadyOnline: true, launchDate: '2025-06-01' } });
    const late = await c.post(`/api/filings/${online}/submit`);
    expect(late.status, late.text).toBe(200);
    expect(late.body.filing.late).toBe(true);
    const planned = await c.post(`/api/filings/${await createCompleteDraft(c)}/submit`);
    expect(planned.body.filing.late).toBe(false);
  });

  it('submits once when the button is pressed twice at the same time', async () => {
    const c = await applicant();
    const id = await createCompleteDraft(c);
    const both = await Promise.all([c.post(`/api/filings/${id}/submit`), c.post(`/api/filings/${id}/submit`)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await queryRows(
      server.ctx.db,
      sql`select count(*)::int as n from audit_log where action = 'filing.submit' and subject_id = ${id}`,
    );
    expect(rows).toEqual([{ n: 1 }]);
  });
});

describe('submitting an invalid or incomplete filing', () => {
  it.each<[string, Partial<FilingDraftInput>, string]>([
    [
      'a USCC with a wrong check char',
      { sponsor: { ...base.sponsor, idNumber: '91350100M000100Y44' } },
      'sponsor.idNumber',
    ],
    ['a resident ID with a wrong check char', individual('110105194912310021'), 'sponsor.idNumber'],
    ['a resident ID born on 1949-02-30', individual('110105194902300020'), 'sponsor.idNumber'],
    ['an ICP licence number', { platform: { ...base.platform, icpNumber: '京ICP证030173号' } }, 'platform.icpNumber'],
    ['a bad ICP number', { platform: { ...base.platform, icpNumber: '京ICP备123号' } }, 'platform.icpNumber'],
    [
      'a bad mobile',
      { people: { ...base.people, principal: { ...PERSONAL.principal, mobile: '12345678901' } } },
      'people.principal.mobile',
    ],
    [
      'a bad email',
      { people: { ...base.people, contact: { ...PERSONAL.contact, email: 'li.xiaomei@' } } },
      'people.contact.email',
    ],
    [
      'an ftp homepage',
      { platform: { ...base.platform, homepageUrl: 'ftp://www.vulbox.example.cn/' } },
      'platform.homepageUrl',
    ],
    [
      'a homepage on a private address (the monitor could never check it)',
      { platform: { ...base.platform, homepageUrl: 'http://192.168.1.10/' } },
      'platform.homepageUrl',
    ],
    [
      'a homepage with a password in it',
      { platform: { ...base.platform, homepageUrl: 'https://admin:pw@www.vulbox.example.cn/' } },
      'platform.homepageUrl',
    ],
    [
      'a javascript publish URL',
      { platform: { ...base.platform, publishUrls: ['javascript:alert(1)'] } },
      'platform.publishUrls[0]',
    ],
    [
      'shareholders summing to 90',
      {
        capital: {
          ...base.capital,
          shareholders: [
            { name: '甲投资有限公司', percent: 50 },
            { name: '乙科技有限公司', percent: 40 },
          ],
        },
      },
      'capital.shareholders',
    ],
    ['MLPS level 2', { mlps: { certificateNumber: '11010899001-23001', level: 2 } }, 'mlps.level'],
    [
      'a launch date after today for a platform already online',
      { operation: { alreadyOnline: true, launchDate: '2026-11-28' } },
      'operation.launchDate',
    ],
    [
      'no publish URL while publishing',
      { platform: { ...base.platform, publishesVulnerabilities: true, publishUrls: [] } },
      'platform.publishUrls',
    ],
  ])('refuses %s with 422 naming the field, and keeps the draft', async (_label, overrides, field) => {
    const c = await applicant();
    const id = await createCompleteDraft(c, overrides);
    const res = await c.post(`/api/filings/${id}/submit`);
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(fields(res.body)).toEqual([field]);
    expect(res.body.errors[0].message).toEqual(expect.any(String));
    await expectStillDraft(c, id);
  });

  it.each([
    ['commitment_letter', 'commitment'],
    ['mlps_proof', 'attachments.mlps_proof'],
    ['equity_proof', 'attachments.equity_proof'],
  ])('refuses a filing without its %s upload, naming %s', async (missing, field) => {
    const c = await applicant();
    const kinds = REQUIRED_UPLOADS.map((u) => u.kind as string).filter((k) => k !== missing);
    const id = await draftWithUploads(c, validFilingDraft(), kinds);
    const res = await c.post(`/api/filings/${id}/submit`);
    expect(res.status, res.text).toBe(422);
    expect(fields(res.body)).toEqual([field]);
    await expectStillDraft(c, id);
  });

  it('lists every problem at once', async () => {
    const c = await applicant();
    const empty = await draftWithUploads(c, {}, []);
    const res = await c.post(`/api/filings/${empty}/submit`);
    expect(res.status).toBe(422);
    const expected = [
      'platform.name',
      'platform.homepageUrl',
      'platform.icpNumber',
      'platform.publishUrls',
      'sponsor.name',
      'sponsor.type',
      'sponsor.idNumber',
      'people.principal.mobile',
      'people.contact.email',
      'capital.registeredCapital',
      'capital.shareholders',
      'rules.collectionScope',
      'rules.classification',
      'mlps.certificateNumber',
      'mlps.level',
      'management',
      'operation.alreadyOnline',
      'attachments.equity_proof',
      'attachments.mlps_proof',
      'commitment',
    ];
    expect(fields(res.body)).toEqual(expect.arrayContaining(expected));
    await expectStillDraft(c, empty);

    const several = await draftWithUploads(
      c,
      validFilingDraft({
        platform: { ...base.platform, homepageUrl: 'ftp://x.example.cn/', icpNumber: '京ICP备1号' },
        mlps: { certificateNumber: '1', level: 1 },
        people: { principal: { ...PERSONAL.principal, mobile: '110' }, contact: PERSONAL.contact },
      }),
      ['equity_proof', 'mlps_proof'],
    );
    const many = await c.post(`/api/filings/${several}/submit`);
    expect(many.status).toBe(422);
    expect(fields(many.body).sort()).toEqual(
      ['platform.homepageUrl', 'platform.icpNumber', 'people.principal.mobile', 'mlps.level', 'commitment'].sort(),
    );
    expect(many.body.error.message).toContain('5');
    await expectStillDraft(c, several);
  });
});

describe('what a submitted filing allows', () => {
  it('refuses edits, uploads and a second submit with 409; withdraws once', async () => {
    const c = await applicant();
    const id = await createCompleteDraft(c);
    expect((await c.post(`/api/filings/${id}/submit`)).status).toBe(200);
    const before = (await c.get(`/api/filings/${id}`)).body.filing;

    const put = await c.put(`/api/filings/${id}`, validFilingDraft({ management: '提交后偷偷修改' }));
    expect(put.status).toBe(409);
    expect(put.body.error.code).toBe('invalid_state');
    const upload = await c.upload(id, 'commitment_letter', REQUIRED_UPLOADS[2].bytes(), '新承诺书.pdf');
    expect(upload.status).toBe(409);
    const again = await c.post(`/api/filings/${id}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');

    const unchanged = (await c.get(`/api/filings/${id}`)).body.filing;
    expect(unchanged).toMatchObject({ status: 'submitted', version: before.version, dueDate: '2026-12-11' });
    expect(unchanged.data).toEqual(before.data);
    expect(unchanged.attachments).toHaveLength(before.attachments.length);

    const withdrawn = await c.post(`/api/filings/${id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.filing).toMatchObject({ status: 'withdrawn', due: null, allowedActions: ['read'] });
    expect((await c.post(`/api/filings/${id}/withdraw`)).status).toBe(409);
    expect((await c.put(`/api/filings/${id}`, {})).status).toBe(409);
    expect((await c.post(`/api/filings/${id}/submit`)).status).toBe(409);
    expect((await c.get(`/api/filings/${id}`)).body.filing.status).toBe('withdrawn');
  });

  it('refuses to withdraw a draft with 409', async () => {
    const c = await applicant();
    const id = await createCompleteDraft(c);
    const res = await c.post(`/api/filings/${id}/withdraw`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_state');
    await expectStillDraft(c, id);
  });
});

describe('a credit code whose only fault is the check character (early pilot regions, SPEC §2)', () => {
  const PILOT = ['91350211M0000XUF46', '91350100M0001TGQXM', '91350203M0001FUE2P', '91350211M00013FA1N'];

  it.each(PILOT)('%s: 422 naming the field until confirmed against the licence, then accepted', async (code) => {
    const c = await applicant();
    const id = await draftWithUploads(
      c,
      validFilingDraft({ sponsor: { ...base.sponsor, idNumber: code.toLowerCase() } }),
      REQUIRED_UPLOADS.map((u) => u.kind),
    );
    const refused = await c.post(`/api/filings/${id}/submit`);
    expect(refused.status).toBe(422);
    const error = refused.body.errors.find((e: { field: string }) => e.field === 'sponsor.idNumber');
    expect(error.message).toMatch(/校验位/);
    expect(error.message).toMatch(/营业执照/);

    const saved = await c.put(`/api/filings/${id}`, {
      ...validFilingDraft({ sponsor: { ...base.sponsor, idNumber: code.toLowerCase(), idNumberConfirmed: true } }),
    });
    expect(saved.body.filing.data.sponsor.idNumber).toBe(code);
    const ok = await c.post(`/api/filings/${id}/submit`);
    expect(ok.status, ok.text).toBe(200);
  });

  it('confirmation does not excuse any other fault', async () => {
    const c = await applicant();
    for (const idNumber of ['91350211M0000XUF4', '913A0211M0000XUF46', 'B1350211M0000XUF46', '91350211M0000XUFI6']) {
      const id = await draftWithUploads(
        c,
        validFilingDraft({ sponsor: { ...base.sponsor, idNumber, idNumberConfirmed: true } }),
        REQUIRED_UPLOADS.map((u) => u.kind),
      );
      const res = await c.post(`/api/filings/${id}/submit`);
      expect(res.status, idNumber).toBe(422);
      expect(fields(res.body), idNumber).toContain('sponsor.idNumber');
    }
  });
});

describe('a bad filing id', () => {
  it('is named as the application id, not the filing number (备案编号)', async () => {
    const c = await applicant();
    const res = await c.get('/api/filings/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('id');
    expect(res.text).not.toMatch(/备案编号/);
    expect(res.text).toMatch(/备案申请ID/);
  });
});
