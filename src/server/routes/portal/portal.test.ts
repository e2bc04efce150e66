/**
 * The public portal's pages on the raw HTML (SPEC §13; no browser): complete without JavaScript, landmarks, both
 * languages, ETag and Cache-Control, real 404s, ≤ 100 KB gzip with what they load, and nothing personal.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilingDraftInput } from '../../../shared/filing/schema.js';
import { loadConfig } from '../../config.js';
import { approvedFiling, loginStaff, PERSONAL, validFilingDraft } from '../../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { insertPublicRecord } from '../../test/publicRecords.js';

const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let reviewer: TestClient;
let org: { id: string; filingNumber: string };
let individual: { id: string; filingNumber: string };
const base = validFilingDraft();

const INDIVIDUAL: Partial<FilingDraftInput> = {
  platform: {
    ...base.platform,
    name: '个人漏洞研究站',
    homepageUrl: 'https://solo.example.net/',
    publishUrls: ['https://solo.example.net/advisories'],
  },
  sponsor: { type: 'individual', name: PERSONAL.individualName, idNumber: PERSONAL.residentId },
  capital: undefined,
};

beforeAll(async () => {
  // This file asks for hundreds of pages within a minute from one address: the public limit (checked in
  // publicFastPath.test.ts and rateLimitStore.test.ts) is off here.
  const limits = loadConfig({}).rateLimits;
  server = await startTestServer({
    now: () => NOW,
    config: { rateLimits: { ...limits, register: 10_000, public: 0 } },
  });
  reviewer = server.client();
  await loginStaff(server, reviewer);
  org = await approvedFiling(server.client(), reviewer);
  individual = await approvedFiling(server.client(), reviewer, INDIVIDUAL);
  await server.ctx.settings.set('complaints.phone', '010-66668888');
  await server.ctx.settings.set('complaints.email', 'jubao@example.gov.cn');
});
afterAll(() => server?.close());

const get = (path: string, headers: Record<string, string> = {}) => server.client().get(path, { headers });
const hrefOf = (html: string, rel: string) => new RegExp(`<link rel="${rel}" href="([^"]+)"`).exec(html)?.[1];

/** The page and everything it loads (its stylesheet; no scripts, no fonts, no images but the badge), gzip. */
async function gzipWeight(html: string): Promise<number> {
  expect(html).not.toMatch(/<script/i);
  let total = gzipSync(html).length;
  const css = hrefOf(html, 'stylesheet');
  if (css) total += gzipSync((await get(css)).bytes).length;
  for (const [, src] of html.matchAll(/<img src="([^"]+)"/g)) {
    total += gzipSync((await get(new URL(src ?? '', server.url).pathname)).bytes).length;
  }
  return total;
}

function expectFrame(html: string, lang = 'zh-CN') {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).toContain(`<html lang="${lang}">`);
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  for (const tag of [
    '<header class="site">',
    '<nav class="main"',
    '<main id="main"',
    '<footer class="site">',
    '<h1>',
  ]) {
    expect(html).toContain(tag);
  }
}

