/**
 * Issue 9, finding 4: a slow or silent body cannot hold a socket for ever, and open connections are capped.
 * (COOKIE_SECURE's derivation, finding 9, is tested here with the other process settings.)
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startTestServer, type TestServer } from './test/harness.js';

let server: TestServer;
beforeAll(async () => {
  const base = loadConfig({});
  server = await startTestServer({
    config: {
      server: {
        ...base.server,
        requestTimeoutMs: 2500,
        headersTimeoutMs: 1500,
        idleTimeoutMs: 1500,
        maxConnections: 8,
      },
    },
  });
});
afterAll(() => server?.close());

/** Opens a socket, writes `head`, then calls `drip` (if any) every 300 ms; resolves with ms until the server closed. */
function heldSocket(head: string, drip?: string, limitMs = 10_000): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(head));
    const timer = drip ? setInterval(() => socket.writable && socket.write(drip), 300) : undefined;
    const giveUp = setTimeout(() => socket.destroy(), limitMs);
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve(Date.now() - started);
    });
  });
}

const announce = (length: number) =>
  `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('socket limits', () => {
  it('closes a socket that announced a body and never sent it', async () => {
    const ms = await heldSocket(announce(100_000));
    expect(ms).toBeLessThan(8000);
  });

  it('closes a socket that sends its body one byte at a time past the request timeout', async () => {
    const ms = await heldSocket(announce(100_000), ' ');
    expect(ms).toBeLessThan(8000);
  });

  it('closes a socket that never finishes its headers', async () => {
    const ms = await heldSocket('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n');
    expect(ms).toBeLessThan(8000);
  });

  it('caps open connections, and serves again once they are gone', async () => {
    const { port } = new URL(server.url);
    const sockets = await Promise.all(
      Array.from(
        { length: 12 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(Number(port), '127.0.0.1', () => resolve(s));
            s.on('error', () => {});
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 200));
    const open = sockets.filter((s) => !s.destroyed && s.readyState === 'open');
    expect(open.length).toBeLessThanOrEqual(8);
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 200));
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });
});

describe('COOKIE_SECURE', () => {
  it('follows PUBLIC_BASE_URL when not set, and an explicit value wins', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://vcp.example.gov.cn' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://localhost:3000' }).cookieSecure).toBe(false);
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://vcp.example.gov.cn', COOKIE_SECURE: 'false' }).cookieSecure).toBe(
      false,
    );
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
  });

  it('refuses to start in production over plain HTTP without a decision', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://vcp.example.gov.cn' })).toThrow(
      /PUBLIC_BASE_URL/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'http://vcp.example.gov.cn', COOKIE_SECURE: 'false' })
        .cookieSecure,
    ).toBe(false);
  });
});
