/**
 * The transparency log (SPEC §11), written by transparency/logStore.ts in the transaction of each public event:
 * - `transparency_leaves`: leaf `idx` (0-based) is public event `seq = idx + 1`: its canonical leaf text
 *   (transparency/leaf.ts) and the RFC 6962 leaf hash SM3(0x00 ‖ leaf), lowercase hex.
 * - `transparency_nodes`: every complete (perfect, aligned) subtree above the leaves: the node of `level` L ≥ 1 and
 *   `idx` i covers leaves [i·2^L, (i+1)·2^L). Stored once when its last leaf arrives, never changed; any root or
 *   proof of any tree size is a fold of O(log² n) of these (transparency/ranges.ts).
 * - `transparency_heads`: the signed tree heads, as published (SM2 over `${treeSize}.${rootHash}.${timestamp}`).
 * Hashes are text (lowercase hex) as the API carries them.
 */
import { bigint, bigserial, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const transparencyLeaves = pgTable('transparency_leaves', {
  idx: bigint('idx', { mode: 'number' }).primaryKey(),
  leaf: text('leaf').notNull(),
  leafHash: text('leaf_hash').notNull(),
});

export const transparencyNodes = pgTable(
  'transparency_nodes',
  {
    level: integer('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

export const transparencyHeads = pgTable(
  'transparency_heads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
    rootHash: text('root_hash').notNull(),
    /** The signed timestamp, exactly as signed and published (ISO 8601, UTC, milliseconds). */
    timestamp: text('timestamp').notNull(),
    signature: text('signature').notNull(),
    /** SM3 of the signing key's public key (SPKI DER), hex: which key signed it. */
    keyId: text('key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('transparency_heads_size_idx').on(t.treeSize)],
);
