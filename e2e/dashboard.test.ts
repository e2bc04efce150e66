/**
 * The staff dashboard in the browser (issue 15 item 5): staff land on it after signing in; its figures are the
 * server's (read back from /api/dashboard in the same session); a click on a figure opens the list it counts with
 * its filter shown, and that list is as long as the figure. On a desktop in Chinese and on a 390 px phone in English.
 * The server is shared with the other browser tests, so the figures are compared, not fixed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Dashboard } from '../src/shared/api/dashboard.js';
import { ApiClient, submitFilingViaApi } from './apiClient.js';
import { launchBrowser, screenshot } from './browser.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};
const stamp = Date.now();

let browser: Browser;
let desktop: BrowserContext;
let page: Page;

async function figures(p: Page): Promise<Dashboard> {
  const res = await p.request.get(`${baseUrl}/api/dashboard`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Dashboard;
}

const text = async (p: Page, testId: string) => ((await p.getByTestId(testId).textContent()) ?? '').trim();

beforeAll(async () => {
  browser = await launchBrowser();
  for (const i of [1, 2]) {
    await submitFilingViaApi(
      baseUrl,
      { email: `e2e-dash-${i}-${stamp}@example.com`, password: 'correct-horse-42' },
      `工作台测试平台${i}`,
    );
  }
  const staff = new ApiClient(baseUrl);
  const login = await staff.request('POST', '/api/auth/login', {
    email: reviewer.email,
    password: reviewer.password,
    totp: await freshTotp(reviewer.secret),
  });
  expect(login.status).toBe(200);
  const intake = await staff.request('POST', '/api/complaints', {
    channel: 'phone',
    category: 'leak',
    targetName: '某漏洞信息交易网站',
    description: '来电反映该网站公开出售未修补的漏洞信息。',
  });
  expect(intake.status).toBe(201);
  desktop = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  page = await desktop.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('the staff dashboard', () => {
  it('is where staff land, and shows the server’s figures', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('电子邮箱').fill(reviewer.email);
    await page.getByLabel('密码').fill(reviewer.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('动态口令').fill(await freshTotp(reviewer.secret));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '工作台', level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const d = await figures(page);
    if (!d.review || !d.complaints) throw new Error('an admin reviewer sees both sections');
    const submitted = d.review.filingsByState.find((s) => s.state === 'submitted')?.count ?? 0;
    expect(submitted).toBeGreaterThanOrEqual(2);
    expect(await text(page, 'filing-states-submitted')).toBe(`待审核 ${submitted}`);
    expect(await text(page, 'due-filings-overdue-value')).toBe(String(d.review.due.filing.overdue));
    expect(await text(page, 'due-filings-soon-value')).toBe(String(d.review.due.filing.soon));
    expect(await text(page, 'late-article8-value')).toBe(String(d.review.late.article8));
    expect(await text(page, 'due-complaints-soon-value')).toBe(String(d.complaints.due.soon));
    const leak = d.complaints.byCategory.find((c) => c.category === 'leak')?.count ?? 0;
    expect(leak).toBeGreaterThanOrEqual(1);
    expect(await text(page, 'complaint-categories-leak')).toBe(`泄露、出售漏洞信息 ${leak}`);
    // The charts arrive in their own chunk after the figures.
    await page.getByTestId('chart-states').locator('svg').first().waitFor();
    await page.getByTestId('chart-complaints').locator('svg').first().waitFor();
    await screenshot(page, '80-dashboard');
  });

  it('opens the list behind a figure, filtered, as long as the figure says', async () => {
    const d = await figures(page);
    const submitted = d.review?.filingsByState.find((s) => s.state === 'submitted')?.count ?? 0;
    await page.getByTestId('filing-states-submitted').click();
    await page.getByRole('heading', { name: '审核队列' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/review');
    expect(url.searchParams.get('status')).toBe('submitted');
    expect(url.searchParams.get('kind')).toBe('filing');
    await page.getByText(`共 ${submitted} 件`).waitFor();

    await page.getByRole('link', { name: '工作台', exact: true }).click();
    await page.getByTestId('late-article8').click();
    await page.getByTestId('filter-late').waitFor();
    expect(new URL(page.url()).searchParams.get('late')).toBe('1');
    const late = d.review?.late.article8 ?? 0;
    if (late) await page.getByText(`共 ${late} 件`).waitFor();
    else await page.getByText('队列为空').or(page.locator('.ant-empty')).first().waitFor();
    await screenshot(page, '81-dashboard-late-filings');

    await page.getByRole('link', { name: '工作台', exact: true }).click();
    await page.getByTestId('complaint-categories-leak').click();
    await page.getByRole('heading', { name: '投诉处理队列' }).waitFor();
    const hurl = new URL(page.url());
    expect(hurl.pathname).toBe('/handling');
    expect(hurl.searchParams.get('category')).toBe('leak');
    await page.getByTestId('filter-category').waitFor();
    const leak = d.complaints?.byCategory.find((c) => c.category === 'leak')?.count ?? 0;
    await expect.poll(() => page.getByTestId('complaint-queue').locator('tbody tr.ant-table-row').count()).toBe(leak);
    // Removing the filter widens the list again.
    await page.getByRole('button', { name: /移除筛选/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('category')).toBeNull();
  });

  it('fits a 390 px phone, in English', async () => {
    const phone = await browser.newContext({
      storageState: await desktop.storageState(),
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    await p.goto(`${baseUrl}/dashboard`);
    await p.getByRole('heading', { name: '工作台', level: 2 }).waitFor();
    // On a phone the header's links and the language switch sit behind the menu button.
    await p.getByRole('button', { name: '菜单' }).click();
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('heading', { name: 'Dashboard', level: 2 }).waitFor();
    await p.getByTestId('chart-states').locator('svg').first().waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const d = await figures(p);
    const overdue = d.review?.due.filing.overdue ?? 0;
    expect(await text(p, 'due-filings-overdue-value')).toBe(String(overdue));
    await screenshot(p, '82-dashboard-phone-en');
    await p.getByTestId('due-filings-overdue').click();
    await p.getByTestId('filter-due').waitFor();
    expect(await p.getByTestId('filter-due').textContent()).toContain('Overdue');
    const url = new URL(p.url());
    expect([url.pathname, url.searchParams.get('due'), url.searchParams.get('status')]).toEqual([
      '/review',
      'overdue',
      'submitted',
    ]);
    await screenshot(p, '83-dashboard-phone-overdue-list');
    await phone.close();
  });
});