describe('the home page', () => {
  it('has everything SPEC §13 names, without JavaScript', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = res.text;
    expectFrame(html);
    expect(html).toContain('<form class="search" method="get" action="/public/filings" role="search">');
    expect(html).toMatch(/<form [^>]*action="\/public\/filings" data-testid="verify-form">/);
    expect(html).toContain('查验备案编号');
    expect(html).toMatch(/<li><strong>2<\/strong>已公布备案<\/li>/);
    expect(html).toContain('办事指南');
    expect(html).toContain('10个工作日内予以备案');
    expect(html).toContain('action="/self-check"');
    expect(html).toContain('<a href="tel:01066668888">010-66668888</a>');
    expect(html).toContain('010-66668888');
    expect(html).toContain('mailto:jubao@example.gov.cn');
    expect(html).toContain('不代表对平台及其服务的认可');
    expect(await gzipWeight(html)).toBeLessThan(100 * 1024);
  });

  it('says the complaint channels are not yet published when the admin has set none', async () => {
    await server.ctx.settings.set('complaints.phone', '');
    const html = (await get('/')).text;
    expect(html).not.toContain('010-66668888');
    expect(html).toContain('暂未公布');
    await server.ctx.settings.set('complaints.phone', '010-66668888');
  });

  it('is in English with ?lang=en, and stays English through the cookie', async () => {
    const client = server.client();
    const res = await client.get('/?lang=en');
    expectFrame(res.text, 'en');
    expect(res.text).toContain('Verify a filing number');
    expect(res.text).toContain('is not an approval, recommendation or guarantee');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const next = await client.get('/guide');
    expect(next.text).toContain('<html lang="en">');
    expect(next.text).toContain('Article 5');
    const back = await client.get('/guide?lang=zh-CN');
    expect(back.text).toContain('<html lang="zh-CN">');
    expect(back.text).toContain('第5条');
  });

  it('answers a revalidation with 304 through its ETag, and serves its stylesheet immutable', async () => {
    const res = await get('/');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('vary')).toContain('Cookie');
    const again = await get('/', { 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const css = await get(hrefOf(res.text, 'stylesheet') ?? '');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});

describe('the guide and the self-check', () => {
  it('gives the steps, materials and time limits with their articles', async () => {
    const html = (await get('/guide')).text;
    expectFrame(html);
    expect(html).toContain('签字并加盖公章的承诺书扫描件');
    expect(html).toContain('办法施行之日（2023-01-01）起10个工作日内');
    for (const n of [5, 6, 7, 8]) expect(html).toContain(`<td>第${n}条</td>`);
  });

  it('asks the Article 2 questions as a GET form and gives a reasoned answer', async () => {
    const empty = (await get('/self-check')).text;
    expect(empty).toContain('<form method="get" action="/self-check"');
    expect(empty).not.toContain('data-testid="self-check-answer"');
    const must = (await get('/self-check?collects=yes&inChina=yes&others=yes&ownFixOnly=no&online=yes')).text;
    expect(must).toContain('data-result="mustFile"');
    expect(must).toContain('第二条第二款');
    expect(must).toContain('办法施行之日（2023-01-01）起10个工作日内备案（第八条）');
    expect(must).toMatch(/name="online" value="yes" checked/);
    const own = (await get('/self-check?collects=yes&inChina=yes&others=yes&ownFixOnly=yes&online=no')).text;
    expect(own).toContain('data-result="ownOnly"');
    expect(own).toContain('无需备案');
    const partial = (await get('/self-check?collects=yes')).text;
    expect(partial).toContain('data-result="incomplete"');
  });
});

describe('search results', () => {
  it('finds by a 2-character word and marks the term, escaped', async () => {
    const res = await get(`/public/filings?q=${encodeURIComponent('盒子')}`);
    expect(res.status).toBe(200);
    expectFrame(res.text);
    expect(res.text).toContain('<p data-testid="result-count">共 1 条</p>');
    expect(res.text).toContain('漏洞<mark>盒子</mark>安全众测平台');
    expect(res.text).toContain(`href="/public/filings/${encodeURIComponent(org.filingNumber)}"`);
    expect(res.text).toContain('value="盒子"');
    expect(await gzipWeight(res.text)).toBeLessThan(100 * 1024);
  });

  it('pages through many results with previous and next links', async () => {
    for (let i = 0; i < 23; i++) await insertPublicRecord(server.ctx, { platformName: `翻页平台${i}` });
    const first = (await get(`/public/filings?q=${encodeURIComponent('翻页')}`)).text;
    expect(first).toContain('共 23 条');
    expect(first.match(/<li>\n<h2>/g)).toHaveLength(20);
    expect(first).toContain('第 1 / 2 页');
    expect(first).toContain(`href="/public/filings?q=${encodeURIComponent('翻页')}&amp;page=2" rel="next"`);
    expect(first).not.toContain('rel="prev"');
    const second = (await get(`/public/filings?q=${encodeURIComponent('翻页')}&page=2`)).text;
    expect(second.match(/<li>\n<h2>/g)).toHaveLength(3);
    expect(second).toContain('rel="prev"');
    const past = await get('/public/filings?q=x&page=9');
    expect(past.status).toBe(200);
    expect(past.text).toContain('没有找到符合条件的备案信息');
  });

  it('escapes hostile text in records and in the term', async () => {
    await insertPublicRecord(server.ctx, { platformName: '<img src=x onerror=alert(1)>恶意平台' });
    const res = await get(`/public/filings?q=${encodeURIComponent('<img src=x')}`);
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('<mark>&lt;img src=x</mark> onerror=alert(1)&gt;恶意平台');
    expect(res.text).toContain('value="&lt;img src=x"');
  });

  it('answers a bad page number or an over-long term with 400 naming it', async () => {
    for (const [query, field] of [
      ['page=0', 'page'],
      ['page=abc', 'page'],
      [`q=${'漏'.repeat(101)}`, 'q'],
    ] as const) {
      const res = await get(`/public/filings?${encodeURI(query)}`);
      expect(res.status, query).toBe(400);
      expect(res.text).toContain(`<h1>${field}：`);
    }
  });

  it('sends the 查验备案编号 form to the record page', async () => {
    const res = await get(`/public/filings?number=${encodeURIComponent(` ${org.filingNumber} `)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="public-filing"');
    const unknown = await get(`/public/filings?number=${encodeURIComponent('工信漏备209900001号')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('data-testid="public-filing-not-found"');
  });
});

describe('the record page', () => {
  const page = (n: string, q = '') => get(`/public/filings/${encodeURIComponent(n)}${q}`);

  it('shows the §4 fields, the status, the public history, the badge and the footer snippet', async () => {
    const res = await page(org.filingNumber);
    expect(res.status).toBe(200);
    const html = res.text;
    expectFrame(html);
    expect(html).toContain(`<dd data-testid="filing-number">${org.filingNumber}</dd>`);
    for (const value of [
      '漏洞盒子安全众测平台',
      'https://www.vulbox.example.cn/',
      '京ICP备16020626号-8',
      'https://www.vulbox.example.cn/bugs',
      '微信：漏洞盒子',
      '北京某某网络安全技术有限公司',
      '<dd>企业</dd>',
      '<dd>2026-11-27</dd>',
    ]) {
      expect(html).toContain(value);
    }
    expect(html).toMatch(/data-testid="public-status"><span class="status status-valid">有效<\/span>/);
    expect(html).toContain('<tr><td>2026-11-27</td><td>予以备案</td>');
    // Shown from this site's own origin (whatever host the visitor used, so the CSP's img-src 'self' allows it);
    // the snippet to copy carries the public address.
    const badgePath = `/badge/${encodeURIComponent(org.filingNumber)}.svg`;
    expect(html).toContain(`<p><img src="${badgePath}"`);
    expect(html).toContain(`img src=&quot;${server.ctx.config.publicBaseUrl}${badgePath}&quot;`);
    const url = `${server.ctx.config.publicBaseUrl}/public/filings/${encodeURIComponent(org.filingNumber)}`;
    // The snippet is text in a textarea (escaped), copyable without a script.
    expect(html).toContain(
      `&lt;a href=&quot;${url}&quot; target=&quot;_blank&quot; rel=&quot;noopener&quot;&gt;${org.filingNumber}&lt;/a&gt;`,
    );
    expect(html).toContain(`<link rel="canonical" href="${url}">`);
    expect(await gzipWeight(html)).toBeLessThan(100 * 1024);
  });

  it('shows revocation in the status and the history, in English too', async () => {
    const admin = server.client();
    await loginStaff(server, admin, ['admin']);
    const gone = await approvedFiling(server.client(), reviewer, {
      platform: { ...base.platform, name: '后来撤销的平台', homepageUrl: 'https://gone.example.com/' },
    });
    expect((await admin.post(`/api/review/filings/${gone.id}/revoke`, { reason: '核查属实' })).status).toBe(200);
    const zh = (await page(gone.filingNumber)).text;
    expect(zh).toContain('<span class="status status-revoked">已撤销</span>');
    expect(zh).toContain('<td>撤销备案</td>');
    const en = (await page(gone.filingNumber, '?lang=en')).text;
    expect(en).toContain('<span class="status status-revoked">Revoked</span>');
    expect(en).toContain('<td>Filed</td>');
    expect(en).toContain('<td>Revoked</td>');
  });

  it('answers 404 with a page for a number that was never published', async () => {
    for (const n of ['工信漏备209900001号', org.filingNumber.slice(0, -1), 'x'.repeat(99)]) {
      const res = await page(n);
      expect(res.status, n).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('data-testid="public-filing-not-found"');
    }
  });

  it('has a badge: the number and status as SVG, or a 404 one', async () => {
    const res = await get(`/badge/${encodeURIComponent(org.filingNumber)}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('etag')).toBeTruthy();
    expect(res.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.text).toContain(`${org.filingNumber} 有效`);
    const unknown = await get(`/badge/${encodeURIComponent('工信漏备209900001号')}.svg`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('未找到备案');
    expect((await get(`/badge/${encodeURIComponent(org.filingNumber)}.png`)).status).toBe(404);
  });
});

describe('every public page', () => {
  const pages = () => [
    '/',
    '/guide',
    '/self-check',
    '/self-check?collects=yes&inChina=yes&others=yes&ownFixOnly=no&online=yes',
    '/open-data',
    '/transparency',
    '/public/filings',
    `/public/filings?q=${encodeURIComponent('漏洞')}`,
    `/public/filings/${encodeURIComponent(org.filingNumber)}`,
    `/public/filings/${encodeURIComponent(individual.filingNumber)}`,
  ];

  for (const lang of ['zh-CN', 'en']) {
    it(`weighs ≤ 100 KB gzip with what it loads, has an ETag and Cache-Control, and answers a revalidation 304 (${lang})`, async () => {
      // The language as a returning visitor's cookie carries it (a `?lang=` link sets the cookie: private).
      const cookie = { cookie: `vcp_lang=${lang}` };
      for (const path of pages()) {
        const res = await get(path, cookie);
        expect(res.status, path).toBe(200);
        expectFrame(res.text, lang);
        expect(await gzipWeight(res.text), path).toBeLessThan(100 * 1024);
        const etag = res.headers.get('etag') ?? '';
        expect(etag, path).toMatch(/^"[\w-]+"$/);
        expect(res.headers.get('cache-control'), path).toBe('public, max-age=60');
        expect(res.headers.get('vary'), path).toContain('Cookie');
        // Twice: the second revalidation may be answered by the public fast path (search and record pages).
        for (const round of [1, 2]) {
          const again = await get(path, { ...cookie, 'if-none-match': etag });
          expect(again.status, `${path} (${round})`).toBe(304);
          expect(again.text, path).toBe('');
          expect(again.headers.get('etag'), path).toBe(etag);
        }
        // A tag of another version gets the page again.
        expect((await get(path, { ...cookie, 'if-none-match': '"stale"' })).status, path).toBe(200);
      }
    });
  }

  it('differs by language: one ETag per language', async () => {
    for (const path of pages()) {
      const zh = await get(path, { cookie: 'vcp_lang=zh-CN' });
      const en = await get(path, { cookie: 'vcp_lang=en' });
      expect(zh.headers.get('etag'), path).not.toBe(en.headers.get('etag'));
      expect((await get(path, { cookie: 'vcp_lang=en', 'if-none-match': zh.headers.get('etag') ?? '' })).status).toBe(
        200,
      );
    }
  });

  it('a 404 page and a 400 are not kept by caches', async () => {
    for (const path of [
      '/public/filings/%E5%B7%A5%E4%BF%A1%E6%BC%8F%E5%A4%87209900001%E5%8F%B7',
      '/public/filings?page=0',
    ]) {
      const res = await get(path, { accept: 'text/html' });
      expect([400, 404], path).toContain(res.status);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await gzipWeight(res.text), path).toBeLessThan(100 * 1024);
    }
  });
});

describe('unknown paths', () => {
  it('answers 404 with the site’s page to a browser outside /api, JSON under /api and to scripts', async () => {
    const page = await get('/no/such/page', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.status).toBe(404);
    expectFrame(page.text);
    expect(page.text).toContain('页面不存在');
    const api = await get('/api/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    const script = await get('/no/such/page');
    expect(script.status).toBe(404);
    expect(script.body.error.code).toBe('not_found');
  });
});

describe('what is never public', () => {
  it('shows no personal value on any page', async () => {
    const pages = [
      '/',
      '/public/filings',
      `/public/filings?q=${encodeURIComponent('漏洞')}`,
      `/public/filings/${encodeURIComponent(org.filingNumber)}`,
      `/public/filings/${encodeURIComponent(individual.filingNumber)}`,
      `/badge/${encodeURIComponent(individual.filingNumber)}.svg`,
      `/public/filings?q=${encodeURIComponent(PERSONAL.individualName)}`,
    ];
    const texts = await Promise.all(pages.map(async (p) => (await get(p)).text));
    expect(texts[4]).toContain('张**');
    const never = [
      PERSONAL.principal.name,
      PERSONAL.principal.mobile,
      PERSONAL.principal.email,
      PERSONAL.contact.name,
      PERSONAL.contact.mobile,
      PERSONAL.contact.email,
      PERSONAL.individualName,
      PERSONAL.residentId,
      PERSONAL.uscc,
      '甲投资有限公司',
      '11010899001-23001',
      'CVSS 3.1',
    ];
    for (const [i, text] of texts.entries()) {
      // The search for the real name repeats the term in its own form and title; nothing else may hold it.
      const shown = i === 6 ? text.replaceAll(PERSONAL.individualName, '') : text;
      for (const value of never) expect(shown, `${pages[i]}: ${value}`).not.toContain(value);
    }
    expect(texts[6]).toContain('没有找到符合条件的备案信息');
  });
});
