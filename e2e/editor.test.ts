/**
 * The editor as a new user meets it (issue 14), at desktop width and on a 390 px phone: step marks follow the fields
 * (✓ only for complete steps), each step is a history entry (the browser's Back goes to the previous step), the leave
 * dialog stays by default, 新建备案 reuses an empty draft, and a pilot-region credit code is filed with the applicant's
 * confirmation.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REQUIRED_UPLOADS, validFilingDraft } from '../src/server/test/factories.js';
import { ApiClient, signUpViaApi } from './apiClient.js';
import { launchBrowser, screenshot } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** An applicant signed in in the browser (cookie from the API's sign-up). */
async function signedIn(
  viewport: { width: number; height: number },
  tag: string,
): Promise<{ page: Page; api: ApiClient }> {
  const api = new ApiClient(baseUrl);
  const creds = { email: `e2e-editor-${tag}-${Date.now()}@example.com`, password: 'correct-horse-42' };
  // Signing up confirms the address through the mailed link (202, then 200).
  expect(await signUpViaApi(api, creds)).toBe(200);
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('电子邮箱').fill(creds.email);
  await page.getByLabel('密码').fill(creds.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的备案' }).waitFor();
  return { page, api };
}

const isPhone = (page: Page) => (page.viewportSize()?.width ?? 1366) < 768;

/** Goes to a step as a user would: the step list on a desktop, the one-line heading's menu on a phone. */
async function goToStep(page: Page, step: string) {
  if (isPhone(page)) {
    await page.getByTestId('step-menu').click();
    await page.getByTestId(`step-menu-${step}`).click();
    await expect.poll(() => page.getByTestId(`step-menu-${step}`).isVisible()).toBe(false);
  } else {
    await page.getByTestId(`step-${step}`).click();
  }
}

/** The steps' marks as shown: in the step list on a desktop, in the steps menu on a phone. */
async function statuses(page: Page, steps: readonly string[]): Promise<Record<string, string | null>> {
  const phone = isPhone(page);
  if (phone) await page.getByTestId('step-menu').click();
  const out: Record<string, string | null> = {};
  for (const k of steps) {
    const mark = page.getByTestId(phone ? `step-menu-${k}` : `step-${k}`);
    if (phone) await mark.waitFor();
    out[k] = await mark.getAttribute('data-status');
  }
  if (phone) {
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId(`step-menu-${steps[0]}`).isVisible()).toBe(false);
  }
  return out;
}

/** The heading of step n: "2. 主办者" on a desktop, "第 2 步，共 8 步：主办者" on a phone. */
const stepHeading = (page: Page, n: number, name: string) =>
  page.getByRole('heading', { name: new RegExp(`^(${n}\\. |第 ${n} 步，共 \\d+ 步：)${name}$`) });

const STEPS = ['platform', 'sponsor', 'people', 'capital', 'rules', 'mlps', 'attachments', 'confirm'] as const;

