/**
 * The working-day calendar in the browser (issue 15 item 2, SPEC §3): an applicant's Art. 6 change deadline reaches
 * into 2027, which has no schedule, so it is provisional and the staff's queue warns about it; the admin opens the
 * calendar page, pastes a notice with a wrong weekday (refused, naming the line), then the right one, previews the
 * deadline it makes final, saves, and the deadline is final. Desktop and 390 px screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { chinaToday } from '../src/shared/calendar/dates.js';
import { ApiClient, submitFilingViaApi } from './apiClient.js';
import { launchBrowser, screenshot } from './browser.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const admin = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};
const PLATFORM = '端到端日历测试漏洞平台';
const applicant = { email: `e2e-calendar-${Date.now()}@example.com`, password: 'correct-horse-42' };
/** Test data in the notice's form (2027: 1 January is a Friday). */
const NOTICE_2027 = [
  '国务院办公厅关于2027年部分节假日安排的通知',
  '',
  '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
  '　　经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。',
  '　　一、元旦：1月1日（周五）至3日（周日）放假，共3天。',
  '　　二、春节：2月5日（周五）至13日（周六）放假调休，共9天。2月14日（周日）上班。',
].join('\n');

let browser: Browser;
let page: Page;
let owner: ApiClient;
let changeId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    await screenshot(page, `failed-calendar-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)}`).catch(
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

async function changeDeadline() {
  const res = await owner.request<{ change: { changeDeadline: string; deadlineProvisional: boolean } }>(
    'GET',
    `/api/changes/${changeId}`,
  );
  return res.body.change;
}

describe('entering 2027 in the browser', () => {
  it('an approved filing whose information changed today has a provisional deadline in 2027', async () => {
    const submitted = await submitFilingViaApi(baseUrl, applicant, PLATFORM);
    owner = submitted.api;
    const staff = new ApiClient(baseUrl);
    const login = await staff.request('POST', '/api/auth/login', {
      email: admin.email,
      password: admin.password,
      totp: await freshTotp(admin.secret),
    });
    expect(login.status).toBe(200);
    expect((await staff.request('POST', `/api/review/filings/${submitted.filingId}/approve`)).status).toBe(200);
    const started = await owner.request<{ change: { id: string; changeDeadline: string } }>(
      'POST',
      `/api/filings/${submitted.filingId}/changes`,
      { changeDate: chinaToday() },
    );
    expect(started.status).toBe(201);
    changeId = started.body.change.id;
    const change = await changeDeadline();
    // 30 days from early December reach January 2027, which has no schedule yet.
    expect(change.changeDeadline.startsWith('2027-')).toBe(true);
    expect(change.deadlineProvisional).toBe(true);
  });

  it('the admin signs in and the queue warns that 2027 has not been entered', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('电子邮箱').fill(admin.email);
    await page.getByLabel('密码').fill(admin.password);
    await page.getByRole('button', { name: '登录' }).click();
    const code = page.getByLabel('动态口令');
    await code.waitFor();
    await code.fill(await freshTotp(admin.secret));
    await page.getByRole('button', { name: '登录' }).click();
    // Staff land on the dashboard; the queue is one link away.
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByRole('link', { name: '审核队列' }).click();
    await page.getByRole('heading', { name: '审核队列' }).waitFor();
    const alert = page.getByTestId('coverage-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('2027 年的节假日安排尚未录入');
    await screenshot(page, '70-calendar-queue-warning');
  });

  it('the calendar page shows 2027 as not entered; a notice with a wrong weekday is refused naming the line', async () => {
    await page.getByRole('link', { name: '录入 2027 年' }).click();
    await page.getByRole('heading', { name: '工作日日历' }).waitFor();
    await page.getByText('2027 年的节假日安排尚未录入').first().waitFor();
    await page.getByTestId('missing-years').waitFor();
    await screenshot(page, '71-calendar-2027-missing');
    await phoneShot('71-calendar-2027-missing');

    await page.getByTestId('notice-text').fill(NOTICE_2027.replace('1月1日（周五）', '1月1日（周四）'));
    await page.getByRole('button', { name: '预览' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = await errors.textContent();
    expect(text).toContain('第 5 行');
    expect(text).toContain('周五');
  });

  it('the right notice previews the deadline becoming final; saving makes it so', async () => {
    await page.getByTestId('notice-text').fill(NOTICE_2027);
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    const row = preview.getByRole('row', { name: new RegExp(PLATFORM) });
    await row.waitFor();
    expect(await row.textContent()).toContain('暂定');
    expect(await row.textContent()).toContain('确定');
    expect(await page.locator('[data-date="2027-01-01"]').getAttribute('data-kind')).toBe('holiday');
    expect(await page.locator('[data-date="2027-02-14"]').getAttribute('data-kind')).toBe('workday');
    await screenshot(page, '72-calendar-2027-preview');
    await phoneShot('72-calendar-2027-preview');

    await preview.getByRole('button', { name: '保存 2027 年日历' }).click();
    await page.getByText(/已保存 2027 年日历：\d+ 个期限已重新计算/).waitFor();
    await page.getByText('12 个放假日，1 个调休上班日').waitFor();
    await page.getByTestId('missing-years').waitFor({ state: 'detached' });
    await screenshot(page, '73-calendar-2027-saved');
    await phoneShot('73-calendar-2027-saved');

    const change = await changeDeadline();
    expect(change.deadlineProvisional).toBe(false);
    const notices = await owner.request<{ items: { kind: string }[] }>('GET', '/api/notifications');
    expect(notices.body.items.some((n) => n.kind === 'deadline_recounted')).toBe(true);
  });

  it('the English page reads the same year', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Working-day calendar' }).waitFor();
    await screenshot(page, '74-calendar-2027-en');
    await phoneShot('74-calendar-2027-en');
  });

  it('in English, a notice with a wrong weekday is refused in English, naming the line', async () => {
    await page.getByTestId('notice-text').fill(NOTICE_2027.replace('1月1日（周五）', '1月1日（周四）'));
    await page.getByRole('button', { name: 'Preview' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('Line 5: 2027-1-1 is a Friday, the notice says Thursday');
    expect(text).not.toMatch(/\p{Script=Han}/u);
    await screenshot(page, '75-calendar-error-en');
  });
});
