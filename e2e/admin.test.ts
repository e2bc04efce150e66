/**
 * The admin console in the browser (SPEC §1 admin): an admin changes the public complaint phone on the settings
 * page (the number format's preview follows the typing; a bad email is refused on the field), creates a staff
 * account and sees its TOTP QR once, and filters the audit log down to the settings change. Desktop and 390 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, unlabelledInputs } from './browser.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const admin = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};
const PHONE = `010-${String(Date.now()).slice(-8)}`;
const STAFF_EMAIL = `e2e-staff-${Date.now()}@example.gov.cn`;

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** The page is no wider than the window: nothing to scroll sideways on a phone. */
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the admin console', () => {
  it('the admin signs in and finds 系统设置, 工作人员 and 审计日志 in the header', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('电子邮箱').fill(admin.email);
    await page.getByLabel('密码').fill(admin.password);
    await page.getByRole('button', { name: '登录' }).click();
    const code = page.getByLabel('动态口令');
    await code.waitFor();
    await code.fill(await freshTotp(admin.secret));
    await page.getByRole('button', { name: '登录' }).click();
    for (const name of ['系统设置', '工作人员', '审计日志']) await page.getByRole('link', { name }).waitFor();
  });

  it('changes the complaint phone; the preview follows the format; a bad email is refused on its field', async () => {
    await page.getByRole('link', { name: '系统设置' }).click();
    await page.getByRole('heading', { name: '系统设置', level: 2 }).waitFor();
    const preview = page.getByTestId('number-preview');
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    await expect.poll(() => preview.textContent()).toMatch(new RegExp(`工信漏备${year}\\d{5}号`));

    const format = page.getByLabel('编号格式');
    await format.fill('VCP-{year}-{seq:3}');
    await expect.poll(() => preview.textContent()).toMatch(new RegExp(`VCP-${year}-\\d{3}`));
    await format.fill('VCP-{seq:3}');
    await expect.poll(() => preview.textContent()).toContain('格式无效');
    await page.getByText('编号格式须包含 {year}').waitFor();
    await format.fill('工信漏备{year}{seq:5}号');

    await page.getByLabel('举报邮箱').fill('not-an-email');
    await page.getByTestId('settings-save').click();
    await page.getByText('邮箱格式不正确').waitFor();
    await page.getByLabel('举报邮箱').fill('');
    await page.getByLabel('举报电话').fill(PHONE);
    await screenshot(page, '80-admin-settings');
    await page.getByTestId('settings-save').click();
    await page.getByText('已保存').first().waitFor();

    // The public portal shows the new phone.
    const home = await (await fetch(`${baseUrl}/`)).text();
    expect(home).toContain(PHONE);
    expect(await unlabelledInputs(page)).toEqual([]);
  });

  it('creates a staff account and is shown its TOTP QR and first password once', async () => {
    await page.getByRole('link', { name: '工作人员' }).click();
    await page.getByRole('heading', { name: '工作人员账号' }).waitFor();
    await page.getByTestId('staff-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('邮箱（登录名）').fill(STAFF_EMAIL);
    await dialog.getByLabel('姓名').fill('端到端审核员');
    await dialog.getByRole('button', { name: '新建账号' }).click();

    const qr = page.getByTestId('totp-qr');
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
    expect(await page.getByTestId('totp-secret').textContent()).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByTestId('initial-password').textContent()).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await screenshot(page, '81-admin-staff-enrolment');
    // The footer's 关闭 (the corner's × has the same name).
    await page.getByRole('dialog').getByRole('button', { name: '关闭' }).last().click();
    await qr.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: new RegExp(STAFF_EMAIL) });
    await row.waitFor();
    expect(await row.textContent()).toContain('从未登录');
    await screenshot(page, '82-admin-staff');
  });

  it('filters the audit log down to the settings change, with the chain intact', async () => {
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await expect.poll(() => page.getByTestId('audit-chain').textContent()).toContain('完整');
    await page.getByLabel('操作', { exact: true }).fill('settings.update');
    await page.keyboard.press('Escape');
    await page.getByTestId('audit-apply').click();
    const table = page.getByTestId('audit-table');
    const rows = table.locator('tbody tr.ant-table-row');
    // The unfiltered page stays on screen until the filtered one arrives: wait for every row to be a settings change.
    await expect
      .poll(async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes('修改系统设置'));
      })
      .toBe(true);
    expect(await table.textContent()).toContain(PHONE);
    expect(await page.getByTestId('audit-export').getAttribute('href')).toContain('action=settings.update');
    await screenshot(page, '83-admin-audit');
  });

  it('works at 390 px: the three pages fit the width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, heading, shot] of [
      ['/admin/settings', '系统设置', '84-admin-settings-phone'],
      ['/admin/staff', '工作人员账号', '85-admin-staff-phone'],
      ['/admin/audit', '审计日志', '86-admin-audit-phone'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
      await screenshot(page, shot);
    }
  });

  it('reads in English too', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: 'English' }).click();
    for (const [link, heading, shot] of [
      ['Settings', 'Settings', '87-admin-settings-en'],
      ['Staff', 'Staff accounts', '88-admin-staff-en'],
      ['Audit log', 'Audit log', '89-admin-audit-en'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
      await page.waitForLoadState('networkidle');
      const text = (await page.locator('main').textContent()) ?? '';
      // Chinese left only in data (names, categories' own labels come from the catalog's English half).
      expect(text).not.toMatch(/保存|筛选|新建账号|工作人员账号|系统设置/);
      await screenshot(page, shot);
    }
    await page.getByRole('button', { name: '中文' }).click();
  });
});
