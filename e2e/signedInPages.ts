/**
 * Every page of the signed-in app, with data behind it, for the tests that walk them all (phone layout, languages):
 * an applicant with a draft, a submitted filing, and an approved one with a change in progress; the e2e staff
 * account (reviewer and admin) signed in, and a complaint taken by phone. Sessions come from the API; a browser
 * context gets the same cookies.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REQUIRED_UPLOADS, validFilingDraft } from '../src/server/test/factories.js';
import { ApiClient, submitFilingViaApi } from './apiClient.js';
import { freshTotp } from './totp.js';

export interface SignedInPage {
  /** A short name for screenshots and failure messages. */
  name: string;
  path: string;
  who: 'applicant' | 'staff';
}

export interface SignedInFixture {
  applicant: ApiClient;
  staff: ApiClient;
  pages: SignedInPage[];
  /** Values the users typed (platform names, e-mail addresses…): user data that a language check leaves out. */
  userData: string[];
}

/** Every string value in an object (the filing's fields: what the applicant typed). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

function ok(what: string, status: number, want: number) {
  if (status !== want) throw new Error(`${what}: expected ${want}, got ${status}`);
}

export async function prepareSignedInPages(
  baseUrl: string,
  tag: string,
  reviewer: { email: string; password: string; secret: string },
): Promise<SignedInFixture> {
  const email = `e2e-${tag}-${Date.now()}@example.com`;
  const names = { submitted: `${tag}待审核平台`, approved: `${tag}已备案平台`, draft: `${tag}草稿平台` };
  const { api: applicant, filingId: submittedId } = await submitFilingViaApi(
    baseUrl,
    { email, password: 'correct-horse-42' },
    names.submitted,
  );
  const staff = new ApiClient(baseUrl);
  const totp = await freshTotp(reviewer.secret);
  ok(
    'staff sign-in',
    (await staff.request('POST', '/api/auth/login', { email: reviewer.email, password: reviewer.password, totp }))
      .status,
    200,
  );

  // A second filing, approved, with a change started on it.
  const approved = await applicant.request<{ filing: { id: string } }>(
    'POST',
    '/api/filings',
    validFilingDraft({ platform: { ...validFilingDraft().platform, name: names.approved } }),
  );
  ok('create filing', approved.status, 201);
  const approvedId = approved.body.filing.id;
  for (const u of REQUIRED_UPLOADS) {
    const form = new FormData();
    form.append('kind', u.kind);
    form.append('file', new Blob([new Uint8Array(u.bytes())]), u.name);
    ok(
      'upload',
      (await applicant.request('POST', `/api/filings/${approvedId}/attachments`, undefined, form)).status,
      201,
    );
  }
  ok('submit', (await applicant.request('POST', `/api/filings/${approvedId}/submit`)).status, 200);
  ok('approve', (await staff.request('POST', `/api/review/filings/${approvedId}/approve`)).status, 200);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const change = await applicant.request<{ change: { id: string } }>('POST', `/api/filings/${approvedId}/changes`, {
    changeDate: today,
  });
  ok('start change', change.status, 201);

  const draft = await applicant.request<{ filing: { id: string } }>('POST', '/api/filings', {
    platform: { name: names.draft },
  });
  ok('create draft', draft.status, 201);

  const complaint = await staff.request<{ complaint: { id: string } }>('POST', '/api/complaints', {
    channel: 'phone',
    category: 'false_info',
    targetName: names.approved,
    description: '来电反映该平台公布的联系方式无法接通，请核查。',
  });
  ok('phone complaint', complaint.status, 201);

  const pages: SignedInPage[] = [
    { name: 'filings', path: '/filings', who: 'applicant' },
    { name: 'filing-submitted', path: `/filings/${submittedId}`, who: 'applicant' },
    { name: 'filing-approved', path: `/filings/${approvedId}`, who: 'applicant' },
    { name: 'editor', path: `/filings/${draft.body.filing.id}/edit`, who: 'applicant' },
    { name: 'change-editor', path: `/changes/${change.body.change.id}`, who: 'applicant' },
    { name: 'notifications', path: '/notifications', who: 'applicant' },
    { name: 'not-found', path: '/filings/00000000-0000-4000-8000-000000000000', who: 'applicant' },
    { name: 'review-queue', path: '/review', who: 'staff' },
    { name: 'review-filing', path: `/review/filings/${submittedId}`, who: 'staff' },
    { name: 'handling', path: '/handling', who: 'staff' },
    { name: 'complaint', path: `/handling/complaints/${complaint.body.complaint.id}`, who: 'staff' },
    { name: 'deliveries', path: '/admin/deliveries', who: 'staff' },
  ];
  return {
    applicant,
    staff,
    pages,
    userData: [
      ...Object.values(names),
      ...stringsOf(validFilingDraft()),
      email,
      reviewer.email,
      '审核员甲',
      '来电反映该平台公布的联系方式无法接通，请核查。',
    ],
  };
}

/** A browser context signed in as this client, in this language and viewport. */
export async function signedInContext(
  browser: Browser,
  client: ApiClient,
  opts: { lang: 'zh' | 'en'; width: number; height?: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: opts.lang === 'en' ? 'en-US' : 'zh-CN',
    viewport: { width: opts.width, height: opts.height ?? 844 },
  });
  await context.addCookies(client.cookies());
  // The app keeps the language choice in localStorage.
  await context.addInitScript(`localStorage.setItem('vcp.lang', ${JSON.stringify(opts.lang)})`);
  return context;
}

/** Opens a page of the app and waits until its data has arrived and nothing is loading. */
export async function openPage(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-layout-content').waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'));
}
