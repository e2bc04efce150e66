/**
 * Rendering script-built homepages (SPEC §10): when the fetched HTML shows no number but is built by JavaScript, the
 * page is rendered in Chromium (playwright-core driving Debian's /usr/bin/chromium) and the rendered DOM is judged
 * again, with a screenshot of the page bottom as evidence. The browser is optional at run time: without it the
 * check ends `manual_review`.
 *
 * The main document is served to the browser from the body already fetched (no second fetch, no rebinding window);
 * every sub-request is checked like a fetch hop (http/https only, resolved address not private unless allowed).
 */
import dns from 'node:dns/promises';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { isForbiddenAddress } from './fetch.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RenderResult {
  html: string;
  /** PNG of the viewport scrolled to the bottom of the page. */
  screenshot: Buffer;
}

export interface Renderer {
  available(): boolean;
  render(input: { url: string; body: string; timeoutMs: number }): Promise<RenderResult>;
  close(): Promise<void>;
}

async function hostAllowed(url: URL, allowPrivate: boolean): Promise<boolean> {
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowPrivate) return true;
  try {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = await dns.lookup(host, { all: true });
    return addresses.length > 0 && addresses.every((a) => !isForbiddenAddress(a.address));
  } catch {
    return false;
  }
}

/** A Chromium renderer that launches the browser on first use and reuses it; `available()` is false without one. */
export function createChromiumRenderer(opts: { allowPrivate: boolean; executablePath?: string }): Renderer {
  const executablePath = opts.executablePath ?? CHROMIUM_PATH;
  let browser: Promise<Browser> | null = null;
  const launch = async () => {
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  };
  return {
    available: () => fs.existsSync(executablePath),
    async render({ url, body, timeoutMs }) {
      browser ??= launch();
      const context = await (await browser).newContext({
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled: true,
      });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(timeoutMs);
        let served = false;
        await page.route('**/*', async (route) => {
          const reqUrl = route.request().url();
          if (!served && reqUrl === url) {
            served = true;
            return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
          }
          if (await hostAllowed(new URL(reqUrl), opts.allowPrivate)) return route.continue();
          return route.abort('blockedbyclient');
        });
        await page.goto(url, { waitUntil: 'networkidle', timeout: timeoutMs }).catch(async (err: unknown) => {
          // A page that keeps the network busy: judge what has been built so far.
          if (!(err instanceof Error && err.name === 'TimeoutError')) throw err;
        });
        await page.evaluate(() => window.scrollTo(0, document.body?.scrollHeight ?? 0));
        const html = await page.content();
        const screenshot = await page.screenshot({ type: 'png' });
        return { html, screenshot };
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b).close().catch(() => undefined);
    },
  };
}

/** No browser: every script-built page goes to manual review. */
export const noRenderer: Renderer = {
  available: () => false,
  render: () => Promise.reject(new Error('no browser')),
  close: () => Promise.resolve(),
};
