/**
 * The public portal in the browser (SPEC §13, issue 12): the server-rendered pages at 390 px and on a desktop, in
 * Chinese and in English, with JavaScript off and on: no sideways scroll, `lang`, one h1, the landmarks, what each
 * page must show. With JavaScript off a visitor on a phone searches (paging, highlighting), opens a record, checks a
 * number, answers 是否需要备案 and finds 办事指南 and 投诉举报. The record's badge loads and its footer snippet copies;
 * the transparency page's own instructions (the OpenSSL commands, `vcp log verify`, an inclusion proof) verify the log
 * the server serves. Screenshots: portal-<lang>-<page>-<width>.png.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { PERSONAL, REQUIRED_UPLOADS, validFilingDraft } from '../src/server/test/factories.js';
import { LANG_COOKIE } from '../src/shared/i18n/index.js';
import { ApiClient, signUpViaApi } from './apiClient.js';
import { launchBrowser, screenshot } from './browser.js';
import { freshTotp } from './totp.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const baseUrl = inject('baseUrl');
const reviewer = {
  email: inject('reviewerEmail'),
  password: inject('reviewerPassword'),
  secret: inject('reviewerTotpSecret'),
};

/** A word no other browser test uses: the search for it finds exactly this test's platforms. */
const WORD = '鹈鹕';
/** One more than a results page holds (20), so the search has a second page. */
const PLATFORMS = 21;
const PHONE = '010-12377123';
const EMAIL = 'jubao-portal@example.gov.cn';
const SPONSOR = validFilingDraft().sponsor?.name ?? '';
const UNKNOWN_NUMBER = '工信漏备209900001号';

const platformName = (i: number) => `${WORD}众测平台第${i + 1}站`;
/** Filing numbers by platform index. */
const numbers: string[] = [];

let browser: Browser;
let current: Page | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    if (current) {
      await screenshot(current, `failed-portal-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)}`).catch(
        () => undefined,
      );
    }
  });
});
afterAll(async () => {
  await browser?.close();
});

const ok = (what: string, status: number, want: number) => {
  if (status !== want) throw new Error(`${what}: expected ${want}, got ${status}`);
};

async function newContext(opts: { lang: 'zh' | 'en'; js: boolean; width?: number }): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: opts.lang === 'en' ? 'en-GB' : 'zh-CN',
    javaScriptEnabled: opts.js,
    viewport: { width: opts.width ?? 390, height: 844 },
  });
  if (opts.lang === 'en') await context.addCookies([{ name: LANG_COOKIE, value: 'en', url: baseUrl }]);
  return context;
}

/** What a page's frame must have, and what would make a phone scroll sideways. */
async function frameProblems(page: Page, lang: string): Promise<string[]> {
  const m = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    banner: document.querySelectorAll('body > header').length,
    nav: document.querySelectorAll('header nav').length,
    main: document.querySelectorAll('main').length,
    footer: document.querySelectorAll('body > footer').length,
    scroll: (document.scrollingElement as Element).scrollWidth,
    inner: window.innerWidth,
    wide: [...document.querySelectorAll('main *, header *, footer *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((el) => !el.closest('pre'))
      .map((el) => el.tagName.toLowerCase() + (el.className ? `.${el.className}` : ''))
      .slice(0, 5),
  }));
  const problems: string[] = [];
  if (m.lang !== lang) problems.push(`lang="${m.lang}"`);
  if (m.h1 !== 1) problems.push(`${m.h1} h1`);
  for (const [k, n] of [
    ['banner', m.banner],
    ['navigation', m.nav],
    ['main', m.main],
    ['contentinfo', m.footer],
  ] as const) {
    if (n !== 1) problems.push(`${n} ${k} landmarks`);
  }
  if (m.scroll > m.inner) problems.push(`${m.scroll} px wide in ${m.inner} px (${m.wide.join(', ')})`);
  return problems;
}

