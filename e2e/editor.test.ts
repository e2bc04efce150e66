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

const status = (page: Page, step: string) => page.getByTestId(`step-${step}`).getAttribute('data-status');

describe.each(VIEWPORTS)('the step editor ($name)', (vp) => {
  it('marks only complete steps ✓, keeps steps in history, and stays by default when leaving', async () => {
    const { page } = await signedIn(vp, `steps-${vp.name}`);
    await page.getByRole('button', { name: '新建备案' }).click();
    await page.getByRole('heading', { name: /平台信息/ }).waitFor();
    const editUrl = page.url();
    // 新建备案 again reuses the empty draft instead of creating another.
    await page.goto(`${baseUrl}/filings`);
    await page.getByRole('button', { name: '新建备案' }).click();
    await page.getByRole('heading', { name: /平台信息/ }).waitFor();
    expect(page.url()).toBe(editUrl);

    await page.getByLabel('漏洞收集平台名称').fill('端到端步骤测试平台');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: /主办者/ }).waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: /人员/ }).waitFor();
    // Back goes to the previous step, not out of the editor.
    await page.goBack();
    await page.getByRole('heading', { name: /2\. 主办者/ }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: /1\. 平台信息/ }).waitFor();
    await page.goForward();
    await page.getByRole('heading', { name: /2\. 主办者/ }).waitFor();

    // Jump to 确认提交 with few fields: no step is ✓, the incomplete ones are marked.
    await page.getByTestId('step-confirm').click();
    await page.getByRole('heading', { name: /确认提交/ }).waitFor();
    for (const k of ['platform', 'sponsor', 'people', 'capital', 'rules', 'mlps', 'attachments'])
      expect(await status(page, k), k).toBe('error');
    expect(await page.locator('.ant-steps-item-finish').count()).toBe(0);
    await screenshot(page, `editor-steps-incomplete-${vp.name}`);

    // Leaving with unsaved changes: the dialog's focused, primary button is 留在此页, and Escape stays.
    await page.getByTestId('step-platform').click();
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
    await page.getByTestId('step-sponsor').click();
    const code = page.getByLabel('统一社会信用代码', { exact: true });
    await code.waitFor();
    expect(await code.inputValue()).toBe('91350211M0000XUF46');
    await page.getByTestId('id-number-confirm').check();
    await screenshot(page, 'editor-pilot-uscc-phone');
    await page.getByTestId('step-confirm').click();
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
