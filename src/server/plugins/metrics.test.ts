/** `/metrics` in Prometheus text with the figures operators watch (issue 8, SPEC §12). */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filings, outbox } from '../db/schema.js';
import { submittedFiling } from '../test/factories.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { insertPublicRecord } from '../test/publicRecords.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** The value of one sample line, e.g. `vcp_outbox_failed 1`. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

async function outboxRow(status: string, lastError: string | null) {
  await server.ctx.db.insert(outbox).values({
    channel: 'webhook',
    recipient: 'mps',
    eventType: 'filing.approved',
    payloadEnc: 'sealed',
    status,
    lastError,
  });
}

describe('GET /metrics', () => {
  it('reports request durations, the outbox, the review queue and process metrics', async () => {
    const late = await submittedFiling(server.client());
    await submittedFiling(server.client());
    await server.ctx.db.update(filings).set({ dueDate: '2020-01-02' }).where(eq(filings.id, late));
    // Signing up queued confirmation mails; the outbox figures are counted over the rows below only.
    await server.ctx.db.delete(outbox);
    await outboxRow('pending', null);
    await outboxRow('pending', 'HTTP 502');
    await outboxRow('failed', 'HTTP 500');
    await outboxRow('delivered', null);
    const deadline = await server.client().get('/api/calendar/deadline?from=2026-11-27&workingDays=10');
    expect(deadline.status).toBe(200);

    const res = await server.client().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(sample(text, 'vcp_review_queue_size')).toBe(2);
    expect(sample(text, 'vcp_review_overdue')).toBe(1);
    expect(sample(text, 'vcp_outbox_backlog')).toBe(2);
    expect(sample(text, 'vcp_outbox_retrying')).toBe(1);
    expect(sample(text, 'vcp_outbox_failed')).toBe(1);
    expect(sample(text, 'vcp_metrics_database_up')).toBe(1);
    const route = '{method="GET",route="/api/calendar/deadline",status_code="200"}';
    expect(sample(text, 'vcp_http_request_duration_seconds_count', route)).toBe(1);
    expect(sample(text, 'vcp_http_request_duration_seconds_bucket', route.replace('{', '{le="+Inf",'))).toBe(1);
    expect(text).toMatch(/^# TYPE vcp_http_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE vcp_db_unavailable_total counter$/m);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    // Route patterns, never the concrete path with its identifiers.
    expect(text).not.toContain(late);
  });

  it('reports how many public records the instance holds in its registry index once it is built', async () => {
    const before = (await server.client().get('/metrics')).text;
    expect(sample(before, 'vcp_public_index_builds')).toBe(0);
    for (let i = 0; i < 3; i++) await insertPublicRecord(server.ctx);
    expect((await server.client().get('/api/public/filings?q=%E6%B5%8B%E8%AF%95')).status).toBe(200);
    const text = (await server.client().get('/metrics')).text;
    expect(sample(text, 'vcp_public_index_records')).toBe(3);
    expect(sample(text, 'vcp_public_index_builds')).toBe(1);
  });

  it('labels unknown paths as one route, not one series per path', async () => {
    for (const p of ['/api/x1', '/api/x2', '/api/x3']) await server.client().get(p);
    const text = (await server.client().get('/metrics')).text;
    expect(text).not.toContain('/api/x1');
    expect(
      sample(text, 'vcp_http_request_duration_seconds_count', '{method="GET",route="(unmatched)",status_code="404"}'),
    ).toBeGreaterThanOrEqual(3);
  });
});
