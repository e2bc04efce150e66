/**
 * A @fastify/rate-limit store in PostgreSQL (issue 8, SPEC §12): several instances behind a load balancer share one
 * count per route, client and window, so a client cannot multiply its allowance by the number of instances. One
 * atomic upsert per request counts the hit and returns the window's total; the window is fixed and computed from the
 * database's clock, the one clock all instances share. When the database cannot be reached the plugin lets the
 * request through (skipOnError): a limit must not add an outage of its own, and the route then answers 503 anyway.
 */
import { createHash } from 'node:crypto';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/client.js';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/** How often one instance deletes the rows of windows that have ended. */
const PRUNE_EVERY_MS = 60_000;

export function pgRateLimitStore(db: Db) {
  let lastPrune = 0;
  const prune = () => {
    const now = Date.now();
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    db.execute(sql`delete from rate_limit_hits where expires_at < now()`).catch(() => {});
  };

  return class PgRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number): void {
      prune();
      const digest = createHash('sha256').update(`${this.prefix}|${key}`).digest('base64url');
      const windowMs = Math.max(1, Math.round(timeWindow));
      queryRows<{ count: number; ttl: number }>(
        db,
        sql`with w as (
              select to_timestamp(floor(extract(epoch from now()) * 1000 / ${windowMs}) * ${windowMs} / 1000.0) as start
            )
            insert into rate_limit_hits (key, window_start, count, expires_at)
            select ${digest}, w.start, 1, w.start + ${windowMs} * interval '1 millisecond' from w
            on conflict (key, window_start) do update set count = rate_limit_hits.count + 1
            returning count, greatest(0, ceil(extract(epoch from (expires_at - now())) * 1000))::int as ttl`,
      ).then(
        (rows) => cb(null, { current: rows[0]?.count ?? 1, ttl: rows[0]?.ttl ?? windowMs }),
        (err: Error) => cb(err),
      );
    }

    /** One store per limited route: the plugin passes the route's merged options, its route under `routeInfo`. */
    child(routeOptions: object): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new PgRateLimitStore(undefined, `${String(route?.method ?? '')} ${String(route?.url ?? '')}`);
    }
  };
}
