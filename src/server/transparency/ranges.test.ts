/**
 * Roots and proofs folded from stored complete subtrees (ranges.ts) equal those of the whole-list implementation
 * (merkle.ts, itself checked against the RFC's definitions), for every size, index and prefix; and appending leaves
 * one at a time stores the same subtrees as appending them all at once.
 */
import { describe, expect, it } from 'vitest';
import { consistencyProof, inclusionProof, leafHash, rootHash } from './merkle.js';
import {
  appendNodes,
  consistencyRanges,
  inclusionRanges,
  nodeKeyId,
  nodesFor,
  perfectParts,
  rangeHash,
} from './ranges.js';

const N = 70;
const leaves = Array.from({ length: N }, (_, i) => leafHash(`leaf ${i}`));
const store = new Map<string, Buffer>();
for (const n of appendNodes(0, [], leaves)) store.set(nodeKeyId(n.key), n.hash);
const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));

describe('proofs from stored complete subtrees', () => {
  it('give the roots and proofs of the whole-list implementation for every size', () => {
    for (let n = 1; n <= N; n++) {
      const lh = leaves.slice(0, n);
      expect(rangeHash([0, n], store).equals(rootHash(lh))).toBe(true);
      for (let m = 0; m < n; m++) {
        expect(hex(inclusionRanges(m, n).map((r) => rangeHash(r, store)))).toEqual(hex(inclusionProof(m, lh)));
      }
      for (let m = 1; m <= n; m++) {
        expect(hex(consistencyRanges(m, n).map((r) => rangeHash(r, store)))).toEqual(hex(consistencyProof(m, lh)));
      }
    }
  });

  it('need few stored nodes: O(log² n) for a proof of a million leaves', () => {
    const n = 1_000_003;
    expect(nodesFor(inclusionRanges(777_777, n)).length).toBeLessThanOrEqual(20 * 20);
    expect(nodesFor(consistencyRanges(654_321, n)).length).toBeLessThanOrEqual(20 * 20);
    expect(perfectParts(0, n).length).toBe(n.toString(2).replace(/0/g, '').length);
  });

  it('store the same subtrees whether leaves arrive one at a time or in batches', () => {
    const oneByOne = new Map<string, Buffer>();
    for (let i = 0; i < N; i++) {
      const frontier = perfectParts(0, i).map((key) => ({ key, hash: oneByOne.get(nodeKeyId(key)) as Buffer }));
      for (const n of appendNodes(i, frontier, [leaves[i] as Buffer])) oneByOne.set(nodeKeyId(n.key), n.hash);
    }
    expect([...oneByOne.entries()].sort()).toEqual([...store.entries()].sort());
    expect(store.size).toBe(N + N - N.toString(2).replace(/0/g, '').length);
  });
});
