/**
 * The public fast path over real HTTP: a kept public read answers with the same bytes and headers Fastify sent, a
 * public event of this instance shows at once, languages are not mixed, a language switch is never kept, and the
 * per-address limit still applies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import { LANG_COOKIE } from '../../shared/i18n/index.js';
import { loadConfig } from '../config.js';
import { bumpForTest, type PublicEventType, recordPublicEvent } from '../services/publicEvents.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { buildPublicRecord, insertPublicRecord } from '../test/publicRecords.js';
import { PublicFastPath } from './publicFastPath.js';

const enc = encodeURIComponent;
const headersOf = (res: Response) => {
  const h = Object.fromEntries(res.headers);
  delete h.date;
  return h;
};

describe('public fast path', () => {
  let server: TestServer;
  beforeAll(async () => {
    // No public limit: on PostgreSQL a limit shared by instances turns the fast path off (see the last test).
    const base = loadConfig({});
    server = await startTestServer({
      config: { publicCacheMs: 60_000, rateLimits: { ...base.rateLimits, public: 0 } },
    });
  });
  afterAll(() => server?.close());

  it('answers a repeated public read with the bytes and headers of the first', async () => {
    const record = await insertPublicRecord(server.ctx, { platformName: '快速通道测试平台' });
    const url = `${server.url}/api/public/filings/${enc(record.filingNumber)}`;
    const first = await fetch(url);
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    expect(JSON.parse(firstBody).filing.platformName).toBe('快速通道测试平台');
    const hitsBefore = fastPathHits(server);
    const second = await fetch(url);
    expect(await second.text()).toBe(firstBody);
    expect(fastPathHits(server)).toBe(hitsBefore + 1);
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(second.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(second.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('shows this instance’s public event at once', async () => {
    const record = buildPublicRecord({ platformName: '将被撤销的平台' });
    const filingId = randomUUID();
    const publish = (type: PublicEventType, status: PublicRecord['status']) =>
      server.ctx.db.transaction((tx) =>
        recordPublicEvent(tx, {
          type,
          filingId,
          filingNumber: record.filingNumber,
          at: server.ctx.now(),
          record: { ...record, status },
        }),
      );
    await publish('filing.approved', 'valid');
    const url = `${server.url}/api/public/filings/${enc(record.filingNumber)}`;
    expect((await (await fetch(url)).json()).filing.status).toBe('valid');
    const hits = fastPathHits(server);
    expect((await (await fetch(url)).json()).filing.status).toBe('valid');
    expect(fastPathHits(server)).toBe(hits + 1);
    await publish('filing.revoked', 'revoked');
    expect((await (await fetch(url)).json()).filing.status).toBe('revoked');
  });

  it('keeps record pages per language, answers 304 to a matching ETag, and never keeps a language switch', async () => {
    const record = await insertPublicRecord(server.ctx, { platformName: '双语页面平台' });
    const page = `${server.url}/public/filings/${enc(record.filingNumber)}`;
    const zh = await fetch(page);
    const zhBody = await zh.text();
    expect(zhBody).toContain('备案信息');
    const switched = await fetch(`${page}?lang=en`);
    expect(switched.headers.get('set-cookie')).toContain(`${LANG_COOKIE}=en`);
    const hits = fastPathHits(server);
    // The switch was answered by Fastify and not kept: asked again, it still sets the cookie.
    expect((await fetch(`${page}?lang=en`)).headers.get('set-cookie')).toContain(`${LANG_COOKIE}=en`);
    expect(fastPathHits(server)).toBe(hits);
    const en = await fetch(page, { headers: { cookie: `${LANG_COOKIE}=en` } });
    expect(await en.text()).toContain('Filing information');
    const enAgain = await fetch(page, { headers: { cookie: `${LANG_COOKIE}=en` } });
    expect(await enAgain.text()).toContain('Filing information');
    const zhAgain = await fetch(page);
    expect(await zhAgain.text()).toBe(zhBody);
    const etag = zh.headers.get('etag');
    expect(etag).toBeTruthy();
    const revalidated = await fetch(page, { headers: { 'if-none-match': String(etag) } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
  });

  it('keeps the portal’s fixed pages per language, and drops them when a setting they show changes', async () => {
    await server.ctx.settings.set('complaints.phone', '010-12345678');
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).toContain('010-12345678');
    let hits = fastPathHits(server);
    expect(await (await fetch(`${server.url}/`)).text()).toBe(home);
    expect(fastPathHits(server)).toBe(hits + 1);
    const english = () => fetch(`${server.url}/`, { headers: { cookie: `${LANG_COOKIE}=en` } }).then((r) => r.text());
    expect(await english()).toContain('<html lang="en">');
    expect(await english()).toContain('<html lang="en">');
    const pages = ['/guide', '/open-data', '/transparency', '/self-check?collects=yes'];
    for (const p of pages) expect((await fetch(server.url + p)).status).toBe(200);
    hits = fastPathHits(server);
    for (const p of pages) expect((await fetch(server.url + p)).status).toBe(200);
    expect(fastPathHits(server)).toBe(hits + pages.length);
    await server.ctx.settings.set('complaints.phone', '010-87654321');
    const changed = await (await fetch(`${server.url}/`)).text();
    expect(changed).toContain('010-87654321');
    expect(changed).not.toContain('010-12345678');
  });

  it('does not keep refusals or unknown numbers', async () => {
    const missing = `${server.url}/api/public/filings/${enc('工信漏备209900001号')}`;
    expect((await fetch(missing)).status).toBe(404);
    const record = await insertPublicRecord(server.ctx, { filingNumber: '工信漏备209900001号' });
    expect((await (await fetch(missing)).json()).filing.filingNumber).toBe(record.filingNumber);
    expect((await fetch(`${server.url}/api/public/filings?page=0`)).status).toBe(400);
  });
});

describe('public fast path with a per-address limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    const base = loadConfig({});
    server = await startTestServer({
      config: { publicCacheMs: 60_000, rateLimits: { ...base.rateLimits, public: 3 } },
    });
  });
  afterAll(() => server?.close());

  it('answers 429 over the limit, for kept reads too (PGlite) or through the shared count (PostgreSQL)', async () => {
    const record = await insertPublicRecord(server.ctx);
    const url = `${server.url}/api/public/filings/${enc(record.filingNumber)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await fetch(url)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    // On PostgreSQL the limit is shared by the instances through the database: every read goes through that count.
    expect(fastPathHits(server)).toBe(server.ctx.database.kind === 'postgres' ? 0 : 2);
  });
});

function fastPathHits(server: TestServer): number {
  return server.app.publicFastPath.hits;
}

describe('public fast path expiry', () => {
  const request = (url: string) => ({ method: 'GET', url, headers: {}, socket: { remoteAddress: '127.0.0.1' } });
  const response = () => {
    const sent: { status?: number; body?: string } = {};
    return {
      sent,
      writeHead(status: number) {
        sent.status = status;
      },
      end(body?: Buffer) {
        sent.body = body?.toString();
      },
    };
  };
  const serve = (fastPath: PublicFastPath, url: string) => {
    const res = response();
    const served = fastPath.serve(request(url) as never, res as never);
    return served ? res.sent.body : null;
  };

  it('lets one request refresh an expired answer while the others get the kept one', () => {
    let now = 0;
    const fastPath = new PublicFastPath({ ttlMs: 1000, ratePerMinute: 0, trustedProxies: [], clock: () => now });
    const url = '/api/public/filings?q=%E5%AE%89%E5%85%A8';
    fastPath.keep(url, { 'content-type': 'application/json' }, Buffer.from('"first"'));
    expect(serve(fastPath, url)).toBe('"first"');
    now = 1500;
    expect(serve(fastPath, url)).toBeNull(); // this one goes to Fastify
    expect(serve(fastPath, url)).toBe('"first"'); // the others meanwhile
    expect(serve(fastPath, url)).toBe('"first"');
    fastPath.keep(url, { 'content-type': 'application/json' }, Buffer.from('"second"'));
    expect(serve(fastPath, url)).toBe('"second"');
    // A refresh that never came back (an error answer is not kept) lets another request try after a while.
    now = 3000;
    expect(serve(fastPath, url)).toBeNull();
    expect(serve(fastPath, url)).toBe('"second"');
    now = 9000;
    expect(serve(fastPath, url)).toBeNull();
  });

  it('never answers from an entry kept before a public event', async () => {
    let now = 0;
    const fastPath = new PublicFastPath({ ttlMs: 1000, ratePerMinute: 0, trustedProxies: [], clock: () => now });
    const url = '/api/public/filings/x';
    fastPath.keep(url, {}, Buffer.from('"kept"'));
    now = 1500;
    bumpForTest();
    expect(serve(fastPath, url)).toBeNull();
    expect(serve(fastPath, url)).toBeNull();
  });
});
