/**
 * Roots and proofs of any tree size from the stored complete subtrees (transparency_nodes): RFC 6962 §2.1's
 * recursions only ever ask for MTH(D[lo:hi]) where `lo` is a multiple of the largest power of two below hi − lo,
 * so each such hash is a right fold of at most log₂ n complete, aligned subtrees. A proof needs O(log² n) stored
 * nodes, fetched in one query, whatever the size of the log.
 */
import { createHash } from 'node:crypto';
import { nodeHash } from './merkle.js';

/** A complete subtree: leaves [idx·2^level, (idx+1)·2^level). Level 0 is a leaf hash. */
export interface NodeKey {
  level: number;
  idx: number;
}
export type Range = readonly [lo: number, hi: number];

export const nodeKeyId = (k: NodeKey) => `${k.level}:${k.idx}`;

function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The complete aligned subtrees that make up [lo, hi), left to right (greedy: each as large as alignment allows). */
export function perfectParts(lo: number, hi: number): NodeKey[] {
  const parts: NodeKey[] = [];
  let at = lo;
  while (at < hi) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= hi) level++;
    parts.push({ level, idx: at / 2 ** level });
    at += 2 ** level;
  }
  return parts;
}

/** The ranges whose hashes are PATH(m, D[0:n]) (RFC 6962 §2.1.1), in proof order. */
export function inclusionRanges(m: number, n: number): Range[] {
  const walk = (m: number, lo: number, hi: number): Range[] => {
    if (hi - lo <= 1) return [];
    const k = splitPoint(hi - lo);
    return m < k ? [...walk(m, lo, lo + k), [lo + k, hi]] : [...walk(m - k, lo + k, hi), [lo, lo + k]];
  };
  return walk(m, 0, n);
}

/** The ranges whose hashes are PROOF(m, D[0:n]) (RFC 6962 §2.1.2), in proof order. */
export function consistencyRanges(m: number, n: number): Range[] {
  const walk = (m: number, lo: number, hi: number, whole: boolean): Range[] => {
    if (m === hi - lo) return whole ? [] : [[lo, hi]];
    const k = splitPoint(hi - lo);
    return m <= k ? [...walk(m, lo, lo + k, whole), [lo + k, hi]] : [...walk(m - k, lo + k, hi, false), [lo, lo + k]];
  };
  return walk(m, 0, n, true);
}

/** Every stored node the hashes of `ranges` need. */
export function nodesFor(ranges: readonly Range[]): NodeKey[] {
  const seen = new Map<string, NodeKey>();
  for (const [lo, hi] of ranges) for (const k of perfectParts(lo, hi)) seen.set(nodeKeyId(k), k);
  return [...seen.values()];
}

/** MTH(D[lo:hi]) from the complete subtrees in `nodes` (keyed by nodeKeyId). The empty range is SM3(""). */
export function rangeHash(range: Range, nodes: ReadonlyMap<string, Buffer>): Buffer {
  const [lo, hi] = range;
  if (lo === hi) return createHash('sm3').digest();
  const parts = perfectParts(lo, hi).map((k) => {
    const h = nodes.get(nodeKeyId(k));
    if (!h) throw new Error(`transparency log: node ${nodeKeyId(k)} is missing`);
    return h;
  });
  let acc = parts[parts.length - 1] as Buffer;
  for (let i = parts.length - 2; i >= 0; i--) acc = nodeHash(parts[i] as Buffer, acc);
  return acc;
}

/**
 * The complete subtrees that appending `fresh` leaf hashes (at `size`, `size + 1`, …) completes, level 0 included.
 * `frontier`: the complete subtrees of the tree of `size` as perfectParts(0, size) lists them, with their hashes.
 */
export function appendNodes(
  size: number,
  frontier: readonly { key: NodeKey; hash: Buffer }[],
  fresh: readonly Buffer[],
): { key: NodeKey; hash: Buffer }[] {
  const stack = frontier.map((f) => ({ ...f }));
  const made: { key: NodeKey; hash: Buffer }[] = [];
  fresh.forEach((hash, i) => {
    let node = { key: { level: 0, idx: size + i }, hash };
    made.push(node);
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top || top.key.level !== node.key.level) break;
      stack.pop();
      node = { key: { level: node.key.level + 1, idx: top.key.idx / 2 }, hash: nodeHash(top.hash, node.hash) };
      made.push(node);
    }
    stack.push(node);
  });
  return made;
}
