/**
 * Passwords in the browser, in Chinese and English, on a desktop and a 390 px phone: an applicant who forgot the
 * password asks for a link on the sign-in page (忘记密码), opens it from the mail the server sent, sets a new
 * password and signs in with it; then changes it on the account page (修改密码). No page of the journey, nor the
 * admin's staff page, scrolls sideways on the phone (the measure of e2e/phone.test.ts).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountCatalog } from '../src/shared/i18n/locales/account.js';
import { commonCatalog } from '../src/shared/i18n/locales/common.js';
import { ApiClient, signUpViaApi } from './apiClient.js';
import { launchBrowser, screenshot, unlabelledInputs } from './browser.js';
import { waitForResetToken } from './mail.js';
import { openPage } from './signedInPages.js';
import { freshTotp } from './totp.js';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};

const FIRST = 'lantern-ferry-8841';
const SECOND = 'harbour-violet-5523';
const THIRD = 'copper-meadow-7719';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Lang = 'zh' | 'en';
const texts = (lang: Lang) => {
  const key = lang === 'en' ? 'en' : 'zh-CN';
  return { a: accountCatalog.resources[key], c: commonCatalog.resources[key] };
};

async function newContext(lang: Lang, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: lang === 'en' ? 'en-US' : 'zh-CN',
    viewport: { width, height: width < 500 ? 844 : 900 },
  });
  await context.addInitScript(`localStorage.setItem('vcp.lang', ${JSON.stringify(lang)})`);
  return context;
}

/** How much wider than the window the page is (0: nothing scrolls sideways). */
const overflow = (p: Page) => p.evaluate(() => (document.scrollingElement as Element).scrollWidth - window.innerWidth);

const login = (email: string, password: string) =>
  new ApiClient(baseUrl).request('POST', '/api/auth/login', { email, password });

