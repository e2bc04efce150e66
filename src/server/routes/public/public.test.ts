import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilingDraftInput } from '../../../shared/filing/schema.js';
import { createCompleteDraft, loginStaff, PERSONAL, submittedFiling, validFilingDraft } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';

/** Friday 2026-11-27, 11:00 in China. */
const FRIDAY = new Date('2026-11-27T03:00:00Z');
let clock = FRIDAY;
let server: TestServer;
let reviewer: TestClient;
const base = validFilingDraft();

const RECORD_KEYS = [
  'filingNumber',
  'platformName',
  'homepageUrl',
  'icpNumber',
  'publishUrls',
  'socialAccounts',
  'sponsorName',
  'sponsorType',
  'sponsorTypeLabel',
  'filingDate',
  'lastChangeDate',
  'status',
  'statusLabel',
].sort();

const ORG: Partial<FilingDraftInput> = {
  platform: {
    ...base.platform,
    name: 'VulBox 漏洞盒子众测平台',
    homepageUrl: 'https://www.vulbox.example.cn/',
    publishUrls: ['https://bugs.vulpub.example.org/list'],
  },
  sponsor: { name: '上海漏洞盒子网络科技有限公司', type: 'enterprise', idNumber: PERSONAL.uscc },
};
const INDIVIDUAL: Partial<FilingDraftInput> = {
  platform: {
    ...base.platform,
    name: '个人漏洞研究站',
    homepageUrl: 'https://solo.example.net/',
    publishUrls: ['https://solo.example.net/advisories'],
  },
  sponsor: { type: 'individual', name: PERSONAL.individualName, idNumber: PERSONAL.residentId },
  capital: undefined,
};

/** Takes a filing with `overrides` through submission and approval; returns its id and number. */
async function approve(overrides: Partial<FilingDraftInput>, by = reviewer) {
  const id = await submittedFiling(server.client(), overrides);
  const res = await by.post(`/api/review/filings/${id}/approve`);
  expect(res.status, res.text).toBe(200);
  return { id, number: res.body.filingNumber as string };
}

const platform = (name: string, host: string): Partial<FilingDraftInput> => ({
  platform: { ...base.platform, name, homepageUrl: `https://${host}/`, publishUrls: [`https://${host}/bugs`] },
});

let org: { id: string; number: string };
let individual: { id: string; number: string };
let later: { id: string; number: string };
const unlisted: string[] = ['草稿中的平台甲', '待审核的平台乙', '待补正的平台丙', '已撤回的平台丁'];

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  reviewer = server.client();
  await loginStaff(server, reviewer);
  org = await approve(ORG);
  individual = await approve(INDIVIDUAL);

  // Filings that never got a number: a draft, one waiting for review, one sent back, one withdrawn.
  const [draftName, submittedName, correctionName, withdrawnName] = unlisted as [string, string, string, string];
  const owner = server.client();
  await submittedFiling(owner, platform(submittedName, 'waiting.example.com'));
  await createCompleteDraft(owner, platform(draftName, 'draft.example.com'));
  const sentBack = await submittedFiling(server.client(), platform(correctionName, 'fixme.example.com'));
  const correction = await reviewer.post(`/api/review/filings/${sentBack}/request-correction`, {
    summary: '请补正',
    items: [{ field: 'platform.name', message: '名称与 ICP 备案不一致' }],
  });
  expect(correction.status, correction.text).toBe(200);
  const withdrawer = server.client();
  const gone = await submittedFiling(withdrawer, platform(withdrawnName, 'gone.example.com'));
  expect((await withdrawer.post(`/api/filings/${gone}/withdraw`)).status).toBe(200);

  // One approved on the next working day, by a reviewer signed in on that day.
  clock = new Date('2026-11-30T03:00:00Z');
  const monday = server.client();
  await loginStaff(server, monday);
  later = await approve(platform('周一通过的平台', 'monday.example.com'), monday);
  clock = FRIDAY;
});
afterAll(() => server?.close());

const search = (q: string, extra = '') => server.client().get(`/api/public/filings?q=${encodeURIComponent(q)}${extra}`);
const numbersOf = (body: { items: { filingNumber: string }[] }) => body.items.map((i) => i.filingNumber);