/** Chinese left on an English page once the data (names, numbers, the language switch, code samples) is taken out. */
async function chineseLeft(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('pre, textarea, [lang="zh-CN"], input')) el.remove();
    return clone.textContent ?? '';
  });
  const data = [
    ...Array.from({ length: PLATFORMS }, (_, i) => platformName(PLATFORMS - 1 - i)),
    ...numbers,
    UNKNOWN_NUMBER,
    SPONSOR,
    '张**',
    validFilingDraft().platform?.icpNumber ?? '',
    '微信',
    '漏洞盒子',
    WORD,
  ];
  let rest = text;
  for (const d of data) rest = rest.replaceAll(d, '');
  return [...new Set(rest.match(/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+/g) ?? [])];
}

describe('the public portal in the browser', () => {
  it(`a sponsor files ${PLATFORMS} platforms, they are approved, and the admin publishes the complaint channels (API)`, async () => {
    const applicant = new ApiClient(baseUrl);
    const email = `e2e-portal-${Date.now()}@example.com`;
    ok('sign-up', await signUpViaApi(applicant, { email, password: 'pelican-harbour-2026' }), 200);
    const staff = new ApiClient(baseUrl);
    const totp = await freshTotp(reviewer.secret);
    ok(
      'staff sign-in',
      (await staff.request('POST', '/api/auth/login', { ...reviewer, secret: undefined, totp })).status,
      200,
    );
    const base = validFilingDraft();
    for (let i = 0; i < PLATFORMS; i++) {
      const host = `pelican${i + 1}.example.cn`;
      // The last one is an individual's: the record shows the name masked.
      const individual = i === PLATFORMS - 1;
      const draft = validFilingDraft({
        platform: {
          ...base.platform,
          name: platformName(i),
          homepageUrl: `https://${host}/`,
          publishUrls: [`https://${host}/bugs`],
        },
        ...(individual
          ? {
              sponsor: { type: 'individual', name: PERSONAL.individualName, idNumber: PERSONAL.residentId },
              capital: undefined,
            }
          : {}),
      });
      const created = await applicant.request<{ filing: { id: string } }>('POST', '/api/filings', draft);
      ok('create filing', created.status, 201);
      const id = created.body.filing.id;
      for (const u of REQUIRED_UPLOADS) {
        if (individual && u.kind === 'equity_proof') continue;
        const form = new FormData();
        form.append('kind', u.kind);
        form.append('file', new Blob([new Uint8Array(u.bytes())]), u.name);
        ok(
          `upload ${u.kind}`,
          (await applicant.request('POST', `/api/filings/${id}/attachments`, undefined, form)).status,
          201,
        );
      }
      ok('submit', (await applicant.request('POST', `/api/filings/${id}/submit`)).status, 200);
      const approved = await staff.request<{ filingNumber: string }>('POST', `/api/review/filings/${id}/approve`);
      ok('approve', approved.status, 200);
      numbers.push(approved.body.filingNumber);
    }
    const settings = await staff.request('PUT', '/api/admin/settings', { complaints: { phone: PHONE, email: EMAIL } });
    expect(settings.status).toBe(200);
    expect(numbers).toHaveLength(PLATFORMS);
  });

  /** The pages, each with what a visitor must find on it, in both languages. */
  const pages = () => {
    const record = `/public/filings/${encodeURIComponent(numbers[0] ?? '')}`;
    const q = encodeURIComponent(WORD);
    return [
      {
        name: 'home',
        path: '/',
        status: 200,
        zh: [
          '查验备案编号',
          '备案统计',
          '已公布备案',
          '办事指南',
          '是否需要备案',
          '投诉举报',
          PHONE,
          EMAIL,
          '不代表对平台及其服务的认可',
        ],
        en: [
          'Verify a filing number',
          'The registry in numbers',
          'How to file',
          'Do I need to file?',
          'Complaints and reports',
          PHONE,
          EMAIL,
          'not an approval, recommendation or guarantee',
        ],
      },
      {
        name: 'search',
        path: `/public/filings?q=${q}`,
        status: 200,
        zh: [`“${WORD}”的查询结果`, `共 ${PLATFORMS} 条`, '第 1 / 2 页', '下一页', platformName(PLATFORMS - 1)],
        en: [`Results for “${WORD}”`, `Results: ${PLATFORMS}`, 'Page 1 of 2', 'Next', platformName(PLATFORMS - 1)],
      },
      {
        name: 'search-page-2',
        path: `/public/filings?q=${q}&page=2`,
        status: 200,
        zh: ['第 2 / 2 页', '上一页', platformName(0)],
        en: ['Page 2 of 2', 'Previous', platformName(0)],
      },
      {
        name: 'record',
        path: record,
        status: 200,
        zh: [
          platformName(0),
          numbers[0] ?? '',
          '有效',
          'pelican1.example.cn',
          SPONSOR,
          '公示记录',
          '予以备案',
          '网站页脚代码',
        ],
        en: [
          platformName(0),
          numbers[0] ?? '',
          'Valid',
          'pelican1.example.cn',
          SPONSOR,
          'Public history',
          'Filed',
          'Footer code',
        ],
      },
      {
        name: 'record-individual',
        path: `/public/filings/${encodeURIComponent(numbers[PLATFORMS - 1] ?? '')}`,
        status: 200,
        zh: ['张**', '个人'],
        en: ['张**', 'Individual'],
      },
      {
        name: 'unknown-number',
        path: `/public/filings/${encodeURIComponent(UNKNOWN_NUMBER)}`,
        status: 404,
        zh: ['未找到该备案编号', UNKNOWN_NUMBER, '重新查验'],
        en: ['Filing number not found', UNKNOWN_NUMBER, 'Verify another number'],
      },
      {
        name: 'unknown-path',
        path: '/no/such/page',
        status: 404,
        zh: ['页面不存在', '返回首页'],
        en: ['Page not found', 'Back to the home page'],
      },
      {
        name: 'guide',
        path: '/guide',
        status: 200,
        zh: ['谁需要备案', '需要准备的材料', '办理步骤', '时限', '第5条'],
        en: ['Who must file', 'What to prepare', 'Steps', 'Time limits', 'Article 5'],
      },
      {
        name: 'self-check',
        path: '/self-check?collects=yes&others=yes&ownFixOnly=no&inChina=yes&online=yes',
        status: 200,
        zh: ['判断结果', '需要备案', '第二条第二款'],
        en: ['Answer', 'Filing needed', 'Article 2, paragraph 2'],
      },
      {
        name: 'open-data',
        path: '/open-data',
        status: 200,
        zh: ['开放数据', 'filings.json', 'filings.csv', 'datapackage.json', 'events.atom', '透明日志'],
        en: ['Open data', 'filings.json', 'filings.csv', 'datapackage.json', 'events.atom', 'Transparency log'],
      },
      {
        name: 'transparency',
        path: '/transparency',
        status: 200,
        zh: ['透明日志', '当前树头', '如何验证', 'openssl dgst -sm3', 'log verify --url'],
        en: ['Transparency log', 'The current head', 'How to verify', 'openssl dgst -sm3', 'log verify --url'],
      },
    ];
  };

  for (const lang of ['zh', 'en'] as const) {
    for (const js of [false, true]) {
      it(`every public page fits 390 px and a desktop, with landmarks and its content (${lang}, JavaScript ${js ? 'on' : 'off'})`, async () => {
        const context = await newContext({ lang, js });
        const page = await context.newPage();
        current = page;
        const problems: string[] = [];
        for (const p of pages()) {
          const res = await page.goto(`${baseUrl}${p.path}`);
          expect(res?.status(), p.path).toBe(p.status);
          expect(res?.headers()['content-type'], p.path).toBe('text/html; charset=utf-8');
          const text = ((await page.locator('body').textContent()) ?? '').replace(/\s+/g, ' ');
          for (const want of p[lang]) if (!text.includes(want)) problems.push(`${p.name}: no “${want}”`);
          const footer = (await page.getByRole('contentinfo').textContent()) ?? '';
          const disclaimer = lang === 'en' ? 'A filing is not an endorsement' : '备案不代表对平台的认可或担保';
          if (!footer.includes(disclaimer)) problems.push(`${p.name}: the footer has no disclaimer`);
          if (lang === 'en') {
            const left = await chineseLeft(page);
            if (left.length) problems.push(`${p.name}: untranslated ${left.join(' ')}`);
          }
          for (const width of [390, 1280]) {
            await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
            for (const f of await frameProblems(page, lang === 'en' ? 'en' : 'zh-CN')) {
              problems.push(`${p.name} at ${width} px: ${f}`);
            }
            if (!js) await screenshot(page, `portal-${lang}-${p.name}-${width}`);
          }
          await page.setViewportSize({ width: 390, height: 844 });
        }
        await context.close();
        current = undefined;
        expect(problems).toEqual([]);
      });
    }
  }

  it('with JavaScript off, a visitor on a phone searches, pages, opens a record, checks a number, answers 是否需要备案 and finds 办事指南 and 投诉举报', async () => {
    const context = await newContext({ lang: 'zh', js: false });
    const page = await context.newPage();
    current = page;
    await page.goto(`${baseUrl}/`);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);

    // Search: the term is marked in every result, 20 a page, and the second page holds the rest.
    await page.getByRole('search').getByLabel('平台名称、域名、备案编号或主办单位').fill(WORD);
    await page.getByRole('search').getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { level: 1, name: `“${WORD}”的查询结果` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/public/filings');
    expect(await page.getByTestId('result-count').textContent()).toBe(`共 ${PLATFORMS} 条`);
    const results = page.getByTestId('results').locator(':scope > li');
    expect(await results.count()).toBe(20);
    const marks = await page.getByTestId('results').locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(20);
    expect(new Set(marks)).toEqual(new Set([WORD]));
    await page.getByRole('link', { name: '下一页' }).click();
    await page.getByText('第 2 / 2 页').waitFor();
    expect(await results.count()).toBe(1);
    await page.getByRole('link', { name: '上一页' }).click();
    await page.getByText('第 1 / 2 页').waitFor();

    // A result opens its record (newest first: the second newest is on the first page): the §4 fields, the status.
    const opened = PLATFORMS - 2;
    await page.getByRole('link', { name: platformName(opened), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: platformName(opened) }).waitFor();
    expect(await page.getByTestId('filing-number').textContent()).toBe(numbers[opened]);
    expect(await page.getByTestId('public-status').textContent()).toContain('有效');

    // 查验备案编号 from the home page, with the spaces a copied number brings.
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('verify-form').getByLabel('备案编号').fill(` ${numbers[1]} `);
    await page.getByTestId('verify-form').getByRole('button', { name: '查验' }).click();
    await page.getByRole('heading', { level: 1, name: platformName(1) }).waitFor();
    expect(await page.getByTestId('filing-number').textContent()).toBe(numbers[1]);
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('verify-form').getByLabel('备案编号').fill(UNKNOWN_NUMBER);
    const [notFound] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/public/filings/${encodeURIComponent(UNKNOWN_NUMBER)}`)),
      page.getByTestId('verify-form').getByRole('button', { name: '查验' }).click(),
    ]);
    expect(notFound.status()).toBe(404);
    await page.getByTestId('public-filing-not-found').waitFor();

    // 是否需要备案: the questions on the home page, a reasoned answer.
    await page.goto(`${baseUrl}/`);
    const form = page.getByTestId('self-check-form');
    const answer = async (question: RegExp, value: '是' | '否') =>
      form.getByRole('group', { name: question }).getByLabel(value, { exact: true }).check();
    await answer(/是否收集网络产品安全漏洞/, '是');
    await answer(/是否包括他人/, '是');
    await answer(/是否仅用于修补自身/, '否');
    await answer(/中华人民共和国境内/, '是');
    await answer(/是否已经上线运行/, '否');
    await form.getByRole('button', { name: '查看结果' }).click();
    const verdict = page.getByTestId('self-check-answer');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('mustFile');
    expect(await verdict.textContent()).toContain('应在上线前完成备案（第八条）');
    await screenshot(page, 'portal-zh-self-check-answer-390');

    // 办事指南 from the site's navigation.
    await page.goto(`${baseUrl}/`);
    await page.getByRole('banner').getByRole('link', { name: '办事指南' }).click();
    await page.getByRole('heading', { level: 1, name: '办事指南' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('10个工作日内予以备案');

    // 投诉举报: the phone and email the admin set, and the web form.
    await page.goto(`${baseUrl}/`);
    const complaints = page.getByTestId('complaints');
    expect(await complaints.getByRole('link', { name: PHONE }).getAttribute('href')).toBe(
      `tel:${PHONE.replace(/-/g, '')}`,
    );
    expect(await complaints.getByRole('link', { name: EMAIL }).getAttribute('href')).toBe(`mailto:${EMAIL}`);
    await complaints.getByRole('link', { name: '在线投诉举报' }).click();
    await page.getByRole('heading', { level: 1, name: '投诉举报' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/complaints/new');

    // English through the header's switch, kept on the next page.
    await page.goto(`${baseUrl}/`);
    await page.getByRole('banner').getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Verify a filing number' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'How to file' }).click();
    await page.getByRole('heading', { level: 1, name: 'How to file' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
    current = undefined;
  });

  it('the record page’s badge image loads and its footer snippet copies to the clipboard', async () => {
    const context = await newContext({ lang: 'zh', js: true, width: 1280 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = await context.newPage();
    current = page;
    const number = numbers[0] ?? '';
    const badgePath = `/badge/${encodeURIComponent(number)}.svg`;
    const [badge] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === badgePath),
      page.goto(`${baseUrl}/public/filings/${encodeURIComponent(number)}`),
    ]);
    expect(badge.status()).toBe(200);
    expect(badge.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
    const img = page.getByRole('img', { name: `备案编号 ${number}` });
    await img.waitFor();
    expect(
      await img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);

    const snippet = page.getByLabel('网站页脚代码');
    const value = await snippet.inputValue();
    // The snippet links to the record's public address (the page's canonical URL).
    const recordUrl = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(recordUrl ?? '').pathname).toBe(`/public/filings/${encodeURIComponent(number)}`);
    expect(value).toContain(`<a href="${recordUrl}" target="_blank" rel="noopener">${number}</a>`);
    expect(await snippet.getAttribute('readonly')).not.toBeNull();
    await snippet.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+C');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
    await screenshot(page, 'portal-zh-record-snippet-1280');
    await context.close();
    current = undefined;
  });

  it('the transparency page’s instructions verify the log: its OpenSSL commands, vcp log verify, and an inclusion proof', async () => {
    const context = await newContext({ lang: 'zh', js: false, width: 1280 });
    const page = await context.newPage();
    current = page;
    await page.goto(`${baseUrl}/transparency`);
    const head = page.getByTestId('log-head');
    const shown = (await head.locator('dd').allTextContents()).map((s) => s.trim());
    const [treeSizeText, rootHash, , signature] = shown;
    const treeSize = Number(treeSizeText);
    expect(treeSize).toBeGreaterThanOrEqual(PLATFORMS);
    expect(rootHash).toMatch(/^[0-9a-f]{64}$/);

    // The head and key through the page's own links.
    const keyHref = await page.getByRole('link', { name: '签名公钥（SM2，PEM）' }).getAttribute('href');
    const keyPem = await (await page.request.get(new URL(keyHref ?? '', baseUrl).toString())).text();
    expect(keyPem).toContain('BEGIN PUBLIC KEY');
    const headHref = await page.getByRole('link', { name: '当前树头（JSON）' }).getAttribute('href');
    const apiHead = await (await page.request.get(new URL(headHref ?? '', baseUrl).toString())).json();
    expect(apiHead).toMatchObject({ treeSize, rootHash, signature });

    // Step 2's commands, as the page shows them, in an empty folder: OpenSSL says the signature is good.
    const steps = page.locator('section[aria-labelledby="h-steps"] pre');
    const commands = (await steps.textContent()) ?? '';
    expect(commands).toContain('openssl dgst -sm3 -verify log-key.pem -signature head.sig head.txt');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-e2e-log-'));
    try {
      const out = execFileSync('bash', ['-euo', 'pipefail', '-c', commands], { cwd: dir, encoding: 'utf8' });
      expect(out.trim()).toBe('Verified OK');
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'head.json'), 'utf8'))).toMatchObject({ treeSize, rootHash });

      // The command-line check as shown (`npm run vcp -- log verify …`), run with the built tool in that folder:
      // first the whole log against the kept key, then again from the saved head (consistency).
      const cli = ((await page.locator('section[aria-labelledby="h-cli"] pre').textContent()) ?? '').trim();
      const prefix = 'npm run vcp -- ';
      expect(cli.startsWith(`${prefix}log verify --url `)).toBe(true);
      const args = cli.slice(prefix.length).split(/\s+/);
      const vcp = (argv: string[]) =>
        execFileSync(process.execPath, [path.join(ROOT, 'dist/server/cli/vcp.js'), ...argv], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        });
      const first = vcp(args);
      expect(first).toContain(`transparency log intact: ${treeSize} leaves verified, root ${rootHash}`);
      expect(fs.existsSync(path.join(dir, 'saved-head.json'))).toBe(true);
      const second = vcp(args);
      expect(second).toContain('transparency log intact');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // One record's leaf and its inclusion proof (the API the page lists), hashed here independently: it reaches
    // the signed root, and the leaf holds the record the registry shows.
    const api = (await page.locator('section[aria-labelledby="h-api"]').textContent()) ?? '';
    expect(api).toContain('GET /api/public/log/entries?start=&end=');
    expect(api).toContain('GET /api/public/log/proof/inclusion?index=&treeSize=');
    const entries: { index: number; leaf: string }[] = [];
    for (let start = 0; start < treeSize; start += 1000) {
      const end = Math.min(treeSize, start + 1000);
      const res = await page.request.get(`${baseUrl}/api/public/log/entries?start=${start}&end=${end}`);
      entries.push(...(await res.json()).entries);
    }
    expect(entries).toHaveLength(treeSize);
    const mine = entries.find((e) => JSON.parse(e.leaf).filingNumber === numbers[0]);
    expect(mine).toBeDefined();
    const leaf = JSON.parse(mine?.leaf ?? '{}');
    expect(leaf.event).toBe('approved');
    const published = await (
      await page.request.get(`${baseUrl}/api/public/filings/${encodeURIComponent(numbers[0] ?? '')}`)
    ).json();
    expect(published.filing).toMatchObject(leaf.record);
    const index = mine?.index ?? -1;
    const proofRes = await page.request.get(
      `${baseUrl}/api/public/log/proof/inclusion?index=${index}&treeSize=${treeSize}`,
    );
    const { auditPath } = (await proofRes.json()) as { auditPath: string[] };
    expect(rootFromInclusion(index, treeSize, leafHash(mine?.leaf ?? ''), auditPath)).toBe(rootHash);
    await context.close();
    current = undefined;
  });
});

const sm3 = (...parts: Buffer[]) => createHash('sm3').update(Buffer.concat(parts)).digest();
const leafHash = (leaf: string) => sm3(Buffer.from([0]), Buffer.from(leaf, 'utf8'));

/** RFC 9162 §2.1.3.2 (the same proofs as RFC 6962 §2.1.1), written here apart from the server's code. */
function rootFromInclusion(index: number, size: number, hash: Buffer, path: string[]): string {
  let fn = index;
  let sn = size - 1;
  let r = hash;
  for (const p of path) {
    const sibling = Buffer.from(p, 'hex');
    if (sn === 0) return 'path too long';
    if (fn % 2 === 1 || fn === sn) {
      r = sm3(Buffer.from([1]), sibling, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = sm3(Buffer.from([1]), r, sibling);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r.toString('hex') : 'path too short';
}
