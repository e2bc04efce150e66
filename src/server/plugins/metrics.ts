/**
 * `/metrics` in Prometheus text (issue 8, SPEC §12), for the operators' monitoring: request durations by method,
 * route pattern and status; the outbox (backlog, retrying, failed) and the review queue (submitted filings, and those
 * past their Article 5 due date), counted in the database at each scrape so every instance reports the same figures;
 * how often a request met an unavailable database; and Node's process metrics. Nothing personal is in any label.
 */

import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import client from 'prom-client';
import { chinaToday } from '../../shared/calendar/index.js';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';

/** Process metrics (CPU, memory, event loop, GC) are the process's, not an app's: registered once. */
let processRegistry: client.Registry | null = null;
function processMetrics(): client.Registry {
  if (!processRegistry) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface AppMetrics {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status_code'>;
  dbUnavailable: client.Counter<'source'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

export function createAppMetrics(): AppMetrics {
  const registry = new client.Registry();
  const httpDuration = new client.Histogram({
    name: 'vcp_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const dbUnavailable = new client.Counter({
    name: 'vcp_db_unavailable_total',
    help: 'Requests or job runs that found the database unreachable',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, dbUnavailable };
}

interface Figures {
  outbox_backlog: number;
  outbox_retrying: number;
  outbox_failed: number;
  review_queue: number;
  review_overdue: number;
}

async function readFigures(ctx: AppContext): Promise<Figures> {
  const today = chinaToday(ctx.now());
  const [row] = await queryRows<Figures>(
    ctx.db,
    sql`select
      (select count(*)::int from outbox where status = 'pending' and channel in ('webhook', 'email')) as outbox_backlog,
      (select count(*)::int from outbox where status = 'pending' and last_error is not null) as outbox_retrying,
      (select count(*)::int from outbox where status = 'failed') as outbox_failed,
      (select count(*)::int from filings where status = 'submitted') as review_queue,
      (select count(*)::int from filings where status = 'submitted' and due_date < ${today}) as review_overdue`,
  );
  if (!row) throw new Error('no figures');
  return row;
}

export const metricsPlugin = fp(async (app: FastifyInstance) => {
  const metrics = createAppMetrics();
  app.decorate('metrics', metrics);
  const gauge = (name: string, help: string) => new client.Gauge({ name, help, registers: [metrics.registry] });
  const gauges = {
    outbox_backlog: gauge('vcp_outbox_backlog', 'Outbox messages waiting to be delivered (webhook, email)'),
    outbox_retrying: gauge('vcp_outbox_retrying', 'Outbox messages waiting after a failed attempt'),
    outbox_failed: gauge('vcp_outbox_failed', 'Outbox messages that gave up (an admin may resend them)'),
    review_queue: gauge('vcp_review_queue_size', 'Filings submitted and waiting for a decision'),
    review_overdue: gauge('vcp_review_overdue', 'Submitted filings past their due date (Article 5, 10 working days)'),
  };
  const figuresUp = gauge('vcp_metrics_database_up', '1 when the figures above were read from the database just now');
  const indexRecords = gauge(
    'vcp_public_index_records',
    "Public records in this instance's registry index (services/registryIndex.ts); 0 until it is built",
  );
  const indexBuilds = gauge('vcp_public_index_builds', 'How many times this instance built its registry index');

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? (reply.statusCode === 404 ? '(unmatched)' : '(web app)');
    metrics.httpDuration.observe(
      { method: req.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_req, reply) => {
    try {
      const figures = await readFigures(app.ctx);
      for (const [key, g] of Object.entries(gauges)) g.set(figures[key as keyof Figures]);
      figuresUp.set(1);
    } catch (err) {
      figuresUp.set(0);
      app.log.warn({ err: { message: (err as Error).message } }, 'metrics: database figures unavailable');
    }
    const index = app.ctx.registry.index;
    indexRecords.set(index?.size ?? 0);
    indexBuilds.set(index?.builds ?? 0);
    const merged = client.Registry.merge([processMetrics(), metrics.registry]);
    return reply.type(merged.contentType).send(await merged.metrics());
  });
});
