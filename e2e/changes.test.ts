/**
 * Article 6 and revocation in the browser. On an approved filing the applicant starts a change (late: the information
 * changed 40 days ago), cannot submit it while nothing differs, renames the platform and replaces the commitment
 * letter, sees the diff and submits; the public record is unchanged meanwhile. The reviewer finds it in the queue as
 * 变更, sees the diff and asks for a correction; the applicant fixes the name and submits again; the reviewer approves
 * and the public record shows the new name, with two versions on the status page. Then an admin revokes the filing
 * with a legal basis: the applicant's page and the public record say 已撤销. Pages are shot on a desktop and a 390 px
 * phone, in Chinese and English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { REQUIRED_UPLOADS } from '../src/server/test/factories.js';
import { addDays, chinaToday } from '../src/shared/calendar/dates.js';
import { ApiClient, submitFilingViaApi } from './apiClient.js';
import { launchBrowser, screenshot, unlabelledInputs } from './browser.js';
import { pickCorrectionField } from './pickers.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};
const stamp = Date.now().toString(36);
const OLD_NAME = `变更前漏洞平台${stamp}`;
const FIRST_TRY = `变更后漏洞平台${stamp}`;
const NEW_NAME = `变更后漏洞收集平台${stamp}`;
const REASON = '平台名称应与ICP备案的网站名称一致';
const applicant = { email: `e2e-change-${stamp}@example.com`, password: 'correct-horse-42' };

let browser: Browser;
let owner: Page;
let staff: Page;
let filingId = '';
let filingNumber = '';

const totp = () => freshTotp(reviewer.secret);

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

/** The page on a desktop and at phone width (390 px), then back. */
async function shots(page: Page, name: string) {
  await screenshot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function publicRecord(): Promise<{ platformName: string; status: string; lastChangeDate: string | null }> {
  const res = await fetch(`${baseUrl}/api/public/filings/${encodeURIComponent(filingNumber)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { filing: { platformName: string; status: string; lastChangeDate: string | null } })
    .filing;
}

/** Polls with room for a loaded machine (expect.poll waits 1 s by default). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

async function setLang(page: Page, lang: 'en' | 'zh') {
  await page.getByRole('button', { name: lang === 'en' ? 'English' : '中文' }).click();
}

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await newPage();
  staff = await newPage();
});
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
    await screenshot(owner, `failed-changes-owner-${name}`).catch(() => undefined);
    await screenshot(staff, `failed-changes-staff-${name}`).catch(() => undefined);
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('a change filing and a revocation in the browser', () => {
  it('an applicant files and a reviewer approves (through the API)', async () => {
    const submitted = await submitFilingViaApi(baseUrl, applicant, OLD_NAME);
    filingId = submitted.filingId;
    const admin = new ApiClient(baseUrl);
    expect(
      (await admin.request('POST', '/api/auth/login', { ...reviewer, secret: undefined, totp: await totp() })).status,
    ).toBe(200);
    expect((await admin.request('POST', `/api/review/filings/${filingId}/claim`)).status).toBe(200);
    const approved = await admin.request<{ filingNumber: string }>('POST', `/api/review/filings/${filingId}/approve`);
    expect(approved.status).toBe(200);
    filingNumber = approved.body.filingNumber;
  });

  it('the status page shows one version, the public history and the Article 8 notice', async () => {
    await owner.goto(`${baseUrl}/login`);
    await owner.getByLabel('电子邮箱').fill(applicant.email);
    await owner.getByLabel('密码').fill(applicant.password);
    await owner.getByRole('button', { name: '登录' }).click();
    await owner.getByRole('heading', { name: '我的备案' }).waitFor();
    await owner.goto(`${baseUrl}/filings/${filingId}`);
    const versions = owner.getByTestId('versions-card');
    await versions.waitFor();
    await poll(() => versions.getByTestId('version-row').count()).toBe(1);
    expect(await versions.textContent()).toContain('首次备案');
    const history = owner.getByTestId('public-history');
    expect(await history.textContent()).toContain(`予以备案，备案编号 ${filingNumber}`);
    expect(await history.getByTestId('public-status').textContent()).toContain('有效');
    expect(await owner.getByTestId('article8-notice').textContent()).toContain('平台可以上线运行');
    await shots(owner, '60-change-status-approved');
  });

  it('the applicant starts a late change; with nothing changed it cannot be submitted', async () => {
    await owner.getByRole('button', { name: '申请变更备案' }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('信息发生变化之日').fill(addDays(chinaToday(), -40));
    await dialog.getByRole('button', { name: '开始变更' }).click();
    const open = owner.getByTestId('open-change');
    await open.waitFor();
    await open.getByRole('button', { name: '继续填写变更' }).click();
    await owner.getByRole('heading', { name: '变更备案信息' }).waitFor();
    const banner = owner.getByTestId('change-banner');
    await banner.getByTestId('change-late').waitFor();
    expect(await banner.textContent()).toContain(addDays(chinaToday(), -40));
    expect(await unlabelledInputs(owner)).toEqual([]);
    await shots(owner, '61-change-editor');

    await owner.locator('.ant-steps-item').filter({ hasText: '确认提交' }).click();
    await owner.getByTestId('diff-none').waitFor();
    await owner.getByTestId('submit-blocked').getByText('还没有修改').waitFor();
    expect(await owner.getByRole('button', { name: '提交变更' }).isDisabled()).toBe(true);
  });

  it('renames the platform, replaces the commitment letter, sees the diff and submits', async () => {
    await owner.locator('.ant-steps-item').filter({ hasText: '平台信息' }).click();
    await owner.getByLabel('漏洞收集平台名称').fill(FIRST_TRY);
    await owner.locator('.ant-steps-item').filter({ hasText: '承诺书与附件' }).click();
    const letters = owner.getByTestId('attachments-commitment_letter');
    await letters.getByText('承诺书.pdf').waitFor();
    const chooser = owner.waitForEvent('filechooser');
    await letters.getByRole('button', { name: /替换/ }).click();
    const letter = REQUIRED_UPLOADS.find((u) => u.kind === 'commitment_letter');
    await (await chooser).setFiles({
      name: '承诺书-变更后.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(letter?.bytes() ?? []),
    });
    await letters.getByText('承诺书-变更后.pdf').waitFor();
    await poll(() => letters.getByText('承诺书.pdf', { exact: true }).count()).toBe(0);

    await owner.locator('.ant-steps-item').filter({ hasText: '确认提交' }).click();
    const diff = owner.getByTestId('diff-table');
    await diff.getByText(FIRST_TRY).waitFor();
    expect(await diff.textContent()).toContain(OLD_NAME);
    await diff.getByText('承诺书-变更后.pdf', { exact: false }).waitFor();
    await poll(() => owner.getByRole('button', { name: '提交变更' }).isDisabled()).toBe(false);
    await shots(owner, '62-change-confirm-diff');

    await owner.getByRole('button', { name: '提交变更' }).click();
    await owner.getByTestId('change-view').waitFor();
    expect(await owner.getByTestId('change-status').textContent()).toBe('变更审核中');
    await shots(owner, '63-change-submitted-readonly');
    // Under review, the public record is the approved one.
    expect((await publicRecord()).platformName).toBe(OLD_NAME);
  });

  it('the reviewer finds it in the queue as 变更, sees the diff and asks for a correction', async () => {
    await staff.goto(`${baseUrl}/login`);
    await staff.getByLabel('电子邮箱').fill(reviewer.email);
    await staff.getByLabel('密码').fill(reviewer.password);
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByLabel('动态口令').fill(await totp());
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByRole('heading', { name: '工作台' }).waitFor();
    await staff.getByRole('link', { name: '审核队列' }).click();
    await staff.getByRole('heading', { name: '审核队列' }).waitFor();
    await staff
      .locator('.ant-radio-button-wrapper')
      .filter({ hasText: /^变更$/ })
      .click();
    // Only changes under this filter, once its list has replaced the unfiltered one (which holds this row too, so
    // finding the row alone does not say the filter has been applied).
    await expect.poll(() => staff.getByTestId('queue-kind').filter({ hasText: '新备案' }).count()).toBe(0);
    const row = staff.getByTestId('queue-row').filter({ hasText: FIRST_TRY });
    await row.waitFor();
    expect(await row.getByTestId('queue-kind').textContent()).toBe('变更');
    expect(await row.getByTestId('queue-late').textContent()).toBe('逾期变更');
    expect(await staff.getByTestId('queue-kind').filter({ hasText: '新备案' }).count()).toBe(0);
    await shots(staff, '64-review-queue-changes');
    // 注销 lists the deregistrations instead (none of this filing: it is still valid).
    await staff
      .locator('.ant-radio-button-wrapper')
      .filter({ hasText: /^注销$/ })
      .click();
    await staff.getByRole('columnheader', { name: '业务终止之日' }).waitFor();
    expect(await staff.getByTestId('queue-row').count()).toBe(0);
    await staff
      .locator('.ant-radio-button-wrapper')
      .filter({ hasText: /^变更$/ })
      .click();

    await row.getByRole('link', { name: FIRST_TRY }).click();
    const diff = staff.getByTestId('diff-table');
    await diff.getByText(FIRST_TRY).waitFor();
    expect(await diff.textContent()).toContain(OLD_NAME);
    await staff.getByTestId('review-change-late').waitFor();
    await shots(staff, '65-review-change');

    await staff.getByRole('button', { name: '通知补正' }).first().click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('补正说明').fill('请按意见修改平台名称后重新提交变更。');
    // The path is searchable for staff who know it; the option shows the field's name only.
    await pickCorrectionField(staff, dialog, 1, 'platform.name', '漏洞收集平台名称');
    await dialog.getByLabel('原因 1').fill(REASON);
    await dialog.getByRole('button', { name: '发送补正通知' }).click();
    await poll(() => staff.getByRole('dialog').count()).toBe(0);
    await staff.getByTestId('review-change-status').getByText('变更待补正').waitFor();
    await staff.getByTestId('decision-history').getByText(REASON).waitFor();
    expect(await staff.getByRole('button', { name: '通过变更' }).count()).toBe(0);
  });

  it('the applicant corrects the change from the status page and submits again', async () => {
    await owner.goto(`${baseUrl}/filings/${filingId}`);
    const open = owner.getByTestId('open-change');
    await open.getByRole('button', { name: '按补正通知修改变更' }).click();
    await owner.getByRole('heading', { name: '按补正通知修改变更' }).waitFor();
    const notice = owner.getByTestId('correction-notice');
    await notice.getByText(REASON).waitFor();
    await poll(() => owner.locator('#platform_name_help').textContent()).toBe(REASON);
    await shots(owner, '66-change-correction');
    await owner.getByLabel('漏洞收集平台名称').fill(NEW_NAME);
    await notice.getByText('已修改').waitFor();
    await owner.locator('.ant-steps-item').filter({ hasText: '确认提交' }).click();
    await owner.getByTestId('diff-table').getByText(NEW_NAME).waitFor();
    await poll(() => owner.getByRole('button', { name: '提交变更' }).isDisabled()).toBe(false);
    await owner.getByRole('button', { name: '提交变更' }).click();
    await owner.getByTestId('change-view').waitFor();
    expect((await publicRecord()).platformName).toBe(OLD_NAME);
  });

  it('the reviewer approves: the public record shows the new name, and the applicant sees two versions', async () => {
    await staff.reload();
    await staff.getByTestId('review-change-status').getByText('变更审核中').waitFor();
    await staff.getByTestId('diff-table').getByText(NEW_NAME).waitFor();
    await staff.getByRole('button', { name: '通过变更' }).first().click();
    await staff.getByRole('dialog').getByRole('button', { name: '通过' }).click();
    await staff.getByTestId('change-approved').getByText('生效为第 2 版').waitFor();
    await staff.getByTestId('review-change-status').getByText('变更已生效').waitFor();

    const record = await publicRecord();
    expect(record.platformName).toBe(NEW_NAME);
    expect(record.status).toBe('valid');
    expect(record.lastChangeDate).toBeTruthy();

    await owner.goto(`${baseUrl}/filings/${filingId}`);
    const versions = owner.getByTestId('versions-card');
    await poll(() => versions.getByTestId('version-row').count()).toBe(2);
    await owner.getByTestId('public-history').getByText('变更生效：公开信息更新为第 2 版').waitFor();
    await shots(owner, '67-change-status-two-versions');

    // A version made by a change opens that change, read-only.
    await versions.getByRole('link', { name: '查看变更' }).click();
    await owner.getByTestId('change-state').getByText('生效为第 2 版').waitFor();
    await owner.goto(`${baseUrl}/public/filings/${encodeURIComponent(filingNumber)}`);
    await owner.getByTestId('public-filing').getByText(NEW_NAME).first().waitFor();
  });

  it('the staff review page lists both versions and their diff', async () => {
    await staff.goto(`${baseUrl}/review/filings/${filingId}`);
    const card = staff.getByTestId('staff-versions');
    await poll(() => card.getByTestId('staff-version-row').count()).toBe(2);
    await card.getByTestId('diff-table').getByText(NEW_NAME).waitFor();
    await shots(staff, '68-review-filing-versions');
  });

  it('the pages read in English', async () => {
    await setLang(staff, 'en');
    await staff.getByText('Versions', { exact: true }).waitFor();
    await staff.getByRole('button', { name: 'Revoke the filing' }).waitFor();
    await staff.goto(`${baseUrl}/review?kind=change&status=all`);
    await staff.getByTestId('queue-kind').filter({ hasText: 'Change' }).first().waitFor();
    await shots(staff, '70-review-queue-en');
    await staff.getByTestId('queue-row').filter({ hasText: NEW_NAME }).getByRole('link').click();
    await staff.getByText('Field by field against the version in force').waitFor();
    await shots(staff, '71-review-change-en');
    await setLang(staff, 'zh');

    await owner.goto(`${baseUrl}/filings/${filingId}`);
    await setLang(owner, 'en');
    await owner.getByText('Public record history').waitFor();
    await owner.getByText('Change approved: the public record now shows version 2').waitFor();
    await shots(owner, '72-change-status-en');
    await owner.getByTestId('versions-card').getByRole('link', { name: 'View the change' }).click();
    await owner.getByText('Field by field against the current record').waitFor();
    expect(await owner.getByTestId('diff-table').textContent()).toContain('Platform name');
    await shots(owner, '73-change-view-en');

    // A second change, started and edited in English; left open, the revocation below cancels it.
    await owner.goto(`${baseUrl}/filings/${filingId}`);
    await owner.getByRole('button', { name: 'Apply for a change' }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Start the change' }).click();
    await owner.getByTestId('open-change').getByRole('button', { name: 'Continue the change' }).click();
    await owner.getByRole('heading', { name: 'Change the filed information' }).waitFor();
    await owner.getByTestId('change-banner').getByText('Change draft').waitFor();
    await shots(owner, '74-change-editor-en');
    await owner.locator('.ant-steps-item').filter({ hasText: 'Review & submit' }).click();
    await owner.getByText('No differences from the current record').waitFor();
    await owner.getByText('The form is complete: check it and submit.').waitFor();
    await owner.getByTestId('submit-blocked').getByText('Nothing differs from the current record yet').waitFor();
    await shots(owner, '75-change-confirm-en');
    await setLang(owner, 'zh');
  });

  it('an admin revokes the filing with a legal basis; the applicant and the public see 已撤销', async () => {
    await staff.goto(`${baseUrl}/review/filings/${filingId}`);
    await staff.getByTestId('revoke-button').first().click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByText(/不可恢复/).waitFor();
    // Without a basis and a reason nothing is sent.
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await dialog.getByText('请选择撤销依据').waitFor();
    await dialog.getByLabel('撤销依据').click();
    await staff.locator('.ant-select-item-option').filter({ hasText: '第九条' }).click();
    await dialog.getByLabel('撤销原因').fill('经核查，平台存在违规发布未修补漏洞的行为。');
    expect(await unlabelledInputs(staff)).toEqual([]);
    await shots(staff, '76-review-revoke-dialog');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await staff.getByTestId('revoked-banner').waitFor();
    expect(await staff.getByTestId('revoked-banner').textContent()).toContain('第九条');
    await staff.getByTestId('review-status').getByText('已撤销').waitFor();
    expect(await staff.getByTestId('revoke-button').count()).toBe(0);
    await shots(staff, '77-review-revoked');

    expect((await publicRecord()).status).toBe('revoked');
    await owner.goto(`${baseUrl}/filings/${filingId}`);
    const notice = owner.getByTestId('revoked-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('违规发布未修补漏洞');
    expect(await owner.getByTestId('public-history').getByTestId('public-status').textContent()).toContain('已撤销');
    expect(await owner.getByRole('button', { name: '申请变更备案' }).count()).toBe(0);
    // The open change went with it.
    expect(await owner.getByTestId('open-change').count()).toBe(0);
    // A revoked platform is not told it may go live.
    expect(await owner.getByTestId('article8-notice').count()).toBe(0);
    await shots(owner, '78-applicant-revoked');
    await owner.goto(`${baseUrl}/public/filings/${encodeURIComponent(filingNumber)}`);
    await owner.getByTestId('public-status').getByText('已撤销').waitFor();
    await shots(owner, '79-public-revoked');
  });
});
