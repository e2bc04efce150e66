/**
 * A 390 px phone, signed in: no page of the app scrolls sideways (header links in a menu, tables scrolling inside
 * their card, no 8 px frame round the page). Every signed-in page of the applicant, the reviewer and the admin.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.js';
import { openPage, prepareSignedInPages, type SignedInFixture, signedInContext } from './signedInPages.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};

let browser: Browser;
let fixture: SignedInFixture;

beforeAll(async () => {
  browser = await launchBrowser();
  fixture = await prepareSignedInPages(baseUrl, '手机', reviewer);
});
afterAll(async () => {
  await browser?.close();
});

describe('the signed-in app on a 390 px phone', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`no page scrolls sideways (${lang})`, async () => {
      const wide: string[] = [];
      for (const who of ['applicant', 'staff'] as const) {
        const context = await signedInContext(browser, who === 'applicant' ? fixture.applicant : fixture.staff, {
          lang,
          width: 390,
        });
        const page = await context.newPage();
        for (const p of fixture.pages.filter((x) => x.who === who)) {
          await openPage(page, baseUrl, p.path);
          const m = await page.evaluate(() => ({
            scroll: (document.scrollingElement as Element).scrollWidth,
            inner: window.innerWidth,
            bodyMargin: getComputedStyle(document.body).marginLeft,
          }));
          await screenshot(page, `phone-${lang}-${p.name}`);
          if (m.scroll > m.inner) wide.push(`${p.path}: ${m.scroll} px wide in ${m.inner} px`);
          if (m.bodyMargin !== '0px') wide.push(`${p.path}: body margin ${m.bodyMargin}`);
        }
        await context.close();
      }
      expect(wide).toEqual([]);
    });
  }

  it('the header links sit behind a menu button on a phone', async () => {
    const context = await signedInContext(browser, fixture.staff, { lang: 'zh', width: 390 });
    const page = await context.newPage();
    await openPage(page, baseUrl, '/review');
    const queueLink = page.getByRole('banner').getByRole('link', { name: '通报记录' });
    expect(await queueLink.isVisible()).toBe(false);
    await page.getByRole('button', { name: '菜单' }).click();
    await queueLink.waitFor({ state: 'visible' });
    await screenshot(page, 'phone-zh-menu-open');
    await queueLink.click();
    await page.getByRole('heading', { name: '通报记录' }).waitFor();
    // The menu closes once a link is followed.
    expect(await queueLink.isVisible()).toBe(false);
    await context.close();
  });
});
