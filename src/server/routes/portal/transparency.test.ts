/** The transparency log's page (/transparency): server-rendered, no script, the current signed head, zh and en. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed.js';
import { startTestServer, type TestServer } from '../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.ctx, { filings: 12, seed: 'logpage' });
}, 120_000);
afterAll(() => server?.close());

describe('/transparency', () => {
  it('explains in Chinese how to verify, with the signed head the API serves and no script', async () => {
    const page = await server.client().get('/transparency');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('etag')).toBeTruthy();
    expect(page.text).toContain('<html lang="zh-CN"');
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain('透明日志');
    expect(page.text).toContain('如何验证');
    expect(page.text).toContain('openssl dgst -sm3 -verify log-key.pem -signature head.sig head.txt');
    expect(page.text).toContain('log verify --url');
    const head = (await server.client().get('/api/public/log/head')).body;
    expect(head.treeSize).toBeGreaterThan(0);
    expect(page.text).toContain(head.rootHash);
    expect(page.text).toContain(head.signature);
  });

  it('is in English with ?lang=en, and the open data page links to it', async () => {
    const page = await server.client().get('/transparency?lang=en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="en"');
    expect(page.text).toContain('How to verify');
    expect(page.text).not.toMatch(/如何验证/);
    const openData = await server.client().get('/open-data');
    expect(openData.text).toContain('href="/transparency"');
  });
});