describe('forgotten and changed passwords in the browser', () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const width of [1280, 390]) {
      const shot = `account-${lang}-${width}`;

      it(`forgot password through the mailed link, then sign in and change it (${lang}, ${width} px)`, async () => {
        const { a, c } = texts(lang);
        const email = `e2e-account-${lang}-${width}-${Date.now()}@example.com`;
        expect(await signUpViaApi(new ApiClient(baseUrl), { email, password: FIRST })).toBe(200);
        const context = await newContext(lang, width);
        const page = await context.newPage();
        const wide: string[] = [];
        const measure = async (what: string) => {
          const extra = await overflow(page);
          if (extra > 0) wide.push(`${what}: ${extra} px too wide`);
        };

        // 忘记密码, from the sign-in page.
        await openPage(page, baseUrl, '/login');
        await screenshot(page, `${shot}-login`);
        await page.getByTestId('forgot-password').click();
        await page.getByRole('heading', { name: a.forgot.title }).waitFor();
        await page.getByText(a.forgot.staffNote).waitFor();
        expect(await unlabelledInputs(page)).toEqual([]);
        await measure('forgot-password');
        await screenshot(page, `${shot}-forgot`);
        await page.getByLabel(c.auth.email).fill(email);
        await page.getByRole('button', { name: a.forgot.submit }).click();
        await page.getByTestId('forgot-sent').waitFor();
        await measure('forgot-password sent');
        await screenshot(page, `${shot}-forgot-sent`);

        // The link from the mail as received; the page takes the token out of the address bar.
        const token = await waitForResetToken(mailDir, email);
        await openPage(page, baseUrl, `/reset-password#token=${token}`);
        await page.getByRole('heading', { name: a.reset.title }).waitFor();
        expect(page.url()).toBe(`${baseUrl}/reset-password`);
        await page.getByText(a.reset.staffNote).waitFor();
        await measure('reset-password');
        await screenshot(page, `${shot}-reset`);
        await page.getByLabel(a.reset.newPassword, { exact: true }).fill(SECOND);
        await page.getByLabel(a.reset.confirmPassword, { exact: true }).fill(`${SECOND}x`);
        await page.getByRole('button', { name: a.reset.submit }).click();
        await page.getByText(a.mismatch).waitFor();
        await page.getByLabel(a.reset.confirmPassword, { exact: true }).fill(SECOND);
        await page.getByRole('button', { name: a.reset.submit }).click();
        await page.getByTestId('reset-done').waitFor();
        await measure('reset-password done');
        await screenshot(page, `${shot}-reset-done`);

        // Sign in with the new password.
        await page.getByRole('button', { name: a.reset.login }).click();
        await page.getByLabel(c.auth.email).fill(email);
        await page.getByLabel(c.auth.password, { exact: true }).fill(SECOND);
        await page.getByRole('button', { name: c.auth.login, exact: true }).click();
        await page.waitForURL(`${baseUrl}/filings`);

        // 修改密码 on the account page, reached from the signed-in name in the header.
        if (width < 768) await page.getByRole('button', { name: c.nav.menu }).click();
        await page.getByRole('banner').getByRole('link', { name: email }).click();
        await page.getByRole('heading', { name: a.page.title, level: 2 }).waitFor();
        expect(await unlabelledInputs(page)).toEqual([]);
        await page.getByLabel(a.page.current, { exact: true }).fill('not-the-password-1');
        await page.getByLabel(a.page.newPassword, { exact: true }).fill(THIRD);
        await page.getByLabel(a.page.confirmPassword, { exact: true }).fill(THIRD);
        await page.getByRole('button', { name: a.page.submit }).click();
        await page.getByText(a.page.wrongCurrent).waitFor();
        await page.getByLabel(a.page.current, { exact: true }).fill(SECOND);
        await page.getByRole('button', { name: a.page.submit }).click();
        await page.getByTestId('password-changed').waitFor();
        await measure('account');
        await screenshot(page, `${shot}-changed`);
        // Still signed in here; the password is the newest one.
        await openPage(page, baseUrl, '/account');
        await page.getByRole('heading', { name: a.page.title, level: 2 }).waitFor();
        await context.close();

        expect((await login(email, THIRD)).status).toBe(200);
        expect((await login(email, SECOND)).status).toBe(401);
        expect(wide).toEqual([]);
      });
    }

    it(`the staff page's table scrolls inside its card on a 390 px phone; an admin resets a password (${lang})`, async () => {
      const { c } = texts(lang);
      const staff = new ApiClient(baseUrl);
      const totp = await freshTotp(reviewer.secret);
      const res = await staff.request('POST', '/api/auth/login', {
        email: reviewer.email,
        password: reviewer.password,
        totp,
      });
      expect(res.status).toBe(200);
      // A long address and name, as a real department's: the table is wider than the phone.
      const created = await staff.request('POST', '/api/admin/staff', {
        email: `e2e-account-a-rather-long-address-${lang}-${Date.now()}@network-security-department.example.gov.cn`,
        displayName: '网络安全协调处审核员',
        roles: ['reviewer', 'admin', 'complaints'],
      });
      expect(created.status).toBe(201);
      const context = await newContext(lang, 390);
      await context.addCookies(staff.cookies());
      const page = await context.newPage();
      await openPage(page, baseUrl, '/admin/staff');
      await page.getByTestId('staff-card').locator('.ant-table').waitFor();
      await screenshot(page, `account-${lang}-390-admin-staff`);
      expect(await overflow(page)).toBe(0);
      // The table itself is wider than the phone and scrolls on its own.
      const table = await page.evaluate(() => {
        const el = document.querySelector('.ant-table-content, .ant-table-body') as HTMLElement;
        return { scroll: el.scrollWidth, client: el.clientWidth };
      });
      expect(table.scroll).toBeGreaterThan(table.client);

      // 重置密码 beside 重置动态口令: a new first password, shown once, signs in with the unchanged one-time code.
      const { account, enrolment } = created.body as {
        account: { id: string; email: string };
        enrolment: { secret: string };
      };
      await page.getByTestId(`reset-password-${account.id}`).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: c.words.confirm }).click();
      const value = page.getByTestId('reset-password-value');
      await value.waitFor();
      const given = (await value.textContent()) ?? '';
      expect(given).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      expect(await overflow(page)).toBe(0);
      await screenshot(page, `account-${lang}-390-admin-staff-password`);
      const signIn = await new ApiClient(baseUrl).request('POST', '/api/auth/login', {
        email: account.email,
        password: given,
        totp: await freshTotp(enrolment.secret),
      });
      expect(signIn.status).toBe(200);
      await context.close();
    });
  }
});
