/**
 * Article 5 end to end: an applicant's complete filing reaches the review queue; a reviewer signs in with password
 * and TOTP, checks it, and sends a correction notice on one field; the applicant sees that field marked with the
 * reviewer's reason, fixes it in the browser and submits again; the reviewer approves; the applicant sees the
 * number, and the public registry shows the record. Along the way, the admin sets a partner's webhook (a receiver
 * in this process) and the approval's delivery shows as delivered.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { REQUIRED_UPLOADS, validFilingDraft } from '../src/server/test/factories.js';
import { ApiClient, signUpViaApi } from './apiClient.js';
import { launchBrowser, screenshot, unlabelledInputs } from './browser.js';
import { pickCorrectionField } from './pickers.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};
const PLATFORM = '端到端审核测试漏洞平台';
const OLD_ICP = '京ICP备16020626号-8';
const NEW_ICP = '京ICP备16020627号-1';
const REASON = 'ICP备案号与工信部备案系统记录不一致';
const applicant = { email: `e2e-review-${Date.now()}@example.com`, password: 'correct-horse-42' };

let browser: Browser;
let staff: Page;
let owner: Page;
let filingId = '';
let filingNumber = '';
let receiver: http.Server;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

const totp = () => freshTotp(reviewer.secret);

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  return context.newPage();
}

/** A proof that looks like one: a mock 等级保护备案证明 rendered by the browser, so the preview shows something. */
async function renderProof(): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 640, height: 420 } });
  await page.setContent(`<!doctype html><html lang="zh-CN"><body style="margin:0;font-family:sans-serif;background:#fff">
    <div style="margin:16px;border:3px double #8b0000;padding:20px 28px;height:340px;box-sizing:border-box;position:relative">
      <h2 style="text-align:center;letter-spacing:4px;margin:0 0 18px">网络安全等级保护备案证明（样例）</h2>
      <p>备案编号：11010899001-23001</p>
      <p>单位名称：北京某某网络安全技术有限公司</p>
      <p>定级对象：${PLATFORM}</p>
      <p>安全保护等级：第三级</p>
      <p style="position:absolute;bottom:12px;right:28px">端到端测试　2026年</p>
      <div style="position:absolute;right:60px;bottom:40px;width:110px;height:110px;border:3px solid #d40000;border-radius:50%;
        color:#d40000;display:flex;align-items:center;justify-content:center;font-weight:bold;transform:rotate(-12deg)">测试专用章</div>
    </div></body></html>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}

async function expectAllLabelled(page: Page) {
  expect(await unlabelledInputs(page)).toEqual([]);
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  browser = await launchBrowser();
  staff = await newPage();
  owner = await newPage();
});
beforeEach(({ onTestFailed, task }) => {
  // What the two browsers showed when a step failed, to see why.
  onTestFailed(async () => {
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
    await screenshot(staff, `failed-${name}-staff`).catch(() => undefined);
    await screenshot(owner, `failed-${name}-applicant`).catch(() => undefined);
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => receiver?.close(r));
});

describe('review in the browser', () => {
  it('an applicant submits a complete filing (through the API)', async () => {
    const api = new ApiClient(baseUrl);
    expect(await signUpViaApi(api, applicant)).toBe(200);
    const created = await api.request<{ filing: { id: string } }>(
      'POST',
      '/api/filings',
      validFilingDraft({
        platform: { ...validFilingDraft().platform, name: PLATFORM, icpNumber: OLD_ICP },
      }),
    );
    expect(created.status).toBe(201);
    filingId = created.body.filing.id;
    for (const u of REQUIRED_UPLOADS) {
      const bytes = u.kind === 'mlps_proof' ? await renderProof() : u.bytes();
      const form = new FormData();
      form.append('kind', u.kind);
      form.append('file', new Blob([new Uint8Array(bytes)]), u.name);
      expect((await api.request('POST', `/api/filings/${filingId}/attachments`, undefined, form)).status).toBe(201);
    }
    const submitted = await api.request<{ dueDate: string }>('POST', `/api/filings/${filingId}/submit`);
    expect(submitted.status).toBe(200);
  });

  it('staff pages refuse an applicant', async () => {
    await owner.goto(`${baseUrl}/login`);
    await owner.getByLabel('电子邮箱').fill(applicant.email);
    await owner.getByLabel('密码').fill(applicant.password);
    await owner.getByRole('button', { name: '登录' }).click();
    await owner.getByRole('heading', { name: '我的备案' }).waitFor();
    expect(await owner.getByRole('link', { name: '审核队列' }).count()).toBe(0);
    await owner.goto(`${baseUrl}/review`);
    await owner.getByText('此页面仅供审核人员使用。').waitFor();
    await owner.goto(`${baseUrl}/admin/deliveries`);
    await owner.getByText('此页面仅供管理员使用。').waitFor();
    await screenshot(owner, '20-review-refused-to-applicant');
  });

  it('the reviewer signs in with password and TOTP, lands on the dashboard and opens the queue', async () => {
    await staff.goto(`${baseUrl}/login`);
    await staff.getByLabel('电子邮箱').fill(reviewer.email);
    await staff.getByLabel('密码').fill(reviewer.password);
    await staff.getByRole('button', { name: '登录' }).click();
    const code = staff.getByLabel('动态口令');
    await code.waitFor();
    await code.fill(await totp());
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.getByRole('heading', { name: '工作台' }).waitFor();
    expect(new URL(staff.url()).pathname).toBe('/dashboard');
    await staff.getByRole('link', { name: '审核队列' }).click();
    await staff.getByRole('heading', { name: '审核队列' }).waitFor();
    await staff.getByRole('link', { name: '通报记录' }).waitFor();
  });

  it('the admin points 公安部 at a webhook and issues a pull token', async () => {
    const { port } = receiver.address() as AddressInfo;
    await staff.getByRole('link', { name: '通报记录' }).click();
    await staff.getByRole('heading', { name: '通报记录' }).waitFor();
    const mps = staff.getByTestId('partner-mps');
    await mps.waitFor();
    await expectAllLabelled(staff);
    await mps.getByLabel('Webhook 地址').fill(`http://127.0.0.1:${port}/vcp-hook`);
    await mps.getByLabel('签名密钥').fill('e2e-webhook-signing-secret-2026');
    await mps.getByRole('button', { name: '保存' }).click();
    await staff.getByText('公安部：已保存').waitFor();
    await expect.poll(() => mps.getByLabel('签名密钥').getAttribute('placeholder')).toBe('已设置');
    await mps.getByRole('button', { name: '生成拉取令牌' }).click();
    const token = staff.getByTestId('pull-token');
    await token.waitFor();
    expect((await token.textContent())?.trim().length).toBeGreaterThan(20);
    await screenshot(staff, '21-admin-pull-token-once');
    await staff.getByRole('button', { name: '我已复制，关闭' }).click();
    await expect.poll(() => token.count()).toBe(0);
    await screenshot(staff, '22-admin-deliveries-before');
  });

  it('the queue shows the filing with its due date; the reviewer claims it and opens it from the keyboard', async () => {
    await staff.getByRole('link', { name: '审核队列' }).click();
    const row = staff.getByTestId('queue-row').filter({ hasText: PLATFORM });
    await row.waitFor();
    await expect.poll(() => row.getByTestId('days-left').textContent()).toBe('剩余 10 个工作日');
    const expected = (await (
      await fetch(`${baseUrl}/api/calendar/deadline?from=${new Date().toISOString()}&workingDays=10`)
    ).json()) as { due: string };
    expect(await row.getByTestId('due-date').textContent()).toContain(expected.due);
    expect(await row.textContent()).toContain('北京某某网络安全技术有限公司');
    await expectAllLabelled(staff);
    await screenshot(staff, '23-review-queue');
    await row.getByRole('button', { name: '认领' }).click();
    await row.getByText('我', { exact: true }).waitFor();
    await staff.getByRole('radiogroup', { name: '审核人' }).getByText('未分配').click();
    await expect.poll(() => staff.getByTestId('queue-row').filter({ hasText: PLATFORM }).count()).toBe(0);
    await staff.getByRole('radiogroup', { name: '审核人' }).getByText('我的').click();
    const mine = staff.getByTestId('queue-row').filter({ hasText: PLATFORM });
    await mine.waitFor();
    await screenshot(staff, '24-review-queue-mine');
    await mine.getByRole('link', { name: PLATFORM }).focus();
    await staff.keyboard.press('Enter');
    await staff.getByRole('heading', { name: PLATFORM }).waitFor();
    expect(new URL(staff.url()).pathname).toBe(`/review/filings/${filingId}`);
  });

  it('the review page shows the completeness result, masked personal data, the proofs and the checklist', async () => {
    await staff.getByText('完整性核查通过').waitFor();
    const sections = staff.getByTestId('filing-sections');
    await expect.poll(() => sections.textContent()).toContain('139****5678');
    expect(await sections.textContent()).not.toContain('13912345678');
    expect(await sections.textContent()).toContain(OLD_ICP);
    await staff.getByTestId('assignee').getByText('审核员甲').waitFor();
    await expectAllLabelled(staff);
    await screenshot(staff, '25-review-page');

    // Reveal with a reason: too short first.
    await staff.getByRole('button', { name: '查看完整信息' }).first().click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('查看原因').fill('核对');
    await dialog.getByRole('button', { name: '查看' }).click();
    await dialog.getByText('请写明查看原因（至少 4 个字）').waitFor();
    await dialog.getByLabel('查看原因').fill('核对主要负责人手机号码是否真实');
    await dialog.getByRole('button', { name: '查看' }).click();
    await expect.poll(() => sections.textContent()).toContain('13912345678');
    expect(await sections.textContent()).toContain('91350100M000100Y43');
    await staff.getByText('已显示完整信息（已记录）').first().waitFor();
    await screenshot(staff, '26-review-revealed');

    // Attachments: a PNG previewed inline.
    await staff.getByRole('button', { name: '预览 等保备案证明.png' }).click();
    const preview = staff.getByRole('dialog').getByTestId('attachment-preview');
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(staff, '27-review-attachment-preview');
    await staff.keyboard.press('Escape');
    await expect.poll(() => staff.getByTestId('attachment-preview').count()).toBe(0);
    await staff.getByRole('button', { name: '预览 承诺书.pdf' }).click();
    await staff.getByRole('dialog').getByTestId('attachment-preview').waitFor();
    await staff.waitForTimeout(1000); // the PDF viewer draws after the frame loads
    await screenshot(staff, '27-review-attachment-preview-pdf');
    await staff.keyboard.press('Escape');
    await expect.poll(() => staff.getByTestId('attachment-preview').count()).toBe(0);

    // Checklist: saved on change; a note saved when the field is left.
    const platformCheck = staff.getByTestId('check-platform');
    await platformCheck.getByText('不通过', { exact: true }).click();
    await expect.poll(() => platformCheck.getAttribute('data-result')).toBe('fail');
    const noteSaved = staff.waitForResponse(
      (r) => r.url().endsWith('/checks/platform') && r.request().method() === 'PUT' && r.ok(),
    );
    await platformCheck.getByLabel(/备注/).fill(REASON);
    await platformCheck.getByLabel(/备注/).press('Tab');
    await noteSaved;
    for (const section of ['sponsor', 'people', 'commitment']) {
      const check = staff.getByTestId(`check-${section}`);
      await check.getByText('通过', { exact: true }).click();
      await expect.poll(() => check.getAttribute('data-result')).toBe('pass');
    }
    await staff.reload();
    await expect.poll(() => staff.getByTestId('check-platform').getAttribute('data-result')).toBe('fail');
    expect(await staff.getByTestId('check-platform').getByLabel(/备注/).inputValue()).toBe(REASON);
    await screenshot(staff, '28-review-checklist');
  });

  it('the reviewer sends a correction notice on the ICP number', async () => {
    await staff.getByRole('button', { name: '通知补正' }).first().click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('补正说明').fill('经核查，备案信息与有关系统记录不一致，请补正后重新提交。');
    // Fields by their names: the JSON path is never shown.
    await pickCorrectionField(staff, dialog, 1, 'ICP', 'ICP备案号');
    expect(await dialog.textContent()).not.toContain('platform.icpNumber');
    await dialog.getByLabel('原因 1').fill(REASON);
    await expectAllLabelled(staff);
    await screenshot(staff, '29-review-correction-modal');
    await dialog.getByRole('button', { name: '发送补正通知' }).click();
    // The dialog closes once the notice is saved (Playwright's wait, not a one-second poll: a loaded machine is slow).
    await dialog.waitFor({ state: 'detached' });
    await staff.getByText('已发送补正通知').first().waitFor();
    const history = staff.getByTestId('decision-history');
    await history.getByText(REASON).waitFor();
    expect(await history.textContent()).toContain('ICP备案号');
    await staff.getByTestId('review-status').getByText('待补正').waitFor();
    expect(await staff.getByRole('button', { name: '予以备案' }).count()).toBe(0);
    await screenshot(staff, '30-review-after-correction');
  });

  it('the applicant sees the notice and the marked field, fixes it and submits again', async () => {
    await owner.goto(`${baseUrl}/filings`);
    await expect.poll(() => owner.getByTestId('unread-count').textContent()).toBe('1');
    await owner.getByRole('link', { name: PLATFORM }).click();
    const notice = owner.getByTestId('correction-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(REASON);
    await screenshot(owner, '31-applicant-correction-status');

    await notice.getByRole('button', { name: '修改并重新提交' }).click();
    await owner.getByRole('heading', { name: '补正备案信息' }).waitFor();
    const help = owner.locator('#platform_icpNumber_help');
    await expect.poll(() => help.textContent()).toBe(REASON);
    expect(await owner.locator('.ant-steps-item-error').first().textContent()).toContain('平台信息');
    await owner.getByTestId('correction-notice').getByText(REASON).waitFor();
    await screenshot(owner, '32-applicant-editor-marked');

    await owner.getByLabel('ICP备案号').fill(NEW_ICP);
    await expect.poll(() => help.count()).toBe(0);
    await owner.getByTestId('correction-notice').getByText('已修改').waitFor();
    expect(await owner.locator('.ant-steps-item-error').count()).toBe(0);
    await screenshot(owner, '33-applicant-editor-fixed');

    await owner.locator('.ant-steps-item').filter({ hasText: '确认提交' }).click();
    await owner.getByText('信息完整，请核对后提交').waitFor();
    await expect.poll(() => owner.getByTestId('save-status').textContent()).toMatch(/已保存 \d\d:\d\d/);
    await owner.getByRole('button', { name: '重新提交' }).click();
    await owner.getByTestId('due-text').filter({ hasText: '审核截止' }).waitFor();
    // The timeline keeps the first submission and the correction notice.
    const timeline = owner.getByTestId('filing-timeline');
    await timeline.getByTestId('timeline-correction').waitFor();
    expect(await timeline.textContent()).toMatch(
      /提交备案，收到日期[\s\S]*工业和信息化部通知补正[\s\S]*补正后重新提交/,
    );
    await owner.getByText('待审核').first().waitFor();
    expect(await owner.getByTestId('correction-notice').count()).toBe(0);

    await owner.getByRole('link', { name: /^消息/ }).click();
    const note = owner.getByTestId('notification').first();
    await note.waitFor();
    expect(await note.textContent()).toMatch(/补正/);
    await screenshot(owner, '34-applicant-notifications');
    await note.getByRole('button', { name: '标为已读' }).click();
    await expect.poll(() => owner.getByTestId('unread-count').count()).toBe(0);
  });

  it('the reviewer approves: a number is issued', async () => {
    await staff.reload();
    await staff.getByTestId('review-status').getByText('待审核').waitFor();
    expect(await staff.getByTestId('filing-sections').textContent()).toContain(NEW_ICP);
    // What the applicant changed since the notice, and a checklist of this round only.
    const since = staff.getByTestId('since-correction');
    await since.waitFor();
    expect(await since.textContent()).toContain(OLD_ICP);
    expect(await since.textContent()).toContain(NEW_ICP);
    expect(await staff.getByTestId('check-platform').getAttribute('data-result')).toBe('');
    // The corrected section is checked again.
    const platformCheck = staff.getByTestId('check-platform');
    await platformCheck.getByText('通过', { exact: true }).click();
    await expect.poll(() => platformCheck.getAttribute('data-result')).toBe('pass');
    await staff.getByRole('button', { name: '予以备案' }).first().click();
    const confirm = staff.getByRole('dialog');
    await confirm.getByText(/备案编号一经发放不可收回/).waitFor();
    expect(await confirm.textContent()).not.toContain('不通过');
    await screenshot(staff, '35-review-approve-confirm');
    await confirm.getByRole('button', { name: '确认备案并发放编号' }).click();
    const issued = staff.getByTestId('issued-number');
    await issued.waitFor();
    filingNumber = ((await issued.textContent()) ?? '').trim();
    expect(filingNumber).toMatch(/^工信漏备\d{4}\d{5}号$/);
    await staff.getByTestId('filing-number').getByText(filingNumber).waitFor();
    await staff.getByTestId('review-status').getByText('已备案').waitFor();
    await screenshot(staff, '36-review-approved');

    // The same page in English, then back.
    await staff.getByRole('button', { name: 'English' }).click();
    await staff.getByText('Authenticity check').waitFor();
    await staff.getByRole('link', { name: 'Review queue' }).waitFor();
    await staff.getByTestId('review-status').getByText('Filed').waitFor();
    await screenshot(staff, '36-review-approved-en');
    await staff.getByRole('button', { name: '中文' }).click();
    await staff.getByText('真实性核查').waitFor();
  });

  it('the applicant sees the number and the duty to show it on the homepage', async () => {
    await owner.goto(`${baseUrl}/filings/${filingId}`);
    const number = owner.getByTestId('filing-number');
    await number.waitFor();
    expect((await number.textContent())?.trim()).toBe(filingNumber);
    await owner.getByText('请在平台网站主页底部标明备案编号').waitFor();
    await screenshot(owner, '37-applicant-approved');
  });

  it('the applicant downloads the certificate; its QR code leads to the public record page', async () => {
    const docs = owner.getByTestId('filing-documents');
    const download = docs.getByRole('link', { name: /下载备案证明/ });
    await download.waitFor();
    expect(await owner.getByTestId('footer-snippet').textContent()).toContain(`>${filingNumber}</a>`);
    await screenshot(owner, '37b-applicant-documents');
    for (const href of [await download.getAttribute('href'), `/api/filings/${filingId}/documents/registration.pdf`]) {
      const res = await owner.request.get(`${baseUrl}${href}`);
      expect(res.status(), href ?? '').toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      expect((await res.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    await owner.goto(`${baseUrl}/public/filings/${encodeURIComponent(filingNumber)}`);
    await owner.getByTestId('public-filing').getByText(PLATFORM).first().waitFor();
    await owner.getByTestId('public-status').getByText('有效').waitFor();
    await screenshot(owner, '37c-public-record');
    await owner.goto(`${baseUrl}/public/filings/${encodeURIComponent('工信漏备209900001号')}`);
    await owner.getByTestId('public-filing-not-found').waitFor();
  });

  it('the approval is delivered to the partner webhook and shows as delivered', async () => {
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(received.some((r) => r.body.includes(filingNumber))).toBe(true);
    // The worker records the delivery just after the receiver answers: wait for that through the admin API
    // (the browser's own session), then look at the page once.
    await expect
      .poll(
        async () => {
          const res = await staff.request.get(`${baseUrl}/api/admin/deliveries?recipient=mps`);
          const body = (await res.json()) as {
            items?: { channel: string; filingNumber: string | null; status: string }[];
          };
          return body.items?.find((i) => i.channel === 'webhook' && i.filingNumber === filingNumber)?.status;
        },
        { timeout: 60_000 },
      )
      .toBe('delivered');
    await staff.getByRole('link', { name: '通报记录' }).click();
    await staff.getByRole('heading', { name: '通报记录' }).waitFor();
    const row = staff.locator('tr').filter({ hasText: filingNumber }).filter({ hasText: 'Webhook' });
    await expect.poll(() => row.first().textContent(), { timeout: 30_000 }).toContain('已送达');
    await screenshot(staff, '38-admin-deliveries');
    await row.first().getByRole('button', { name: '详情' }).click();
    const drawer = staff.getByRole('dialog');
    await drawer.getByText('发送记录').waitFor();
    await drawer.locator('.ant-timeline-item').first().waitFor();
    expect(await drawer.textContent()).toContain('成功');
    await screenshot(staff, '39-admin-delivery-detail');
  });

  it('the public registry shows the record', async (ctx) => {
    const res = await fetch(`${baseUrl}/api/public/filings/${encodeURIComponent(filingNumber)}`);
    if (res.status === 404) {
      const docs = (await (await fetch(`${baseUrl}/api/docs/json`)).json()) as { paths?: Record<string, unknown> };
      const routed = Object.keys(docs.paths ?? {}).some((p) => p.startsWith('/api/public/filings/'));
      if (!routed) ctx.skip('GET /api/public/filings/:filingNumber is not implemented on the server yet');
    }
    expect(res.status).toBe(200);
    const body = (await res.json()) as { filing: Record<string, unknown> };
    expect(body.filing.filingNumber).toBe(filingNumber);
    expect(body.filing.platformName).toBe(PLATFORM);
    const text = JSON.stringify(body);
    for (const secret of ['13912345678', '91350100M000100Y43', '王建国', 'wang.jianguo@example.cn']) {
      expect(text).not.toContain(secret);
    }
  });
});