describe('GET /api/public/filings', () => {
  it('lists approved filings without a session, newest filing date first, with the exact public record', async () => {
    const res = await server.client().get('/api/public/filings');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('300');
    expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(numbersOf(res.body)[0]).toBe(later.number);
    expect(numbersOf(res.body).sort()).toEqual([org.number, individual.number, later.number].sort());
    const dates = res.body.items.map((i: { filingDate: string }) => i.filingDate);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(RECORD_KEYS);
    expect(res.body.items.find((i: { filingNumber: string }) => i.filingNumber === org.number)).toEqual({
      filingNumber: org.number,
      platformName: 'VulBox 漏洞盒子众测平台',
      homepageUrl: 'https://www.vulbox.example.cn/',
      icpNumber: '京ICP备16020626号-8',
      publishUrls: ['https://bugs.vulpub.example.org/list'],
      socialAccounts: [{ app: '微信', account: '漏洞盒子' }],
      sponsorName: '上海漏洞盒子网络科技有限公司',
      sponsorType: 'enterprise',
      sponsorTypeLabel: '企业',
      filingDate: '2026-11-27',
      lastChangeDate: null,
      status: 'valid',
      statusLabel: '有效',
    });
  });

  it.each([
    ['the platform name', '漏洞盒子众测'],
    ['the platform name in another case', 'vulbox 漏洞盒子'],
    ['the whole filing number', () => org.number],
    ['the host of the homepage', 'vulbox.example.cn'],
    ['the host of the homepage in capitals', 'WWW.VULBOX.EXAMPLE.CN'],
    ['the host of a publishing URL', 'vulpub.example.org'],
    ['the sponsor name', '上海漏洞盒子网络科技'],
    ['a term with spaces around it', '  vulbox.example.cn  '],
  ])('finds an organisation’s filing by %s', async (_what, q) => {
    const res = await search(typeof q === 'function' ? q() : q);
    expect(res.status, res.text).toBe(200);
    expect(numbersOf(res.body)).toEqual([org.number]);
    expect(res.body.total).toBe(1);
  });

  it('finds a filing by part of its number, and matches URL hosts only, not paths or schemes', async () => {
    const partial = await search(org.number.slice(-6, -1));
    expect(numbersOf(partial.body)).toContain(org.number);
    for (const q of ['/list', 'https', 'advisories', '/bugs']) {
      const res = await search(q);
      expect(res.body, q).toMatchObject({ total: 0, items: [] });
    }
  });

  it('shows an individual sponsor masked and never finds them by their real name', async () => {
    const res = await search('个人漏洞研究');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      filingNumber: individual.number,
      sponsorName: '张**',
      sponsorType: 'individual',
      sponsorTypeLabel: '个人',
      status: 'valid',
    });
    for (const q of [PERSONAL.individualName, '张三', '张**']) {
      expect((await search(q)).body, q).toMatchObject({ total: 0, items: [] });
    }
    expect(numbersOf((await search('solo.example.net')).body)).toEqual([individual.number]);
  });

  it('never lists drafts, filings waiting for review, sent back for correction or withdrawn', async () => {
    const all = await server.client().get('/api/public/filings?pageSize=100');
    for (const name of unlisted) {
      expect(all.text).not.toContain(name);
      expect((await search(name)).body, name).toMatchObject({ total: 0, items: [] });
    }
    for (const host of ['draft.example.com', 'waiting.example.com', 'fixme.example.com', 'gone.example.com']) {
      expect((await search(host)).body.total, host).toBe(0);
    }
  });

  it('pages through the results', async () => {
    const first = await server.client().get('/api/public/filings?pageSize=2');
    const second = await server.client().get('/api/public/filings?pageSize=2&page=2');
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(second.body.items).toHaveLength(1);
    expect([...numbersOf(first.body), ...numbersOf(second.body)].sort()).toEqual(
      [org.number, individual.number, later.number].sort(),
    );
    const past = await server.client().get('/api/public/filings?pageSize=2&page=9');
    expect(past.body).toMatchObject({ total: 3, page: 9, items: [] });
    expect((await search('example', '&page=5')).body).toMatchObject({ total: 3, page: 5, items: [] });
    const searched = await search('example', '&pageSize=1&page=3');
    expect(searched.body).toMatchObject({ total: 3, page: 3, pageSize: 1 });
    expect(searched.body.items).toHaveLength(1);
    const empty = await server.client().get('/api/public/filings?q=&page=&pageSize=');
    expect(empty.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
  });

  it('takes LIKE wildcards literally', async () => {
    for (const q of ['%', '_', '\\', '%vulbox%', 'v_lbox', '%%%%']) {
      const res = await search(q);
      expect(res.status, q).toBe(200);
      expect(res.body.total, q).toBe(0);
    }
  });

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=1.5', 'page'],
    ['page=10001', 'page'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=101', 'pageSize'],
    [`q=${'漏'.repeat(101)}`, 'q'],
    ['sort=name', 'sort'],
  ])('answers ?%s with 400 naming %s', async (query, field) => {
    const res = await server.client().get(`/api/public/filings?${encodeURI(query)}`);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.errors[0].field).toBe(field);
  });

  it('shows deregistered and revoked filings with their status, as soon as the event is recorded', async () => {
    const admin = server.client();
    await loginStaff(server, admin, ['admin']);
    const gone = await approve(platform('后来撤销的平台', 'revoked.example.com'));
    const owner = server.client();
    const endedId = await submittedFiling(owner, platform('后来注销的平台', 'ended.example.com'));
    const endedNumber = (await reviewer.post(`/api/review/filings/${endedId}/approve`)).body.filingNumber as string;
    expect((await admin.post(`/api/review/filings/${gone.id}/revoke`, { reason: '核查属实' })).status).toBe(200);
    const dereg = await owner.post(`/api/filings/${endedId}/deregistration`, { terminationDate: '2026-11-27' });
    expect(dereg.status, dereg.text).toBe(200);
    expect((await search('revoked.example.com')).body.items[0]).toMatchObject({
      filingNumber: gone.number,
      status: 'revoked',
      statusLabel: '已撤销',
    });
    const detail = await server.client().get(`/api/public/filings/${encodeURIComponent(endedNumber)}`);
    expect(detail.body.filing).toMatchObject({ status: 'deregistered', statusLabel: '已注销' });
    const all = await server.client().get('/api/public/filings');
    expect(all.body.total).toBe(5);
  });
});

