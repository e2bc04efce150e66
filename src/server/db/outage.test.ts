/**
 * The database goes away mid-traffic and comes back (issue 8, SPEC §12): meanwhile the server answers 503 JSON with
 * Retry-After and logs it; afterwards it answers again by itself, and the outbox worker delivers what was queued
 * before and during the outage. PostgreSQL only: the app reaches it through a TCP proxy the test cuts and restores.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Jobs, startJobs } from '../jobs/index.js';
import { adminClient, approvedFiling, configurePartner, messageOf } from '../test/deliveries.js';
import { registerApplicant } from '../test/factories.js';
import { startSecondInstance, startTestServer, type TestServer } from '../test/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test/receivers.js';
import { startTcpProxy, type TcpProxy } from '../test/tcpProxy.js';

const onPostgres = inject('dbKind') === 'postgres';
let direct: TestServer;
let app: TestServer;
let proxy: TcpProxy;
let receiver: WebhookReceiver;
let jobs: Jobs | undefined;

beforeAll(async () => {
  if (!onPostgres) return;
  receiver = await startWebhookReceiver();
  direct = await startTestServer({ config: { outboxPollMs: 100, schedulerPollMs: 100 } });
  const url = new URL(direct.databaseUrl as string);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${proxy.port}`;
  app = await startSecondInstance(direct, { databaseUrl: url.toString() });
  await configurePartner(await adminClient(direct), 'mps', {
    webhookUrl: receiver.url,
    webhookSecret: 'outage-s3cret-42',
  });
});
afterAll(async () => {
  proxy?.restore();
  await jobs?.stop();
  await app?.close();
  await direct?.close();
  await proxy?.close();
  await receiver?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const delivered = (filingId: string) =>
  receiver.requests.some((r) => (JSON.parse(r.body) as { id?: string }).id === filingId);

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('a database outage', () => {
  it.skipIf(!onPostgres)(
    'answers 503 while the database is cut, recovers by itself, and the outbox resumes',
    async () => {
      jobs = startJobs(app.ctx, app.app.log);
      const before = await approvedFiling(direct);
      await until('the first delivery', () => delivered(before.filingId));
      const publicSearch = '/api/public/filings?q=%E5%B9%B3%E5%8F%B0';
      expect((await app.client().get(publicSearch)).status).toBe(200);
      expect((await app.client().get('/readyz')).status).toBe(200);
      const signedIn = app.client();
      await registerApplicant(signedIn);

      proxy.cut();
      // Queued while the app cannot reach the database: the approval happens on the other (direct) instance.
      const during = await approvedFiling(direct);
      for (const path of [
        publicSearch,
        '/api/auth/me',
        `/api/public/filings/${encodeURIComponent(before.filingNumber)}`,
      ]) {
        const res = await signedIn.get(path);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('retry-after'), path).toBe('5');
        expect(res.body, path).toEqual({
          error: { code: 'database_unavailable', message: expect.any(String) },
        });
      }
      expect((await app.client().get('/readyz')).status).toBe(503);
      expect((await app.client().get('/healthz')).status).toBe(200);
      await sleep(1000); // several outbox and scheduler runs fail meanwhile
      expect(delivered(during.filingId)).toBe(false);
      expect(app.logs.some((l) => l.includes('"msg":"database unavailable"'))).toBe(true);
      // Logged without the query or its values.
      expect(app.logs.filter((l) => l.includes('database unavailable')).join('\n')).not.toMatch(/select|params/i);

      proxy.restore();
      await until('answers again', async () => (await app.client().get(publicSearch)).status === 200);
      expect((await app.client().get('/readyz')).status).toBe(200);
      expect((await app.client().get(`/api/public/filings/${encodeURIComponent(before.filingNumber)}`)).status).toBe(
        200,
      );
      await until('the delivery queued during the outage', () => delivered(during.filingId));
      await until(
        'its outcome recorded',
        async () => (await messageOf(direct, during.filingId, 'webhook', 'mps')).status === 'delivered',
      );
      const metrics = (await app.client().get('/metrics')).text;
      expect(metrics).toMatch(/^vcp_db_unavailable_total\{source="http"\} [1-9]/m);
    },
  );
});
