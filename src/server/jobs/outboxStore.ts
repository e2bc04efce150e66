/**
 * The outbox worker's two short transactions: claim due messages under a lease, and record the outcome of one
 * delivery. Delivery itself happens between them, outside any transaction. Time is the database's `now()`, the
 * one clock every instance shares (and the one the outbox rows were stamped with).
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox, outboxAttempts } from '../db/schema.js';

export type OutboxRow = typeof outbox.$inferSelect;

export interface RetryPolicy {
  /** Delay after the first failed attempt; doubled after each further one. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** After this many failed attempts the message is `failed` (an admin may resend it). */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { backoffBaseMs: 10_000, backoffCapMs: 3_600_000, maxAttempts: 12 };

/** `now() + ms`, computed by the database. */
const nowPlus = (ms: number) =>
  sql`now() + (${Math.max(0, Math.round(ms))}::double precision * interval '1 millisecond')`;

/** 10 s · 2^(attempts−1), capped. */
export function backoffMs(attempts: number, policy: RetryPolicy): number {
  const exp = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(policy.backoffBaseMs * 2 ** exp, policy.backoffCapMs);
}

const due = (channels: readonly string[]) =>
  and(eq(outbox.status, 'pending'), inArray(outbox.channel, [...channels]), lte(outbox.nextAttemptAt, sql`now()`));

/**
 * Locks up to `limit` due messages (other instances skip them), leases them for `leaseMs` and counts the attempt.
 * If this process dies before recording the outcome, the lease runs out and another run delivers them again.
 */
export async function claimDue(
  db: Db,
  opts: { channels: readonly string[]; limit: number; leaseMs: number },
): Promise<OutboxRow[]> {
  if (!opts.channels.length) return [];
  const rows = await db.transaction(async (tx) => {
    const ids = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(due(opts.channels))
      .orderBy(asc(outbox.id))
      .limit(opts.limit)
      .for('update', { skipLocked: true });
    if (!ids.length) return [];
    return tx
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: nowPlus(opts.leaseMs) })
      .where(
        inArray(
          outbox.id,
          ids.map((r) => r.id),
        ),
      )
      .returning();
  });
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Emails cannot go out while no SMTP server is configured: due ones are marked and looked at again later,
 * without counting an attempt (nothing was tried).
 */
export async function deferUnsendable(
  db: Db,
  opts: { channel: string; reason: string; retryMs: number; limit: number },
): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(due([opts.channel]))
      .orderBy(asc(outbox.id))
      .limit(opts.limit)
      .for('update', { skipLocked: true });
    if (!ids.length) return 0;
    await tx
      .update(outbox)
      .set({ lastError: opts.reason, nextAttemptAt: nowPlus(opts.retryMs) })
      .where(
        inArray(
          outbox.id,
          ids.map((r) => r.id),
        ),
      );
    return ids.length;
  });
}

export interface DeliveryResult {
  ok: boolean;
  /** HTTP status, SMTP reply code or error message: never the payload or an address. */
  detail: string;
}

export type RecordedStatus = 'delivered' | 'pending' | 'failed';

/** Records one attempt and moves the message on: delivered, retried after a backoff, or failed for good. */
export async function recordOutcome(
  db: Db,
  row: Pick<OutboxRow, 'id' | 'attempts'>,
  result: DeliveryResult,
  policy: RetryPolicy,
): Promise<RecordedStatus> {
  const status: RecordedStatus = result.ok ? 'delivered' : row.attempts >= policy.maxAttempts ? 'failed' : 'pending';
  await db.transaction(async (tx) => {
    await tx.insert(outboxAttempts).values({ outboxId: row.id, ok: result.ok, detail: result.detail, at: sql`now()` });
    await tx
      .update(outbox)
      .set(
        result.ok
          ? { status, deliveredAt: sql`now()`, lastError: null }
          : { status, lastError: result.detail, nextAttemptAt: nowPlus(backoffMs(row.attempts, policy)) },
      )
      .where(eq(outbox.id, row.id));
  });
  return status;
}
