/**
 * Issue 9, finding 6: a failed query is logged without its bound values, and a request without its query string.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { scrubErrorText } from './logging.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('logs', () => {
  it('logs a failed query with its SQL but none of its values', async () => {
    const email = `log-probe-${Date.now()}@example.com`;
    await server.ctx.db.execute(
      sql.raw(`alter table users add constraint log_probe check (display_name is distinct from 'log-probe-name')`),
    );
    try {
      const res = await server.client().signUp({ email, password: 'log-probe-passphrase-77', name: 'log-probe-name' });
      expect(res.status).toBe(500);
    } finally {
      await server.ctx.db.execute(sql.raw('alter table users drop constraint log_probe'));
    }
    const line = server.logs.find((l) => l.includes('request failed'));
    expect(line).toBeDefined();
    expect(line).toContain('insert into');
    expect(line).not.toContain('$argon2');
    expect(line).not.toContain(server.ctx.cipher.blindIndex(email));
    expect(line).not.toContain('log-probe-name');
    expect(line).toContain('[redacted]');
  });

  it('logs request paths without their query strings', async () => {
    const res = await server.client().get('/api/public/filings?q=110101199003071234&token=partner-secret-token');
    expect(res.status).toBeLessThan(500);
    const all = server.logs.join('\n');
    expect(all).toContain('/api/public/filings?[redacted]');
    expect(all).not.toContain('110101199003071234');
    expect(all).not.toContain('partner-secret-token');
  });

  it('scrubs the params of a message and keeps the stack', () => {
    const text = 'Failed query: insert into x values ($1)\nparams: secret,other\n    at f (a.js:1:1)';
    expect(scrubErrorText(text)).toBe(
      'Failed query: insert into x values ($1)\nparams: [redacted]\n    at f (a.js:1:1)',
    );
  });
});
