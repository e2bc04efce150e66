import { execFileSync } from 'node:child_process';
import type { LookupAddress } from 'node:dns';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm3.js';
import { checkHomepage } from './checkHomepage.js';
import { decodeBody } from './decode.js';
import { createMonitorAgent, type DnsLookup, fetchHomepage, isForbiddenAddress } from './fetch.js';
import { FIXTURE_NUMBER, type FixtureServer, OTHER_NUMBER, PAGES, startFixtureServer } from './fixtureServer.js';
import { judgePage } from './judge.js';
import { CHROMIUM_PATH, createChromiumRenderer } from './render.js';
import { createTestPki, startTlsServer, type TestPki } from './tlsFixtures.js';

let fx: FixtureServer;
beforeAll(async () => {
  fx = await startFixtureServer();
});
afterAll(() => fx.close());

const check = (path: string, extra: Parameters<typeof checkHomepage>[2] = {}) =>
  checkHomepage(`${fx.url}${path}`, FIXTURE_NUMBER, { allowPrivate: true, ...extra });

/** Resolves every name to 127.0.0.1, like a public DNS name pointed at loopback. */
const toLoopback: DnsLookup = (_host, _opts, cb) => cb(null, [{ address: '127.0.0.1', family: 4 } as LookupAddress]);

describe('judging where the number is', () => {
  it.each([
    ['footer', 'compliant', 'number_in_footer'],
    ['footerDiv', 'compliant', 'number_in_footer'],
    ['contentinfo', 'compliant', 'number_in_footer'],
    ['lastFifth', 'compliant', 'number_in_last_fifth'],
    ['fullWidth', 'compliant', 'number_in_footer'],
    ['top', 'missing', 'number_not_at_bottom'],
    ['other', 'missing', 'other_number'],
    ['none', 'missing', 'number_not_found'],
    ['hidden', 'missing', 'number_not_found'],
  ])('%s → %s (%s)', async (path, result, reason) => {
    const c = await check(`/${path}`);
    expect(c.result).toBe(result);
    expect(c.reason).toBe(reason);
  });

  it('names the other number and shows it in the excerpt', () => {
    const j = judgePage(PAGES.other as string, FIXTURE_NUMBER);
    expect(j.otherNumbers).toEqual([OTHER_NUMBER]);
    expect(j.excerpt).toContain(OTHER_NUMBER);
  });

  it('keeps the excerpt around the number as shown, full-width normalised', () => {
    const j = judgePage(PAGES.fullWidth as string, FIXTURE_NUMBER);
    expect(j.excerpt).toContain('备案号:工信漏备2026 000 01号');
  });
});

describe('decoding', () => {
  it('reads GB2312-labelled GBK pages as GB18030 from the meta tag', async () => {
    const c = await check('/gbk');
    expect(c.evidence.charset).toBe('gb18030');
    expect(c.result).toBe('compliant');
  });

  it('takes the charset from the Content-Type header', async () => {
    const c = await check('/gbk-header');
    expect(c.evidence.charset).toBe('gb18030');
    expect(c.result).toBe('compliant');
  });

  it('reads a Big5 page end to end and finds the traditional-script number', async () => {
    const c = await checkHomepage(`${fx.url}/big5`, '工信漏備202600001號', { allowPrivate: true });
    expect(c.evidence.charset).toBe('big5');
    expect(c.result).toBe('compliant');
    expect(c.evidence.excerpt).toContain('漏洞平台繁體頁面');
  });

  it('lets the BOM win over a header that says otherwise', () => {
    const d = decodeBody(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('备案号')]),
      'text/html; charset=gbk',
    );
    expect(d).toMatchObject({ text: '备案号', charset: 'utf-8', source: 'bom' });
  });

  it('falls back to UTF-8 for an unknown label', () => {
    expect(decodeBody(Buffer.from('<p>备案</p>'), 'text/html; charset=x-nonsense').text).toBe('<p>备案</p>');
    expect(decodeBody(iconv.encode('<meta charset="gbk">备案', 'gbk')).text).toContain('备案');
  });
});

