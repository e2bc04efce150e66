/**
 * Articles 6 and 7 in the browser: on an approved filing the applicant schedules a deregistration for a future day,
 * sees it pending and cancels it; starts a change and cancels it; then deregisters at once, and the page and the
 * public record say 已注销. The filing is filed and approved through the API (review.test.ts covers those pages).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { addDays, chinaToday } from '../src/shared/calendar/dates.js';
import { ApiClient, submitFilingViaApi } from './apiClient.js';
import { launchBrowser, screenshot, unlabelledInputs } from './browser.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};
const PLATFORM = '端到端注销测试漏洞平台';
const applicant = { email: `e2e-lifecycle-${Date.now()}@example.com`, password: 'correct-horse-42' };

let browser: Browser;
let page: Page;
let filingId = '';
let filingNumber = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    await screenshot(page, `failed-lifecycle-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)}`).catch(
      () => undefined,
    );
  });
});
afterAll(async () => {
  await browser?.close();
});

/** The same page at phone width, then back. */
async function phoneShot(name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('deregistration and change in the browser', () => {
  it('an applicant files and a reviewer approves (through the API)', async () => {
    const submitted = await submitFilingViaApi(baseUrl, applicant, PLATFORM);
    filingId = submitted.filingId;

    const staff = new ApiClient(baseUrl);
    const totp = await freshTotp(reviewer.secret);
    const login = await staff.request('POST', '/api/auth/login', { ...reviewer, secret: undefined, totp });
    expect(login.status).toBe(200);
    expect((await staff.request('POST', `/api/review/filings/${filingId}/claim`)).status).toBe(200);
    const approved = await staff.request<{ filingNumber: string }>('POST', `/api/review/filings/${filingId}/approve`);
    expect(approved.status).toBe(200);
    filingNumber = approved.body.filingNumber;
    expect(filingNumber).toBeTruthy();
  });

  it('the applicant schedules a deregistration for a future day, sees it pending and cancels it', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('电子邮箱').fill(applicant.email);
    await page.getByLabel('密码').fill(applicant.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '我的备案' }).waitFor();
    await page.goto(`${baseUrl}/filings/${filingId}`);
    const panel = page.getByTestId('lifecycle-panel');
    await panel.waitFor();
    await screenshot(page, '50-lifecycle-approved');
    await phoneShot('50-lifecycle-approved');

    await panel.getByRole('button', { name: '申请注销备案' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/第七条/).waitFor();
    expect(await unlabelledInputs(page)).toEqual([]);
    const future = addDays(chinaToday(), 10);
    await dialog.getByLabel('业务终止之日').fill(future);
    await dialog.getByLabel('注销原因（选填）').fill('平台停止运营');
    // Without the confirmation nothing is sent.
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await dialog.getByText('请勾选确认').waitFor();
    await screenshot(page, '51-deregistration-dialog');
    await phoneShot('51-deregistration-dialog');
    await dialog.getByLabel('我已了解注销的后果，确认申请注销备案').check();
    await dialog.getByRole('button', { name: '确认注销' }).click();
    const pending = page.getByTestId('deregistration-scheduled');
    await pending.waitFor();
    expect(await pending.textContent()).toContain(future);
    // While scheduled, no second deregistration; the record is still valid.
    expect(await panel.getByRole('button', { name: '申请注销备案' }).count()).toBe(0);
    // The public history says what is coming, and that the record is still valid until then.
    const history = page.getByTestId('public-history');
    await history.getByText(`已预约注销：将于 ${future} 0 时（北京时间）注销`).waitFor();
    expect(await history.getByTestId('public-status').textContent()).toContain('有效');
    await screenshot(page, '52-deregistration-scheduled');

    await pending.getByRole('button', { name: '取消预约注销' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '取消预约注销' }).click();
    await expect.poll(() => pending.count()).toBe(0);
    await panel.getByRole('button', { name: '申请注销备案' }).waitFor();
  });

  it('the applicant starts a change with the day the information changed, and cancels it', async () => {
    const panel = page.getByTestId('lifecycle-panel');
    await panel.getByRole('button', { name: '申请变更备案' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/第六条/).waitFor();
    const changeDay = addDays(chinaToday(), -3);
    await dialog.getByLabel('信息发生变化之日').fill(changeDay);
    await screenshot(page, '53-change-dialog');
    await dialog.getByRole('button', { name: '开始变更' }).click();
    const open = page.getByTestId('open-change');
    await open.waitFor();
    expect(await open.textContent()).toContain(changeDay);
    expect(await panel.getByRole('button', { name: '申请变更备案' }).count()).toBe(0);
    await screenshot(page, '54-change-open');
    await open.getByRole('button', { name: '取消变更' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '取消变更' }).click();
    await expect.poll(() => open.count()).toBe(0);
    await panel.getByRole('button', { name: '申请变更备案' }).waitFor();
  });

  it('the panel and its dialog read in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    const panel = page.getByTestId('lifecycle-panel');
    await panel.getByText('Changes and deregistration').waitFor();
    await panel.getByRole('button', { name: 'Apply for deregistration' }).click();
    await page
      .getByRole('dialog')
      .getByText(/Article 7/)
      .waitFor();
    // A fresh form each time: the earlier dialog's confirmation is not carried over.
    expect(await page.getByRole('dialog').getByRole('checkbox').isChecked()).toBe(false);
    await screenshot(page, '56-deregistration-dialog-en');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await panel.getByRole('button', { name: '申请注销备案' }).waitFor();
  });

  it('the applicant deregisters at once: the page and the public record say 已注销', async () => {
    const panel = page.getByTestId('lifecycle-panel');
    await panel.getByRole('button', { name: '申请注销备案' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('业务终止之日').fill(chinaToday());
    await dialog.getByLabel('我已了解注销的后果，确认申请注销备案').check();
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await page.getByTestId('deregistration-done').waitFor();
    await page
      .locator('.ant-timeline')
      .getByText(/^已注销备案/)
      .waitFor();
    expect(await panel.getByRole('button', { name: /申请/ }).count()).toBe(0);
    const history = page.getByTestId('public-history');
    await history.getByText(/已注销：公开状态显示为/).waitFor();
    expect(await history.getByTestId('public-status').textContent()).toContain('已注销');
    await screenshot(page, '55-deregistered');
    await phoneShot('55-deregistered');

    const pub = await fetch(`${baseUrl}/api/public/filings/${encodeURIComponent(filingNumber)}`);
    expect(pub.status).toBe(200);
    expect(JSON.stringify(await pub.json())).toContain('已注销');
  });
});
