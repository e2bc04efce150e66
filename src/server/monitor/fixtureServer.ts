/**
 * A local HTTP server of homepage fixtures for the monitor's tests and benchmark (SPEC §10): pages in several
 * charsets, the number in the footer or at the top or hidden, another platform's number, redirects and loops, huge
 * and slow bodies, error statuses, a script-built page. `/site/<n>` serves a compliant page for the number of
 * `siteNumber(n)` (benchmark).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

export const FIXTURE_NUMBER = '工信漏备202600001号';
export const OTHER_NUMBER = '工信漏备202600002号';

export function siteNumber(n: number): string {
  return `工信漏备2026${String(n % 100_000).padStart(5, '0')}号`;
}

export const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>第${i + 1}段：本平台收集网络产品安全漏洞，欢迎白帽子提交漏洞报告。</p>`).join(
    '\n',
  );

export const page = (body: string, head = '<meta charset="utf-8">') =>
  `<!doctype html><html><head>${head}<title>漏洞平台</title></head><body>${body}</body></html>`;

export const PAGES: Record<string, string> = {
  footer: page(`<header>某某漏洞平台</header>${filler(30)}<footer><p>备案号：${FIXTURE_NUMBER}</p></footer>`),
  footerDiv: page(`${filler(30)}<div id="site-bottom">© 2026 <a href="#">${FIXTURE_NUMBER}</a></div>${filler(3)}`),
  contentinfo: page(`${filler(30)}<div role="contentinfo">${FIXTURE_NUMBER}</div>${filler(20)}`),
  lastFifth: page(`${filler(30)}<p>${FIXTURE_NUMBER}</p>`),
  top: page(`<header>${FIXTURE_NUMBER}</header>${filler(30)}<footer>© 2026 某某漏洞平台</footer>`),
  fullWidth: page(`${filler(30)}<footer>备案号：工信漏备２０２６　０００ ０１号</footer>`),
  other: page(`${filler(30)}<footer>${OTHER_NUMBER}</footer>`),
  none: page(`${filler(30)}<footer>© 2026 某某漏洞平台</footer>`),
  hidden: page(
    `${filler(30)}<footer><span style="display: none">${FIXTURE_NUMBER}</span><span hidden>${FIXTURE_NUMBER}</span>` +
      `<span aria-hidden="true">${FIXTURE_NUMBER}</span><script>var n="${FIXTURE_NUMBER}"</script>© 2026</footer>`,
  ),
  script: page(
    `<div id="app"></div><script>document.getElementById('app').innerHTML = '<main>${filler(2).replace(/\n/g, '')}</main>' +
      '<footer>' + ['工信漏备', '2026', '00001号'].join('') + '</footer>';</script>`,
  ),
};

export interface FixtureServer {
  url: string;
  port: number;
  /** Requests seen per path (for politeness and redirect assertions). */
  hits: Map<string, number>;
  /** Pages a test sets at run time, by path (e.g. a page showing the number a filing was just given). */
  pages: Map<string, string>;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/html; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function startFixtureServer(): Promise<FixtureServer> {
  const hits = new Map<string, number>();
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const p = url.pathname;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    const custom = pages.get(p);
    if (custom !== undefined) return send(res, 200, custom);
    const named = PAGES[p.slice(1)];
    if (named) return send(res, 200, named);
    const site = /^\/site\/(\d+)$/.exec(p);
    if (site) return send(res, 200, page(`${filler(20)}<footer>${siteNumber(Number(site[1]))}</footer>`));
    const hop = /^\/redirect\/(\d+)$/.exec(p);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(n % 2 ? 301 : 302, { location: n > 1 ? `/redirect/${n - 1}` : '/footer' });
      return res.end();
    }
    switch (p) {
      case '/to-intranet':
        res.writeHead(302, { location: `http://intranet.example.cn:${url.searchParams.get('port')}/footer` });
        return res.end();
      case '/loop/a':
        res.writeHead(302, { location: '/loop/b' });
        return res.end();
      case '/loop/b':
        res.writeHead(302, { location: `http://${req.headers.host}/loop/a` });
        return res.end();
      case '/gbk':
        return send(
          res,
          200,
          iconv.encode(
            page(
              `${filler(10)}<footer>${FIXTURE_NUMBER}</footer>`,
              '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            ),
            'gbk',
          ),
          'text/html',
        );
      case '/gbk-header':
        return send(
          res,
          200,
          iconv.encode(page(`${filler(10)}<footer>${FIXTURE_NUMBER}</footer>`, ''), 'gb18030'),
          'text/html; charset=GBK',
        );
      case '/big5':
        return send(
          res,
          200,
          iconv.encode(
            page(`<p>漏洞平台繁體頁面</p><footer>工信漏備202600001號</footer>`, '<meta charset="big5">'),
            'big5',
          ),
          'text/html',
        );
      case '/bom':
        return send(
          res,
          200,
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAGES.footer as string)]),
          'text/html; charset=gbk',
        );
      case '/status/500':
        return send(res, 500, 'error');
      case '/status/404':
        return send(res, 404, 'not found');
      case '/huge': {
        // 8 MiB without a number, streamed: the client must stop at its cap.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const chunk = Buffer.from(filler(200));
        let sent = 0;
        const more = () => {
          while (sent < 8 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', more);
          }
          res.end();
        };
        res.on('error', () => undefined);
        return more();
      }
      case '/slow-headers': {
        const t = setTimeout(() => send(res, 200, PAGES.footer as string), 5_000);
        res.on('close', () => clearTimeout(t));
        return;
      }
      case '/slow-body': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write('<html><body>');
        const t = setInterval(() => res.write('<p>.</p>'), 400);
        res.on('close', () => clearInterval(t));
        setTimeout(() => res.end('</body></html>'), 20_000).unref();
        return;
      }
      case '/.well-known/security.txt':
        return send(
          res,
          200,
          'Contact: mailto:security@example.com\nExpires: 2099-01-01T00:00:00.000Z\n',
          'text/plain; charset=utf-8',
        );
      default:
        return send(res, 404, 'not found');
    }
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        hits,
        pages,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
