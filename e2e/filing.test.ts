/**
 * A new applicant files a complete 附件1 in the browser, in Chinese, step by step; and another applicant who
 * opens that filing's address is refused without seeing any of it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { samplePdf, samplePng } from '../src/server/attachments/fixtures.js';
import { launchBrowser, screenshot } from './browser.js';
import { waitForSignUpToken } from './mail.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let filingUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

async function register(page: Page, email: string) {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill('correct-horse-42');
  await page.getByRole('button', { name: '注册' }).click();
  await confirmFromMail(page, email);
}

/** After signing up: the page says a mail was sent; its link signs in and opens 我的备案. */
async function confirmFromMail(page: Page, email: string) {
  await page.getByText('请查收确认邮件').waitFor();
  const token = await waitForSignUpToken(inject('mailDir'), email);
  await page.goto(`${baseUrl}/confirm-email#token=${token}`);
  await page.getByRole('heading', { name: '我的备案' }).waitFor();
}

/** Every visible input has a label (or an aria-label): what a screen reader announces. */
async function expectAllLabelled(page: Page) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
      .filter((el) => el.type !== 'hidden' && el.offsetParent !== null && el.getAttribute('aria-hidden') !== 'true')
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML.slice(0, 160)),
  );
  expect(unlabelled).toEqual([]);
}

async function next(page: Page, title: string) {
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
  await expectAllLabelled(page);
}

async function upload(page: Page, kind: string, name: string, buffer: Buffer, mimeType: string) {
  await page.locator(`#upload-${kind}`).setInputFiles({ name, mimeType, buffer });
  await page.getByTestId(`attachments-${kind}`).getByText(name).waitFor();
}

