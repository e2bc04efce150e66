/**
 * The homepage monitor in the browser (Article 5, SPEC §10): a reviewer opens an approved filing whose homepage is a
 * local fixture site, runs a check and sees the number missing with the reason in words; the platform puts the number
 * in its footer, the reviewer checks again and sees it shown, the earlier miss in the history, and downloads the
 * evidence package. Desktop and 390 px, Chinese and English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  type FixtureServer,
  filler,
  page as fixturePage,
  startFixtureServer,
} from '../src/server/monitor/fixtureServer.js';
import { ApiClient, submitFilingViaApi } from './apiClient.js';
import { launchBrowser, screenshot } from './browser.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};
const stamp = Date.now().toString(36);
const PLATFORM = `首页监测漏洞平台${stamp}`;
const applicant = { email: `e2e-monitor-${stamp}@example.com`, password: 'correct-horse-42' };
const HOME = `/monitor-e2e-${stamp}/`;

let fx: FixtureServer;
let browser: Browser;
let staff: Page;
let filingId = '';
let filingNumber = '';

const totp = () => freshTotp(reviewer.secret);
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });

async function shots(page: Page, name: string) {
  await screenshot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  fx = await startFixtureServer();
  fx.pages.set(HOME, fixturePage(`<header>${PLATFORM}</header>${filler(20)}<footer>© 2026 ${PLATFORM}</footer>`));
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  staff = await context.newPage();
});
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
    await screenshot(staff, `failed-monitor-${name}`).catch(() => undefined);
  });
});
afterAll(async () => {
  await browser?.close();
  await fx?.close();
});

const card = () => staff.getByTestId('homepage-checks');

describe('the homepage checks card', () => {
  it('an applicant files a platform served by a local site and a reviewer approves it (through the API)', async () => {
    const submitted = await submitFilingViaApi(baseUrl, applicant, PLATFORM, { homepageUrl: `${fx.url}${HOME}` });
    filingId = submitted.filingId;
    const admin = new ApiClient(baseUrl);
    const login = await admin.request('POST', '/api/auth/login', {
      ...reviewer,
      secret: undefined,
      totp: await totp(),
    });
    expect(login.status).toBe(200);
    expect((await admin.request('POST', `/api/review/filings/${filingId}/claim`)).status).toBe(200);
    const approved = await admin.request<{ filingNumber: string }>('POST', `/api/review/filings/${filingId}/approve`);
    expect(approved.status).toBe(200);
    filingNumber = approved.body.filingNumber;
  });

  it('the reviewer runs a check and sees the number missing, with the reason in words', async () => {
    await staff.goto(`${baseUrl}/login`);
    await staff.getByLabel('电子邮箱').fill(reviewer.email);
    await staff.getByLabel('密码').fill(reviewer.password);
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByLabel('动态口令').fill(await totp());
    await staff.getByRole('button', { name: '登录' }).click();
    // Staff land on the dashboard; the queue is one link away.
    await staff.getByRole('heading', { name: '工作台' }).waitFor();
    await staff.getByRole('link', { name: '审核队列' }).click();
    await staff.getByRole('heading', { name: '审核队列' }).waitFor();
    await staff.goto(`${baseUrl}/review/filings/${filingId}`);
    await card().waitFor();
    await card().getByText('尚未检查').waitFor();
    const before = fx.hits.get(HOME) ?? 0;
    await card().getByRole('button', { name: '立即检查' }).click();
    await card().getByText('未展示', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await card().getByTestId('homepage-check-reason').first().getAttribute('data-reason')).toBe(
      'number_not_found',
    );
    await card().getByText('页面未展示备案编号').first().waitFor();
    expect(fx.hits.get(HOME) ?? 0).toBe(before + 1);
    await card().scrollIntoViewIfNeeded();
    await shots(staff, '80-homepage-check-missing');
  });

  it('after the platform shows its number, a second check shows it, with the miss kept in the history', async () => {
    fx.pages.set(HOME, fixturePage(`${filler(20)}<footer>${PLATFORM} · 备案编号：${filingNumber}</footer>`));
    await card().getByRole('button', { name: '立即检查' }).click();
    await card().getByText('已展示', { exact: true }).waitFor({ timeout: 30_000 });
    await card().getByText('编号在页脚').first().waitFor();
    await poll(() => card().getByTestId('homepage-check-row').count()).toBe(1);
    expect(await card().getByTestId('homepage-check-row').first().textContent()).toContain('未展示');
    expect(await card().textContent()).toContain(filingNumber);
    await card().scrollIntoViewIfNeeded();
    await shots(staff, '81-homepage-check-compliant');
  });

  it('the evidence package downloads as a zip from the card', async () => {
    const href = await card().getByTestId('homepage-evidence-download').getAttribute('href');
    expect(href).toMatch(/\/homepage-checks\/[0-9a-f-]{36}\/evidence$/);
    const got = await staff.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), magic: [bytes[0], bytes[1]] };
    }, href as string);
    // "PK": a zip archive.
    expect(got).toEqual({ status: 200, type: 'application/zip', magic: [0x50, 0x4b] });
  });

  it('reads in English', async () => {
    await staff.getByRole('button', { name: 'English' }).click();
    await card().getByText('Shown', { exact: true }).waitFor();
    await card().getByText('Number in the footer').first().waitFor();
    await card().getByRole('button', { name: 'Check now' }).waitFor();
    await card().scrollIntoViewIfNeeded();
    await shots(staff, '82-homepage-check-en');
    await staff.getByRole('button', { name: '中文' }).click();
  });
});
