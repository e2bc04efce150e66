/**
 * Per-host politeness (SPEC §10): requests to one host start at least the set delay apart (every redirect hop and
 * the security.txt fetch too); other hosts are not held up; a wait can be cut short by the check's time limit.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMonitorAgent, fetchHomepage } from './fetch.js';
import { createHostPacer } from './hostPacer.js';

describe('createHostPacer', () => {
  afterEach(() => vi.useRealTimers());

  it('lets the first request to a host go at once and holds the next one for the delay', async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = createHostPacer();
    const done: string[] = [];
    const track = (name: string, p: Promise<void>) => p.then(() => done.push(name));
    track('a1', pacer.wait('a.example.cn', 1000));
    track('a2', pacer.wait('A.example.cn', 1000));
    track('a3', pacer.wait('a.example.cn', 1000));
    track('b1', pacer.wait('b.example.cn', 1000));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual(['a1', 'b1']);
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toEqual(['a1', 'b1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toEqual(['a1', 'b1', 'a2']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toEqual(['a1', 'b1', 'a2', 'a3']);
  });

  it('does not hold anything with a delay of 0', async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = createHostPacer();
    let n = 0;
    await Promise.all([1, 2, 3].map(() => pacer.wait('a.example.cn', 0).then(() => n++)));
    expect(n).toBe(3);
  });

  it('gives up waiting when the signal aborts', async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = createHostPacer();
    await pacer.wait('a.example.cn', 5000);
    const ctl = new AbortController();
    const waiting = pacer.wait('a.example.cn', 5000, ctl.signal);
    ctl.abort(new Error('check time limit'));
    await expect(waiting).rejects.toThrow('check time limit');
  });
});

describe('fetchHomepage with a pacer', () => {
  let arrivals = 0;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      arrivals++;
      const n = Number(/^\/hop\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
      if (n > 0) {
        res.writeHead(302, { location: `/hop/${n - 1}` });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<footer>ok</footer>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('spaces every hop of a redirect chain to one host by at least the delay', async () => {
    arrivals = 0;
    const agent = createMonitorAgent({ allowPrivate: true });
    // When each request is handed to the connection pool, i.e. after the pacer let it go.
    const starts: number[] = [];
    const dispatcher = agent.compose((dispatch) => (opts, handler) => {
      starts.push(performance.now());
      return dispatch(opts, handler);
    });
    const pacer = createHostPacer();
    try {
      const before = performance.now();
      const r = await fetchHomepage(`${base}/hop/3`, { allowPrivate: true, dispatcher, pacer, hostDelayMs: 150 });
      expect(r).toMatchObject({ ok: true, status: 200 });
      expect(r.redirects).toHaveLength(3);
      expect(arrivals).toBe(4);
      expect(starts).toHaveLength(4);
      // The pacer releases hop k no earlier than k delays after the first: lower bounds only (a slow machine makes
      // the gaps longer, never shorter; 1 ms for timer rounding).
      for (const [k, at] of starts.entries()) expect(at - before).toBeGreaterThanOrEqual(k * 150 - 1);
    } finally {
      await agent.close();
    }
  });
});
