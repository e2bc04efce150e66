/**
 * Every page in English shows no Chinese outside user data, and every page in Chinese no untranslated English UI
 * text (SPEC §13). User data — what the applicant typed, names, filing and ICP numbers, e-mail addresses, URLs,
 * uploaded file names — is taken out of the page's text first; in Chinese the words allowed in Latin letters
 * are the ALLOWED_LATIN list (brand names, standard names, codes).
 *
 * Every page is held to it, the applicant's, the reviewer's and the admin's; queues mark the cells that show other
 * people's records with `data-user-data`, as the pages that show one record do.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.js';
import { openPage, prepareSignedInPages, type SignedInFixture, signedInContext } from './signedInPages.js';

const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};

/** Latin words a Chinese page may show: names of standards, products, formats and codes. */
const ALLOWED_LATIN = new Set([
  'ICP',
  'English',
  'TOTP',
  'Webhook',
  'URL',
  'API',
  'PDF',
  'OFD',
  'JPEG',
  'JPG',
  'PNG',
  'DOCX',
  'CNY',
  'USD',
  'SM3',
  'MLPS',
  'GB',
  'YYYY',
  'MM',
  'DD',
  'CVSS',
  'Web',
  'KB',
  'MB',
  'http',
  'https',
  'www',
  'eml',
]);

let browser: Browser;
let fixture: SignedInFixture;

beforeAll(async () => {
  browser = await launchBrowser();
  fixture = await prepareSignedInPages(baseUrl, 'lang', reviewer);
});
afterAll(async () => {
  await browser?.close();
});

/** The page's visible text and its controls' accessible names, with user data taken out. */
async function uiText(page: Page, userData: readonly string[]): Promise<string> {
  let text = await page.evaluate(() => {
    // innerText, not textContent: what is shown, without hidden nodes and style sheets.
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
    const parts = [document.body.innerText];
    // Icons' names (aria-label="plus-circle") are antd's, not words a reader is shown.
    for (const el of document.querySelectorAll('[aria-label]:not(.anticon), [placeholder], [title]')) {
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
    }
    return parts.join('\n');
  });
  // Texts the page marks as user data or as the authority's stored words (data-user-data), code to copy that is not
  // to be translated (translate="no", as HTML defines it)...
  const marked = await page.evaluate(() =>
    // ...and elements in another language on purpose: the language switch names the other language.
    [...document.querySelectorAll<HTMLElement>('[data-user-data], [translate="no"], body [lang]')]
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
      .map((el) => el.innerText)
      .filter(Boolean),
  );
  for (const d of [...marked, ...userData].sort((a, b) => b.length - a.length)) text = text.split(d).join(' ');
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/工信漏备\d+号/g, ' ') // filing numbers
    .replace(/\p{Script=Han}{1,2}ICP备\d+号(-\d+)?/gu, ' ') // ICP numbers
    .replace(/[\w-]+\.(pdf|png|jpe?g|ofd|docx)\b/gi, ' '); // uploaded file names
}

const hanLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => /\p{Script=Han}/u.test(l))
    .map((l) => l.trim().slice(0, 80));

const latinWords = (text: string) =>
  [...new Set(text.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !ALLOWED_LATIN.has(w) && !/^[A-Z0-9]+$/.test(w));

async function walk(lang: 'zh' | 'en') {
  const findings: Record<string, string[]> = {};
  const anonymous = await browser.newContext({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
  await anonymous.addInitScript(`localStorage.setItem('vcp.lang', ${JSON.stringify(lang)})`);
  const pages: { name: string; path: string; who: 'applicant' | 'staff' | 'anonymous' }[] = [
    { name: 'login', path: '/login', who: 'anonymous' },
    { name: 'register', path: '/register', who: 'anonymous' },
    { name: 'not-found-anonymous', path: '/filings/x/y/z', who: 'anonymous' },
    ...fixture.pages,
  ];
  const contexts = {
    anonymous,
    applicant: await signedInContext(browser, fixture.applicant, { lang, width: 1366, height: 900 }),
    staff: await signedInContext(browser, fixture.staff, { lang, width: 1366, height: 900 }),
  };
  const tabs = {
    anonymous: await contexts.anonymous.newPage(),
    applicant: await contexts.applicant.newPage(),
    staff: await contexts.staff.newPage(),
  };
  for (const p of pages) {
    const page = tabs[p.who];
    await openPage(page, baseUrl, p.path);
    await screenshot(page, `lang-${lang}-${p.name}`);
    const text = await uiText(page, fixture.userData);
    const found = lang === 'en' ? hanLines(text) : latinWords(text);
    if (found.length) findings[p.name] = found;
  }
  for (const c of Object.values(contexts)) await c.close();
  return findings;
}

describe('every page speaks one language', () => {
  it('in English, no Chinese outside user data', async () => {
    expect(await walk('en')).toEqual({});
  });

  it('in Chinese, no untranslated English UI text', async () => {
    expect(await walk('zh')).toEqual({});
  });
});
