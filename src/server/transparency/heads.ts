/**
 * Signed tree heads (SPEC §11): the latest is what GET /api/public/log/head serves. A new head is signed when the
 * tree has grown past the latest head (on demand, by the head route and `vcp log publish`) and by the recurring job
 * `log.head` (jobs/logHeadJob.ts), which also re-signs an unchanged tree once its head is a day old, so a verifier
 * sees a fresh timestamp. Every head is kept.
 */
import { desc, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { transparencyHeads } from '../db/schema.js';
import { logSize, rootAt } from './logStore.js';
import type { TreeHead } from './signer.js';

/** Serialises head signing across instances, so one tree size gets one head at a time. */
const HEADS_LOCK_KEY = 0x76637003;
export const HEAD_MAX_AGE_MS = 24 * 3600_000;

type HeadRow = typeof transparencyHeads.$inferSelect;
const toHead = (r: HeadRow): TreeHead => ({
  treeSize: Number(r.treeSize),
  rootHash: r.rootHash,
  timestamp: r.timestamp,
  signature: r.signature,
});

export async function latestHead(ctx: AppContext): Promise<(TreeHead & { keyId: string }) | null> {
  const [row] = await ctx.db.select().from(transparencyHeads).orderBy(desc(transparencyHeads.id)).limit(1);
  return row ? { ...toHead(row), keyId: row.keyId } : null;
}

/**
 * The latest head, after signing a new one when the tree has grown past it, when there is none, when it was signed by
 * another key, or (with `maxAgeMs`) when it is older than that.
 */
export async function publishHead(ctx: AppContext, opts: { maxAgeMs?: number } = {}): Promise<TreeHead> {
  const [size, latest] = await Promise.all([logSize(ctx.db), latestHead(ctx)]);
  if (latest && !needsNew(ctx, latest, size, opts.maxAgeMs)) return strip(latest);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${HEADS_LOCK_KEY})`);
    const [again] = await queryRows<HeadRow & { tree_size: string | number; root_hash: string; key_id: string }>(
      tx,
      sql`select tree_size, root_hash, timestamp, signature, key_id from transparency_heads order by id desc limit 1`,
    );
    const now = await logSize(tx);
    if (again) {
      const current = {
        treeSize: Number(again.tree_size),
        rootHash: again.root_hash,
        timestamp: again.timestamp,
        signature: again.signature,
        keyId: again.key_id,
      };
      if (!needsNew(ctx, current, now, opts.maxAgeMs)) return strip(current);
    }
    const head = ctx.logSigner.sign({
      treeSize: now,
      rootHash: (await rootAt(tx, now)).toString('hex'),
      timestamp: ctx.now().toISOString(),
    });
    await tx.insert(transparencyHeads).values({ ...head, keyId: ctx.logSigner.keyId });
    return head;
  });
}

function needsNew(ctx: AppContext, head: TreeHead & { keyId: string }, size: number, maxAgeMs?: number): boolean {
  if (head.treeSize < size || head.keyId !== ctx.logSigner.keyId) return true;
  return maxAgeMs !== undefined && ctx.now().getTime() - Date.parse(head.timestamp) >= maxAgeMs;
}

const strip = ({ treeSize, rootHash, timestamp, signature }: TreeHead): TreeHead => ({
  treeSize,
  rootHash,
  timestamp,
  signature,
});
