/**
 * Health for load balancers and orchestrators (issue 8, SPEC §12): `/healthz` says the process is up and serving;
 * `/readyz` says it can do its work, i.e. the database answers within 2 s (503 otherwise, so traffic goes elsewhere).
 * Neither is rate limited, logged at info, nor listed in the API document.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const READY_TIMEOUT_MS = 2_000;

export const healthPlugin = fp(async (app: FastifyInstance) => {
  const quiet = { schema: { hide: true }, logLevel: 'warn' as const };
  app.get('/healthz', quiet, async () => ({ ok: true }));
  app.get('/readyz', quiet, async (_req, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS);
    });
    const probe = app.ctx.db.execute(sql`select 1`).then(
      () => 'ok' as const,
      (err: Error) => err,
    );
    const started = performance.now();
    let outcome = await Promise.race([probe, timeout]);
    clearTimeout(timer);
    // PGlite runs in this thread: a busy database holds the timer too, so a late answer also counts as too late.
    if (outcome === 'ok' && performance.now() - started > READY_TIMEOUT_MS) outcome = 'timeout';
    if (outcome === 'ok') return { ok: true, database: 'ok' };
    const reason = outcome === 'timeout' ? 'timeout' : 'error';
    app.log.warn({ reason, err: outcome === 'timeout' ? undefined : { message: outcome.message } }, 'not ready');
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ error: { code: 'database_unavailable', message: '数据库暂不可用，请稍后重试' }, database: reason });
  });
});
