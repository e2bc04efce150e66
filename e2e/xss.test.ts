/**
 * XSS in the browser (issue 9): markup and script payloads in the free-text fields of a filing, in file names and in
 * a reviewer's correction notice, rendered on the applicant's pages, the reviewer's console and the public record.
 * Every page counts script runs of the payloads and CSP violations: both stay zero.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REQUIRED_UPLOADS, validFilingDraft } from '../src/server/test/factories.js';
import { ApiClient, signUpViaApi } from './apiClient.js';
import { launchBrowser } from './browser.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};

/** Each payload bumps window.__xss if it ever runs. */
const P = [
  `<img src=x onerror="window.__xss=(window.__xss||0)+1">`,
  `<script>window.__xss=(window.__xss||0)+1</script>`,
  `"><svg onload="window.__xss=(window.__xss||0)+1">`,
  `<a href="javascript:window.__xss=(window.__xss||0)+1">x</a>`,
].join('');
/** For fields of 50 to 100 characters: runs would show as a dialog. */
const S = '<img src=x onerror=alert(1)>';

let browser: Browser;
let filingId = '';
let filingNumber = '';
let ownerCookie = '';
let staffCookie = '';

const cookieOf = (c: ApiClient) => (c as unknown as { cookie: string }).cookie;

beforeAll(async () => {
  browser = await launchBrowser();
  const owner = new ApiClient(baseUrl);
  const email = `e2e-xss-${Date.now()}@example.com`;
  expect(await signUpViaApi(owner, { email, password: 'lantern-ferry-8841', name: `申请人${S}` })).toBe(200);
  const base = validFilingDraft();
  const draft = validFilingDraft({
    platform: { ...base.platform, name: `漏洞平台${S}`, socialAccounts: [{ app: `微${S}`, account: `账号${S}` }] },
    sponsor: { ...base.sponsor, name: `北京某某网络安全技术有限公司${S}` },
    rules: Object.fromEntries(Object.entries(base.rules ?? {}).map(([k, v]) => [k, `${v}${P}`])),
    management: `${base.management}${P}`,
  });
  const created = await owner.request<{ filing: { id: string } }>('POST', '/api/filings', draft);
  expect(created.status).toBe(201);
  filingId = created.body.filing.id;
  for (const u of REQUIRED_UPLOADS) {
    const form = new FormData();
    form.append('kind', u.kind);
    form.append('file', new Blob([new Uint8Array(u.bytes())]), `${S}.pdf`);
    expect((await owner.request('POST', `/api/filings/${filingId}/attachments`, undefined, form)).status).toBe(201);
  }
  expect((await owner.request('POST', `/api/filings/${filingId}/submit`)).status).toBe(200);

  const staff = new ApiClient(baseUrl);
  const totp = await freshTotp(reviewer.secret);
  expect(
    (await staff.request('POST', '/api/auth/login', { email: reviewer.email, password: reviewer.password, totp }))
      .status,
  ).toBe(200);
  const correction = await staff.request('POST', `/api/review/filings/${filingId}/request-correction`, {
    summary: `请补正${P}`,
    items: [{ field: 'platform.name', message: `名称有误${P}` }],
  });
  expect(correction.status).toBe(200);
  ownerCookie = cookieOf(owner);
  staffCookie = cookieOf(staff);
  // The correction stays open while its pages are looked at; then it is resubmitted and approved for the public page.
  (globalThis as { __resubmit?: () => Promise<void> }).__resubmit = async () => {
    expect((await owner.request('POST', `/api/filings/${filingId}/submit`)).status).toBe(200);
    const approved = await staff.request<{ filingNumber: string }>('POST', `/api/review/filings/${filingId}/approve`);
    expect(approved.status).toBe(200);
    filingNumber = approved.body.filingNumber;
  };
}, 120_000);

afterAll(() => browser?.close());

/** Opens `path` with `cookie`, waits for the app to settle, and answers what ran and what CSP refused. */
async function visit(path: string, cookie: string) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  if (cookie) {
    const [name, value] = cookie.split(';')[0]?.split('=') ?? [];
    await context.addCookies([{ name: name as string, value: value as string, url: baseUrl }]);
  }
  const page: Page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(baseUrl + path);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const result = await page.evaluate(() => {
    const w = window as unknown as { __xss?: number; __csp: string[] };
    return { ran: w.__xss ?? 0, csp: w.__csp, text: document.body.textContent ?? '' };
  });
  await context.close();
  return { ...result, dialogs };
}

describe('payloads in every text field render as text, never as markup', () => {
  it('on the applicant pages: list, status page with the correction notice, editor', async () => {
    for (const path of ['/filings', `/filings/${filingId}`, `/filings/${filingId}/edit`]) {
      const r = await visit(path, ownerCookie);
      expect(r.ran, path).toBe(0);
      expect(r.csp, path).toEqual([]);
      expect(r.dialogs, path).toEqual([]);
    }
    const status = await visit(`/filings/${filingId}`, ownerCookie);
    expect(status.text).toContain('<img src=x onerror=');
  });

  it('in the reviewer console: queue and review page', async () => {
    for (const path of ['/review', `/review/filings/${filingId}`]) {
      const r = await visit(path, staffCookie);
      expect(r.ran, path).toBe(0);
      expect(r.csp, path).toEqual([]);
    }
  });

  it('on the public record page after approval', async () => {
    await (globalThis as { __resubmit?: () => Promise<void> }).__resubmit?.();
    const r = await visit(`/public/filings/${encodeURIComponent(filingNumber)}`, '');
    expect(r.ran).toBe(0);
    expect(r.csp).toEqual([]);
    expect(r.text).toContain('漏洞平台<img');
  });
});