describe('fetching', () => {
  it('follows up to 5 redirects and records the chain', async () => {
    const c = await check('/redirect/5');
    expect(c.result).toBe('compliant');
    expect(c.evidence.redirects.map((r) => r.status)).toEqual([301, 302, 301, 302, 301]);
    expect(c.evidence.finalUrl).toBe(`${fx.url}/footer`);
  });

  it('refuses a sixth redirect', async () => {
    const c = await check('/redirect/6');
    expect(c).toMatchObject({ result: 'unreachable', reason: 'too_many_redirects' });
    expect(c.evidence.redirects).toHaveLength(6);
  });

  it('detects a redirect loop', async () => {
    const c = await check('/loop/a');
    expect(c).toMatchObject({ result: 'unreachable', reason: 'redirect_loop' });
    expect(c.evidence.redirects).toHaveLength(2);
  });

  it('reports error statuses as unreachable', async () => {
    expect(await check('/status/500')).toMatchObject({ result: 'unreachable', reason: 'http_500' });
    expect(await check('/status/404')).toMatchObject({ result: 'unreachable', reason: 'http_404' });
  });

  it('stops reading a huge body at the cap and does not call the page missing', async () => {
    const c = await check('/huge');
    expect(c.evidence.truncated).toBe(true);
    expect(c.evidence.bytes).toBe(2 * 1024 * 1024);
    expect(c.result).toBe('manual_review');
    expect(c.reason).toBe('body_too_large');
  });

  it('times out waiting for headers', async () => {
    const t0 = Date.now();
    const c = await check('/slow-headers', { requestTimeoutMs: 500 });
    expect(c).toMatchObject({ result: 'unreachable', reason: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('ends a check whose body trickles past the whole-check limit', async () => {
    const t0 = Date.now();
    const c = await check('/slow-body', { requestTimeoutMs: 5_000, checkTimeoutMs: 1_500 });
    expect(c).toMatchObject({ result: 'unreachable', reason: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(4_000);
  });

  it('reports a refused connection', async () => {
    const c = await checkHomepage('http://127.0.0.1:1/', FIXTURE_NUMBER, { allowPrivate: true });
    expect(c).toMatchObject({ result: 'unreachable', reason: 'connection_refused' });
  });

  it('keeps the SM3 of the body as received', async () => {
    const c = await check('/footer');
    expect(c.evidence.sm3).toBe(sm3Hex(Buffer.from(PAGES.footer as string)));
    expect(c.evidence.httpStatus).toBe(200);
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('TLS errors', () => {
  it.skipIf(!hasOpenssl)('records a self-signed certificate as tls_self_signed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) =>
      res.end(PAGES.footer),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const c = await checkHomepage(`https://localhost:${port}/`, FIXTURE_NUMBER, { allowPrivate: true });
      expect(c).toMatchObject({ result: 'unreachable', reason: 'tls_self_signed' });
      expect(c.evidence.detail).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TLS problems on certificates from a trusted authority', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await createTestPki();
  });

  /** A check of https://<host>:<port>/ trusting the test CA, with every name resolved to the local server. */
  async function checkTls(host: string, cert: { certPem: string; keyPem: string }) {
    const server = await startTlsServer(cert, PAGES.footer as string);
    const dispatcher = createMonitorAgent({ allowPrivate: true, resolve: toLoopback, ca: [pki.caPem] });
    try {
      return await checkHomepage(`https://${host}:${server.port}/`, FIXTURE_NUMBER, { allowPrivate: true, dispatcher });
    } finally {
      await dispatcher.close();
      await server.close();
    }
  }

  it('passes a valid certificate for the host (so the failures below are for their own reason)', async () => {
    const c = await checkTls('shop.example.test', await pki.leaf({ names: ['shop.example.test'] }));
    expect(c).toMatchObject({ result: 'compliant', reason: 'number_in_footer' });
  });

  it('records an expired certificate as tls_cert_expired, with the TLS error in the evidence', async () => {
    const day = 86_400_000;
    const expired = await pki.leaf({
      names: ['shop.example.test'],
      notBefore: new Date(Date.now() - 90 * day),
      notAfter: new Date(Date.now() - 2 * day),
    });
    const c = await checkTls('shop.example.test', expired);
    expect(c).toMatchObject({ result: 'unreachable', reason: 'tls_cert_expired', evidence: { sm3: null } });
    expect(c.evidence.detail).toBe('CERT_HAS_EXPIRED');
  });

  it('records a certificate not yet valid as tls_cert_expired (outside its validity)', async () => {
    const day = 86_400_000;
    const future = await pki.leaf({
      names: ['shop.example.test'],
      notBefore: new Date(Date.now() + 2 * day),
      notAfter: new Date(Date.now() + 90 * day),
    });
    const c = await checkTls('shop.example.test', future);
    expect(c).toMatchObject({ result: 'unreachable', reason: 'tls_cert_expired' });
    expect(c.evidence.detail).toBe('CERT_NOT_YET_VALID');
  });

  it('records a certificate for another host name as tls_hostname_mismatch', async () => {
    const c = await checkTls('shop.example.test', await pki.leaf({ names: ['other.example.test'] }));
    expect(c).toMatchObject({ result: 'unreachable', reason: 'tls_hostname_mismatch' });
    expect(c.evidence.detail).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(c.evidence.finalUrl).toBe(`https://shop.example.test:${new URL(c.evidence.requestedUrl).port}/`);
  });

  it('records a certificate from an authority it does not trust as tls_untrusted', async () => {
    const server = await startTlsServer(await pki.leaf({ names: ['shop.example.test'] }), PAGES.footer as string);
    const dispatcher = createMonitorAgent({ allowPrivate: true, resolve: toLoopback });
    try {
      const c = await checkHomepage(`https://shop.example.test:${server.port}/`, FIXTURE_NUMBER, {
        allowPrivate: true,
        dispatcher,
      });
      expect(c).toMatchObject({ result: 'unreachable', reason: 'tls_untrusted' });
    } finally {
      await dispatcher.close();
      await server.close();
    }
  });
});

describe('SSRF guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '192.168.0.1',
    '172.16.5.5',
    '169.254.169.254',
    '::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '0.0.0.0',
    '100.64.0.1',
    'fc00::1',
  ])('forbids %s', (a) => expect(isForbiddenAddress(a)).toBe(true));
  it.each(['8.8.8.8', '114.114.114.114', '2400:3200::1'])('allows %s', (a) =>
    expect(isForbiddenAddress(a)).toBe(false),
  );

  it('refuses a literal loopback address without the setting', async () => {
    const before = fx.hits.get('/top') ?? 0;
    const c = await checkHomepage(`${fx.url}/top`, FIXTURE_NUMBER);
    expect(c).toMatchObject({ result: 'unreachable', reason: 'private_address' });
    expect(fx.hits.get('/top') ?? 0).toBe(before);
  });

  it('refuses a DNS name resolving to 127.0.0.1 before connecting', async () => {
    const before = fx.hits.get('/none') ?? 0;
    const agent = createMonitorAgent({ allowPrivate: false, resolve: toLoopback });
    const r = await fetchHomepage(`http://platform.example.cn:${fx.port}/none`, { dispatcher: agent });
    await agent.close();
    expect(r.failure).toBe('private_address');
    expect(fx.hits.get('/none') ?? 0).toBe(before);
  });

  it('connects to the checked address when the setting allows it', async () => {
    const agent = createMonitorAgent({ allowPrivate: true, resolve: toLoopback });
    const r = await fetchHomepage(`http://platform.example.cn:${fx.port}/footer`, {
      dispatcher: agent,
      allowPrivate: true,
    });
    await agent.close();
    expect(r.ok).toBe(true);
    expect(r.status).toBe(200);
  });

  it('checks every hop: a redirect to a name resolving to a private address is refused before connecting', async () => {
    // 127.0.0.1 plays a public address here, 127.0.0.2 a private one.
    const resolve: DnsLookup = (host, _o, cb) =>
      cb(null, [{ address: host === 'public.example.cn' ? '127.0.0.1' : '127.0.0.2', family: 4 } as LookupAddress]);
    const agent = createMonitorAgent({ allowPrivate: false, resolve, forbidden: (a) => a === '127.0.0.2' });
    const before = fx.hits.get('/footer') ?? 0;
    const r = await fetchHomepage(`http://public.example.cn:${fx.port}/to-intranet?port=${fx.port}`, {
      dispatcher: agent,
    });
    await agent.close();
    expect(r.failure).toBe('private_address');
    expect(r.redirects).toHaveLength(1);
    expect(r.finalUrl).toBe(`http://intranet.example.cn:${fx.port}/footer`);
    expect(fx.hits.get('/footer') ?? 0).toBe(before);
  });

  it('refuses non-http schemes', async () => {
    const r = await fetchHomepage('file:///etc/passwd', { allowPrivate: true });
    expect(r.failure).toBe('unsupported_scheme');
  });
});

describe('script-built pages', () => {
  it('goes to manual review without a browser', async () => {
    const c = await check('/script');
    expect(c).toMatchObject({ result: 'manual_review', reason: 'script_built_no_browser' });
  });

  const hasChromium = fs.existsSync(CHROMIUM_PATH);
  it.skipIf(!hasChromium)(
    'renders in Chromium, finds the number and keeps a bottom screenshot',
    { timeout: 60_000 },
    async () => {
      const renderer = createChromiumRenderer({ allowPrivate: true });
      try {
        const c = await check('/script', { renderer, checkTimeoutMs: 30_000 });
        expect(c.result).toBe('compliant');
        expect(c.evidence.rendered).toBe(true);
        expect(c.screenshot?.subarray(1, 4).toString()).toBe('PNG');
      } finally {
        await renderer.close();
      }
    },
  );
});