describe('filing in the browser', () => {
  it('a new user fills every step, fixes a wrong 统一社会信用代码, uploads the proofs, submits and sees the due date', async () => {
    const page = await newPage();
    await register(page, `e2e-a-${Date.now()}@example.com`);
    await screenshot(page, '00-my-filings-empty');
    await page.getByRole('button', { name: '新建备案' }).click();

    // 1. 平台信息
    await page.getByRole('heading', { name: /平台信息/ }).waitFor();
    await expectAllLabelled(page);
    await page.getByLabel('漏洞收集平台名称').fill('端到端测试漏洞平台');
    await page.getByLabel('网站首页网址').fill('https://vuln.e2e.example.cn/');
    await page.getByLabel('ICP备案号').fill('京ICP备16020626号-8');
    await page.getByLabel('网址 1', { exact: true }).fill('https://vuln.e2e.example.cn/list');
    await page.getByLabel('尚未上线').check();
    await page.getByLabel('计划上线日期').fill('2027-03-01');
    await page.getByLabel('计划上线日期').press('Enter');
    await screenshot(page, '01-platform');

    // 2. 主办者: a wrong check character first
    await next(page, '主办者');
    await page.getByLabel('主办者类型').click();
    await page.getByTitle('企业', { exact: true }).click();
    await page.getByLabel('主办单位名称').fill('北京端到端网络安全有限公司');
    await page.getByLabel('统一社会信用代码', { exact: true }).fill('91350100M000100Y44');
    const idError = page.locator('#sponsor_idNumber_help');
    await expect.poll(() => idError.textContent()).toMatch(/校验/);
    await screenshot(page, '02-sponsor-wrong-uscc');
    await page.getByLabel('统一社会信用代码', { exact: true }).fill('91350100M000100Y43');
    await expect.poll(() => idError.count()).toBe(0);
    await screenshot(page, '02-sponsor');

    // 3. 人员
    await next(page, '人员');
    const names = page.getByLabel('姓名');
    const mobiles = page.getByLabel('手机号码');
    const emails = page.getByLabel('电子邮箱');
    await names.nth(0).fill('王建国');
    await mobiles.nth(0).fill('13912345678');
    await emails.nth(0).fill('wang@e2e.example.cn');
    await names.nth(1).fill('李晓梅');
    await mobiles.nth(1).fill('18698765432');
    await emails.nth(1).fill('li@e2e.example.cn');
    await screenshot(page, '03-people');

    // 4. 注册资本和股权
    await next(page, '注册资本和股权');
    await page.getByLabel('注册资本', { exact: true }).fill('1000');
    await page.getByLabel('股东 1', { exact: true }).fill('甲投资有限公司');
    await page.getByLabel('持股比例').fill('100');
    await upload(page, 'equity_proof', '股权结构证明.pdf', samplePdf('equity'), 'application/pdf');
    await screenshot(page, '04-capital');

    // 5. 漏洞管理规则
    await next(page, '漏洞管理规则');
    for (const label of [
      '漏洞收集的范围和方式',
      '漏洞验证评估规则',
      '通知相关责任主体修补漏洞规则',
      '漏洞发布规则',
      '注册用户的身份核实规则',
      '分类分级管理规则',
    ]) {
      await page.getByLabel(label).fill(`${label}：按平台制度执行，详见附件。`);
    }
    await screenshot(page, '05-rules');

    // 6. 等保与平台管理
    await next(page, '等保与平台管理');
    await page.getByLabel('等级保护备案证明编号').fill('11010899001-23001');
    await page.getByLabel('等级保护定级').fill('3');
    await upload(page, 'mlps_proof', '等保备案证明.png', samplePng(), 'image/png');
    await page.getByLabel('实施平台管理等情况').fill('依据 GB/T 22239-2019 建立平台管理制度。');
    await screenshot(page, '06-mlps');

    // 7. 承诺书与附件
    await next(page, '承诺书与附件');
    await upload(page, 'commitment_letter', '承诺书.pdf', samplePdf('commitment'), 'application/pdf');
    await screenshot(page, '07-attachments');

    // 8. 确认提交
    await next(page, '确认提交');
    await screenshot(page, '08-confirm-before');
    await page.getByText('信息完整，请核对后提交').waitFor();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toMatch(/已保存 \d\d:\d\d/);
    await screenshot(page, '08-confirm');
    await page.getByRole('button', { name: '提交备案' }).click();

    const due = page.getByTestId('due-text').filter({ hasText: '审核截止' });
    await due.waitFor();
    filingUrl = page.url();
    const expected = (await (
      await fetch(`${baseUrl}/api/calendar/deadline?from=${new Date().toISOString()}&workingDays=10`)
    ).json()) as { due: string; provisional: boolean };
    const text = await due.textContent();
    expect(text).toContain(`审核截止 ${expected.due}`);
    expect(text).toMatch(/剩余 10 个工作日/);
    if (expected.provisional) expect(text).toContain('暂定');
    await page.getByText('待审核').first().waitFor();
    await screenshot(page, '09-submitted-status');
  });

  it('applicant B opening applicant A’s filing sees a refusal page, never the data', async () => {
    expect(filingUrl).toMatch(/\/filings\/[0-9a-f-]{36}$/);
    const page = await newPage();
    await register(page, `e2e-b-${Date.now()}@example.com`);
    await page.goto(filingUrl);
    await page.getByText('无权访问').waitFor();
    const body = await page.locator('body').textContent();
    expect(body).not.toContain('端到端测试漏洞平台');
    expect(body).not.toContain('王建国');
    await screenshot(page, '10-refusal');
    await page.goto(`${filingUrl}/edit`);
    await page.getByText('无权访问').waitFor();
    expect(await page.locator('body').textContent()).not.toContain('端到端测试漏洞平台');
  });

  it('works from the keyboard alone: register, start a filing, type, and move to the next step', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/register`);
    // The page is loaded on demand: wait until the email field is there and has the focus, then only type.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('register_email');
    const email = `e2e-kbd-${Date.now()}@example.com`;
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('correct-horse-42');
    await page.keyboard.press('Enter');
    await confirmFromMail(page, email);
    await page.getByRole('button', { name: '新建备案' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /平台信息/ }).waitFor();
    await page.getByLabel('漏洞收集平台名称').focus();
    await page.keyboard.type('键盘操作测试平台');
    await page.getByRole('button', { name: '下一步' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /主办者/ }).waitFor();
    await expect.poll(() => page.getByTestId('save-status').textContent()).toMatch(/已保存/);
    await page.goto(`${baseUrl}/filings`);
    await page.getByRole('link', { name: '键盘操作测试平台' }).waitFor();
  });
});
