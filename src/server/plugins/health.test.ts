/** `/healthz` and `/readyz` as a load balancer or orchestrator reads them (issue 8). */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('health endpoints', () => {
  it('/healthz says the process is up, /readyz that the database answers', async () => {
    const health = await server.client().get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true });
    const ready = await server.client().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ok: true, database: 'ok' });
  });

  it('/readyz answers 503 within about 2 s when the database does not answer in time', async () => {
    // The probe's query is made to queue behind a 4 s pg_sleep: a database that is up but does not answer in time.
    const db = server.ctx.db;
    const original = db.execute.bind(db);
    let slowed = 0;
    (db as { execute: typeof db.execute }).execute = ((query: Parameters<typeof db.execute>[0]) => {
      slowed++;
      return original(sql`select pg_sleep(4)`).then(() => original(query));
    }) as typeof db.execute;
    try {
      const started = Date.now();
      const ready = await server.client().get('/readyz');
      const took = Date.now() - started;
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(ready.body.error.code).toBe('database_unavailable');
      expect(took).toBeGreaterThanOrEqual(1900);
      // PGlite runs in the server's thread, so there the answer comes when the 4 s query ends, still as a 503.
      if (server.ctx.database.kind === 'postgres') expect(took).toBeLessThan(3500);
      expect(slowed).toBe(1);
      // /healthz does not depend on the database.
      expect((await server.client().get('/healthz')).status).toBe(200);
    } finally {
      (db as { execute: typeof db.execute }).execute = original;
      await new Promise((r) => setTimeout(r, 2500)); // let the sleeping query end before the database closes
    }
  });
});
