/**
 * SPEC §13 `/complaints/new` and `/complaints/:trackingCode` (Article 9): the server-rendered form with the ALTCHA
 * widget served from our origin, a submission as a browser form sends it, the status page with the tracking code and
 * nothing about the complainant, errors shown by field with the values kept, English complete.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../../attachments/fixtures.js';
import { loadConfig } from '../../config.js';
import { COMPLAINANT, solvedAltcha } from '../../test/complaints.js';
import { startTestServer, type TestClient, type TestServer } from '../../test/harness.js';
import { ALTCHA_ASSETS } from './views.js';

const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let browser: TestClient;

beforeAll(async () => {
  server = await startTestServer({
    now: () => NOW,
    config: { rateLimits: { ...loadConfig({}).rateLimits, complaints: 1000 } },
  });
  await server.ctx.settings.set('complaints.altchaMaxNumber', 5000);
  browser = server.client();
});
afterAll(() => server?.close());

const sameOrigin = { 'sec-fetch-site': 'same-origin' };

async function formOf(fields: Record<string, string>, files: Buffer[] = []) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [i, b] of files.entries()) f.append('evidence', new Blob([new Uint8Array(b)]), `shot${i}.png`);
  if (!files.length) f.append('evidence', new Blob([]), '');
  return f;
}

const FIELDS = {
  category: 'number_not_shown',
  targetFilingNumber: '',
  targetName: '某众测平台',
  targetUrl: 'https://crowd.example.cn/',
  description: '该平台首页底部没有标明备案编号，已截图。',
  'contact.name': COMPLAINANT.name,
  'contact.phone': COMPLAINANT.phone,
  'contact.email': COMPLAINANT.email,
};

describe('the complaint pages', () => {
  it('renders the form in Chinese with every category explained and the widget from our origin', async () => {
    const res = await browser.get('/complaints/new');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('未在网站首页底部标明备案编号');
    expect(res.text).toContain('可以匿名投诉');
    expect(res.text).toContain('<altcha-widget challengeurl="/api/public/complaints/challenge"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const script = await browser.get(ALTCHA_ASSETS.script);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await browser.get(ALTCHA_ASSETS.worker)).status).toBe(200);
    expect((await browser.get(ALTCHA_ASSETS.css)).status).toBe(200);
    // SPEC §7: a public page with its CSS and JS stays under 100 KB gzip.
    const total = [res.bytes, script.bytes, (await browser.get(ALTCHA_ASSETS.css)).bytes]
      .map((b) => gzipSync(b).length)
      .reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(100 * 1024);
  });

  it('renders it in English', async () => {
    const res = await server.client().get('/complaints/new?lang=en');
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Filing number not shown at the bottom of the home page');
    expect(res.text).toContain('&quot;label&quot;:&quot;I&#39;m not a robot&quot;');
    expect(res.text).not.toMatch(/投诉类别|问题描述/);
  });

  it('takes a submission as a browser form sends it and shows the code to keep, without the complainant', async () => {
    const form = await formOf({ ...FIELDS, altcha: await solvedAltcha(browser) }, [samplePng()]);
    // As a browser does: the redirect is the answer (the test client would follow it).
    const res = await fetch(`${server.url}/complaints/new`, {
      method: 'POST',
      body: form,
      headers: sameOrigin,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/complaints\/[0-9A-Z-]{19}\?created=1$/);
    const page = await browser.get(location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('请妥善保存');
    expect(page.text).toContain('已受理');
    expect(page.text).toContain('2026-12-18');
    for (const v of Object.values(COMPLAINANT)) expect(page.text).not.toContain(v);
    expect(page.text).not.toContain('已截图');
    expect(page.headers.get('cache-control')).toBe('private, no-store');

    const code = location.split('/')[2]?.split('?')[0] as string;
    const track = await fetch(`${server.url}/complaints/track?code=${code.toLowerCase()}`, { redirect: 'manual' });
    expect(track.status).toBe(303);
    expect(track.headers.get('location')).toBe(`/complaints/${code}`);
  });

  it('shows the errors by field and keeps what was typed (never the files)', async () => {
    const form = await formOf({ ...FIELDS, description: '太短' });
    const res = await browser.request('POST', '/complaints/new', { form, headers: sameOrigin });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-testid="complaint-errors"');
    expect(res.text).toContain('请至少用 10 个字描述问题');
    expect(res.text).toContain('value="https://crowd.example.cn/"');
    expect(res.text).toContain('>太短</textarea>');
    const noAltcha = await browser.request('POST', '/complaints/new', {
      form: await formOf(FIELDS),
      headers: sameOrigin,
    });
    expect(noAltcha.status).toBe(400);
    expect(noAltcha.text).toContain('请完成人机验证');
  });

  it('says the errors in English on the English page, naming the fields', async () => {
    const en = server.client();
    const res = await en.request('POST', '/complaints/new?lang=en', {
      form: await formOf({ ...FIELDS, description: '太短' }),
      headers: sameOrigin,
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Describe the problem in at least 10 characters');
    expect(res.text).toContain('Complete the human check');
    expect(res.text).not.toContain('请至少用 10 个字描述问题');
    expect(res.text).not.toContain('请完成人机验证');
  });

  it('answers 404 for an unknown tracking code', async () => {
    const res = await browser.get('/complaints/TS4K-9QXM-2B7D-H8PA');
    expect(res.status).toBe(404);
    expect(res.text).toContain('未找到该查询码');
  });

  it('never writes the complainant’s data to the log', () => {
    const logs = server.logs.join('\n');
    for (const v of Object.values(COMPLAINANT)) expect(logs).not.toContain(v);
  });
});
