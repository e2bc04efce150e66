/**
 * Article 9 in the browser: a member of the public files a complaint about an approved platform on /complaints/new,
 * solving the real ALTCHA widget (altcha 2.x against altcha-lib's v1 protocol), and gets a tracking code; a handler
 * (the e2e admin, in the handlers' console) verifies it, revokes the filing and replies; the status page then says 办结 with
 * the reply and the public record says 已撤销. Screenshots at desktop and phone width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ApiClient, submitFilingViaApi } from './apiClient.js';
import { launchBrowser, screenshot, unlabelledInputs } from './browser.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};
const PLATFORM = '端到端投诉测试漏洞平台';
const applicant = { email: `e2e-complaint-${Date.now()}@example.com`, password: 'correct-horse-42' };
const COMPLAINANT_EMAIL = 'e2e.tousu@example.cn';
const REPLY = '经核查属实，已依法撤销该平台的备案。感谢您的举报。';

let browser: Browser;
let page: Page;
let staff: ApiClient;
let filingNumber = '';
let trackingCode = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    await screenshot(page, `failed-complaint-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)}`).catch(
      () => undefined,
    );
  });
});
afterAll(async () => {
  await browser?.close();
});

async function phoneShot(name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('a complaint from the web form to 办结', () => {
  it('a platform is filed and approved (through the API)', async () => {
    const { filingId } = await submitFilingViaApi(baseUrl, applicant, PLATFORM);
    staff = new ApiClient(baseUrl);
    const totp = await freshTotp(reviewer.secret);
    expect((await staff.request('POST', '/api/auth/login', { ...reviewer, secret: undefined, totp })).status).toBe(200);
    const approved = await staff.request<{ filingNumber: string }>('POST', `/api/review/filings/${filingId}/approve`);
    expect(approved.status).toBe(200);
    filingNumber = approved.body.filingNumber;
  });

  it('the public files a complaint through the real ALTCHA widget and gets a tracking code', async () => {
    await page.goto(`${baseUrl}/complaints/new`);
    await page.getByRole('heading', { name: '投诉举报', level: 1 }).waitFor();
    expect(await unlabelledInputs(page)).toEqual([]);
    await page.getByLabel(/备案信息不真实/).check();
    await page.getByLabel('备案编号', { exact: true }).fill(filingNumber);
    // The number is checked as it is typed.
    await page.getByText(`已找到：${PLATFORM}（有效）`).waitFor();
    await page
      .getByLabel('问题描述', { exact: true })
      .fill('该平台备案的主办单位与实际运营者不一致，网站页脚显示的是另一家公司。');
    await page.getByLabel('电子邮箱', { exact: true }).fill(COMPLAINANT_EMAIL);
    await page.getByText('我不是机器人').click();
    await page.getByText('已验证').waitFor({ timeout: 30_000 });
    await screenshot(page, '70-complaint-form');
    await phoneShot('70-complaint-form');
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('complaint-created').waitFor();
    trackingCode = (await page.getByTestId('tracking-code').textContent()) ?? '';
    expect(trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await page.getByTestId('complaint-state').textContent()).toBe('已受理');
    expect(await page.content()).not.toContain(COMPLAINANT_EMAIL);
    await screenshot(page, '71-complaint-created');
    await phoneShot('71-complaint-created');
  });

  it('a handler verifies it in the console, revokes the filing and replies', async () => {
    const staffPage = await (
      await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await staffPage.goto(`${baseUrl}/login`);
    await staffPage.getByLabel('电子邮箱').fill(reviewer.email);
    await staffPage.getByLabel('密码').fill(reviewer.password);
    await staffPage.getByRole('button', { name: '登录' }).click();
    const code = staffPage.getByLabel('动态口令 / TOTP');
    await code.waitFor();
    // A TOTP code is accepted once: freshTotp waits for a time step no sign-in has used yet.
    await code.fill(await freshTotp(reviewer.secret));
    await staffPage.getByRole('button', { name: '登录' }).click();
    await staffPage.getByRole('heading', { name: '工作台' }).waitFor();
    await staffPage.getByRole('link', { name: '投诉处理' }).click();
    await staffPage.getByRole('heading', { name: '投诉处理队列' }).waitFor();
    await screenshot(staffPage, '74-handling-queue');
    await staffPage.getByRole('link', { name: trackingCode }).click();
    await staffPage.getByTestId('complaint-status').waitFor();
    expect(await staffPage.getByTestId('complaint-contact').textContent()).not.toContain(COMPLAINANT_EMAIL);
    const act = async (button: string, fill?: { label: string; text: string }) => {
      await staffPage.getByTestId('complaint-actions').getByRole('button', { name: button }).click();
      const dialog = staffPage.getByRole('dialog');
      if (fill) await dialog.getByLabel(fill.label).fill(fill.text);
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await act('开始核查');
    await act('核查属实', { label: '情况说明', text: '核对工商登记，主办单位不实' });
    await screenshot(staffPage, '75-handling-substantiated');
    await act('撤销备案', { label: '情况说明', text: '备案信息不真实，依法撤销备案' });
    await act('办结并答复', { label: '给投诉人的答复', text: REPLY });
    await expect.poll(() => staffPage.getByTestId('complaint-status').textContent()).toBe('办结');
    await screenshot(staffPage, '76-handling-closed');
  });

  it('the status page says 办结 with the reply, and the public record 已撤销', async () => {
    const reply = REPLY;
    await page.goto(`${baseUrl}/complaints/${trackingCode}`);
    expect(await page.getByTestId('complaint-state').textContent()).toBe('办结');
    expect(await page.getByTestId('complaint-reply').textContent()).toBe(reply);
    await page.getByText('已采取处理措施：撤销备案').waitFor();
    await screenshot(page, '72-complaint-closed');
    await phoneShot('72-complaint-closed');

    await page.goto(`${baseUrl}/public/filings/${encodeURIComponent(filingNumber)}`);
    await page.getByText('已撤销').first().waitFor();
    await screenshot(page, '73-record-revoked');
  });
});