describe('GET /api/public/filings/:filingNumber', () => {
  it('verifies a filing number with the public record', async () => {
    const res = await server.client().get(`/api/public/filings/${encodeURIComponent(individual.number)}`);
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body)).toEqual(['filing']);
    expect(Object.keys(res.body.filing).sort()).toEqual(RECORD_KEYS);
    expect(res.body.filing).toMatchObject({ filingNumber: individual.number, sponsorName: '张**', status: 'valid' });
  });

  it('answers 404 for a number that was never issued', async () => {
    for (const n of ['工信漏备202699999号', org.number.slice(0, -1), 'nonsense', org.id]) {
      const res = await server.client().get(`/api/public/filings/${encodeURIComponent(n)}`);
      expect(res.status, n).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});

describe('what is never public', () => {
  const never: [string, string][] = [
    ['principal name', PERSONAL.principal.name],
    ['principal mobile', PERSONAL.principal.mobile],
    ['principal email', PERSONAL.principal.email],
    ['contact name', PERSONAL.contact.name],
    ['contact mobile', PERSONAL.contact.mobile],
    ['contact email', PERSONAL.contact.email],
    ['individual sponsor name', PERSONAL.individualName],
    ['resident ID', PERSONAL.residentId],
    ['USCC', PERSONAL.uscc],
    ['shareholder', '甲投资有限公司'],
    ['MLPS certificate', '11010899001-23001'],
    ['rules text', 'CVSS 3.1'],
    ['management text', 'GB/T 22239-2019'],
    ['attachment name', '承诺书'],
  ];

  it('sends none of the personal values, equity, rules or attachments in any list or detail', async () => {
    const texts = [
      (await server.client().get('/api/public/filings?pageSize=100')).text,
      (await search('vulbox')).text,
      (await search('solo.example.net')).text,
      (await server.client().get(`/api/public/filings/${encodeURIComponent(org.number)}`)).text,
      (await server.client().get(`/api/public/filings/${encodeURIComponent(individual.number)}`)).text,
    ];
    // The filings do hold every one of these values: the test would prove nothing otherwise.
    const staffView = (await reviewer.post(`/api/review/filings/${individual.id}/reveal`, { reason: '公示核对测试' }))
      .text;
    expect(staffView).toContain(PERSONAL.residentId);
    for (const text of texts) {
      expect(text).toContain('"filingNumber"');
      for (const [what, value] of never) expect(text, what).not.toContain(value);
    }
  });

  it('finds nothing when searched by a personal value', async () => {
    for (const [what, value] of never) {
      const res = await search(value);
      expect(res.status, what).toBe(200);
      expect(res.body.total, what).toBe(0);
    }
  });
});
