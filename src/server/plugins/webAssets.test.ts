/**
 * The built web app beside the public site: precompressed assets cached for good, index.html for the app's own
 * paths, the public site's 404 page for every other unknown path (SPEC §13).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app.js';
import { startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
let app: App;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-web-'));
const js = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(dir, 'assets/app-abc123.js'), js);
  fs.writeFileSync(path.join(dir, 'assets/app-abc123.js.br'), brotliCompressSync(js));
  fs.writeFileSync(path.join(dir, 'assets/app-abc123.js.gz'), gzipSync(js));
  server = await startTestServer();
  app = await buildApp(server.ctx, { webDir: dir, logLevel: 'warn' });
});
afterAll(async () => {
  await app?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the web plugin', () => {
  it('sends a hashed asset precompressed when accepted, plain otherwise, cached for good', async () => {
    const br = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    const gz = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/assets/app-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it('answers a browser on the app’s own paths with index.html and on every other unknown path with a 404 page', async () => {
    const headers = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    for (const url of [
      '/login',
      '/register',
      '/filings',
      '/filings/123/edit?step=2',
      '/review/filings/1',
      '/admin/deliveries',
    ]) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<div id="root">');
    }
    for (const url of ['/nope', '/filingsx', '/public/nope']) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain('<html lang="zh-CN">');
    }
    const api = await app.inject({ url: '/api/nope', headers });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const home = await app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('查验备案编号');
  });
});