describe.each(VIEWPORTS)('the step editor ($name)', (vp) => {
  it('marks only complete steps ✓, keeps steps in history, and stays by default when leaving', async () => {
    const { page } = await signedIn(vp, `steps-${vp.name}`);
    await page.getByRole('button', { name: '新建备案' }).click();
    await stepHeading(page, 1, '平台信息').waitFor();
    const editUrl = page.url();
    // 新建备案 again reuses the empty draft instead of creating another.
    await page.goto(`${baseUrl}/filings`);
    await page.getByRole('button', { name: '新建备案' }).click();
    await stepHeading(page, 1, '平台信息').waitFor();
    expect(page.url()).toBe(editUrl);

    await page.getByLabel('漏洞收集平台名称').fill('端到端步骤测试平台');
    await page.getByRole('button', { name: '下一步' }).click();
    await stepHeading(page, 2, '主办者').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await stepHeading(page, 3, '人员').waitFor();
    // Back goes to the previous step, not out of the editor.
    await page.goBack();
    await stepHeading(page, 2, '主办者').waitFor();
    await page.goBack();
    await stepHeading(page, 1, '平台信息').waitFor();
    await page.goForward();
    await stepHeading(page, 2, '主办者').waitFor();

    // Jump to 确认提交 with few fields: no step is ✓, the incomplete ones are marked.
    await goToStep(page, 'confirm');
    await stepHeading(page, 8, '确认提交').waitFor();
    const marks = await statuses(page, STEPS);
    for (const k of STEPS.filter((x) => x !== 'confirm')) expect(marks[k], k).toBe('error');
    expect(Object.values(marks)).not.toContain('finish');
    await screenshot(page, `editor-steps-incomplete-${vp.name}`);

    // Leaving with unsaved changes: the dialog's focused, primary button is 留在此页, and Escape stays.
    await goToStep(page, 'platform');
    await page.getByLabel('网站首页网址').fill('https://steps.e2e.example.cn/');
    // The browser's Back out of the editor: the router's blocker asks first.
    await page.evaluate(() => window.history.go(-4));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const stay = dialog.getByRole('button', { name: '留在此页' });
    await expect.poll(() => stay.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await stay.getAttribute('class')).toContain('ant-btn-primary');
    await screenshot(page, `editor-leave-dialog-${vp.name}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByLabel('网站首页网址').waitFor();
  });
});

describe('the step editor on a 390 px phone', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`shows the form's first field in the first screen, under a one-line step heading (${lang})`, async () => {
      const { page } = await signedIn({ width: 390, height: 844 }, `first-screen-${lang}`);
      await page.evaluate((l) => localStorage.setItem('vcp.lang', l), lang);
      await page.getByRole('button', { name: '新建备案' }).click();
      await stepHeading(page, 1, '平台信息').waitFor();
      if (lang === 'en') {
        await page.reload();
        await page.getByRole('heading', { name: 'Step 1 of 8: Platform' }).waitFor();
      }
      const field = page.locator('form input:not([type=hidden])').first();
      await field.waitFor();
      const box = await field.boundingBox();
      expect(box).not.toBeNull();
      // Entirely within the first screen, without scrolling.
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await page.locator('.vcp-step-list').isVisible()).toBe(false);
      await screenshot(page, `editor-first-screen-phone-${lang}`);
      // The steps menu names every step with its mark.
      await page.getByTestId('step-menu').click();
      for (const k of STEPS) await page.getByTestId(`step-menu-${k}`).waitFor();
      await screenshot(page, `editor-steps-menu-phone-${lang}`);
      await page.getByTestId('step-menu-people').click();
      await page
        .getByRole('heading', { name: lang === 'en' ? 'Step 3 of 8: People' : '第 3 步，共 8 步：人员' })
        .waitFor();
    });
  }
});

describe('a credit code from an early pilot region (phone, 390 px)', () => {
  it('is refused until confirmed against the licence, then filed with the code upper-case', async () => {
    const { page, api } = await signedIn({ width: 390, height: 844 }, 'pilot');
    const draft = validFilingDraft({ platform: { ...validFilingDraft().platform, name: '端到端试点代码平台' } });
    const created = await api.request<{ filing: { id: string } }>('POST', '/api/filings', {
      ...draft,
      sponsor: { ...draft.sponsor, idNumber: '91350211m0000xuf46' },
    });
    expect(created.status).toBe(201);
    const id = created.body.filing.id;
    for (const u of REQUIRED_UPLOADS) {
      const form = new FormData();
      form.append('kind', u.kind);
      form.append('file', new Blob([new Uint8Array(u.bytes())]), u.name);
      expect((await api.request('POST', `/api/filings/${id}/attachments`, undefined, form)).status).toBe(201);
    }
    await page.goto(`${baseUrl}/filings/${id}/edit?step=confirm`);
    await page
      .getByText(/校验位与国家标准（GB 32100）的计算结果不一致/)
      .first()
      .waitFor();
    await goToStep(page, 'sponsor');
    const code = page.getByLabel('统一社会信用代码', { exact: true });
    await code.waitFor();
    expect(await code.inputValue()).toBe('91350211M0000XUF46');
    await page.getByTestId('id-number-confirm').check();
    await screenshot(page, 'editor-pilot-uscc-phone');
    await goToStep(page, 'confirm');
    await page.getByText('信息完整，请核对后提交').waitFor();
    await page.getByTestId('id-number-confirmed').waitFor();
    await page.getByRole('button', { name: '提交备案' }).click();
    await page.getByTestId('due-text').filter({ hasText: '审核截止', visible: true }).first().waitFor();
    const filing = await api.request<{ filing: { status: string; data: { sponsor: { idNumber: string } } } }>(
      'GET',
      `/api/filings/${id}`,
    );
    expect(filing.body.filing.status).toBe('submitted');
    expect(filing.body.filing.data.sponsor.idNumber).toBe('91350211M0000XUF46');
  });
});
