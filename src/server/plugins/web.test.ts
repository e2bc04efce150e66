/**
 * Only browser navigations get the web app; everything else unknown is a JSON 404 (issue 8), so monitors and
 * scripts probing `/metrics`-like paths or missing files are not told "200, here is a page".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { isPageNavigation } from './web.js';

let server: TestServer;
let webDir = '';
const INDEX = '<!doctype html><html><body><div id="root">VCP web app</div></body></html>';

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
  server = await startTestServer({ webDir });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the web app fallback', () => {
  it('serves index.html to a browser navigating to a page of the app', async () => {
    for (const p of ['/filings', '/filings/123', '/review?status=submitted', '/changes/abc', '/admin/deliveries']) {
      const res = await server.client().get(encodeURI(p), { headers: html });
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toMatch(/text\/html/);
      expect(res.text, p).toContain('VCP web app');
    }
    const head = await server.client().request('HEAD', '/filings/123', { headers: html });
    expect(head.status).toBe(200);
  });

  it('serves the built files themselves', async () => {
    const res = await server.client().get('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.text).toBe('console.log(1)');
  });

  it('answers 404 JSON to anything else unknown', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['GET', '/api/nope', html],
      ['GET', '/metricsz', {}],
      ['GET', '/filings/123', { accept: 'application/json' }],
      ['GET', '/filings/123', {}],
      ['GET', '/assets/missing-5678.js', html],
      ['GET', '/favicon.ico', html],
      ['GET', '/healthz/extra', html],
      ['POST', '/filings/123', html],
      ['DELETE', '/', html],
    ];
    for (const [method, p, headers] of cases) {
      const res = await server.client().request(method, p, { headers });
      expect(res.status, `${method} ${p}`).toBe(404);
      expect(res.headers.get('content-type'), `${method} ${p}`).toMatch(/application\/json/);
      expect(res.body.error.code, `${method} ${p}`).toBe('not_found');
      expect(res.text).not.toContain('VCP web app');
    }
  });
});

describe('isPageNavigation', () => {
  it('is true only for GET/HEAD with text/html, outside the API and operators paths, without an extension', () => {
    expect(isPageNavigation('GET', '/review/queue', 'text/html')).toBe(true);
    expect(isPageNavigation('HEAD', '/', 'text/html')).toBe(true);
    expect(isPageNavigation('GET', '/public/filings/x?q=a.b', 'text/html')).toBe(true);
    expect(isPageNavigation('GET', '/review/queue', '*/*')).toBe(false);
    expect(isPageNavigation('GET', '/review/queue', undefined)).toBe(false);
    expect(isPageNavigation('PUT', '/review/queue', 'text/html')).toBe(false);
    for (const p of ['/api', '/api/x', '/healthz', '/readyz', '/metrics', '/metrics/x', '/robots.txt']) {
      expect(isPageNavigation('GET', p, 'text/html'), p).toBe(false);
    }
    expect(isPageNavigation('GET', '/apix', 'text/html')).toBe(true);
  });
});
