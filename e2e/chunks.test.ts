/**
 * The web app while its code arrives on demand (issue 14, the bundle budgets): every page is a chunk of its own, so a
 * slow network or a deploy shows between the click and the page. A page whose chunk is slow shows the frame and
 * 加载中… (never a blank page); a chunk that is gone — an old hashed file after a deploy — shows a prompt to reload
 * instead of a white screen, on the first load and after following a link, and reloading brings the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.js';

const baseUrl = inject('baseUrl');
const manifest = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../dist/web/.vite/manifest.json'), 'utf8'),
) as Record<string, { file: string }>;
/** The URL path of a page's chunk in the build. */
const chunkOf = (page: string) => {
  const entry = manifest[page];
  if (!entry) throw new Error(`${page} is not in the build's manifest`);
  return `/${entry.file}`;
};

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
});

async function freshPage() {
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
}

describe('pages loaded on demand', () => {
  it('shows the frame and 加载中… while a page’s code is slow, then the page', async () => {
    await freshPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(`**${chunkOf('features/auth/pages/LoginPage.tsx')}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}/login`);
    const loading = page.getByRole('status').filter({ hasText: '加载中…' });
    await loading.waitFor();
    await screenshot(page, 'chunks-loading');
    expect(await page.getByRole('link', { name: '漏洞收集平台备案管理系统' }).isVisible()).toBe(true);
    release();
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await loading.count()).toBe(0);
  });

  it('offers to reload when a page’s code is gone after a deploy, and the reload brings the page', async () => {
    await freshPage();
    let gone = true;
    await page.route(`**${chunkOf('features/auth/pages/LoginPage.tsx')}`, (route) =>
      gone ? route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }) : route.continue(),
    );
    await page.goto(`${baseUrl}/login`);
    await page.getByText('页面需要重新加载').waitFor();
    await screenshot(page, 'chunks-reload');
    expect(await page.getByRole('link', { name: '漏洞收集平台备案管理系统' }).isVisible()).toBe(true);
    gone = false;
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.getByText('页面需要重新加载').count()).toBe(0);
  });

  it('offers to reload when the code of a page a link leads to is gone', async () => {
    await freshPage();
    await page.route(`**${chunkOf('features/auth/pages/RegisterPage.tsx')}`, (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
    );
    await page.goto(`${baseUrl}/login`);
    await page.getByRole('link', { name: '立即注册' }).click();
    await page.getByText('页面需要重新加载').waitFor();
    expect(new URL(page.url()).pathname).toBe('/register');
    expect(await page.getByRole('button', { name: '重新加载' }).count()).toBe(1);
  });
});
