import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyProof, inclusionProof, leafHash, rootHash, verifyConsistency, verifyInclusion } from './merkle.js';

// A second, naive implementation written straight from the RFC 6962 §2.1 definitions, over the raw leaves.
const H = (hex: string) => createHash('sm3').update(Buffer.from(hex, 'hex')).digest('hex');
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const mth = (d: string[]): string =>
  d.length === 0
    ? H('')
    : d.length === 1
      ? H(`00${Buffer.from(d[0] as string).toString('hex')}`)
      : H(`01${mth(d.slice(0, k(d.length)))}${mth(d.slice(k(d.length)))}`);
const path = (m: number, d: string[]): string[] => {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...path(m, d.slice(0, s)), mth(d.slice(s))] : [...path(m - s, d.slice(s)), mth(d.slice(0, s))];
};
const subproof = (m: number, d: string[], b: boolean): string[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s
    ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))]
    : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
};

const leaves = Array.from({ length: 33 }, (_, i) => JSON.stringify({ seq: i + 1, event: 'approved' }));
const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));

describe('the transparency log Merkle tree (RFC 6962, SM3)', () => {
  it('hashes the empty tree and a single leaf as the RFC defines', () => {
    expect(rootHash([]).toString('hex')).toBe(createHash('sm3').digest('hex'));
    expect(rootHash([leafHash('a')]).toString('hex')).toBe(mth(['a']));
  });

  it('computes the same root and proofs as the naive definitions for every size, index and prefix', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const d = leaves.slice(0, n);
      const lh = d.map((l) => leafHash(l));
      const root = rootHash(lh);
      expect(root.toString('hex')).toBe(mth(d));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(m, lh);
        expect(hex(proof)).toEqual(path(m, d));
        expect(verifyInclusion(m, n, lh[m] as Buffer, proof, root)).toBe(true);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, lh);
        expect(hex(proof)).toEqual(subproof(m, d, true));
        expect(verifyConsistency(m, n, rootHash(lh.slice(0, m)), root, proof)).toBe(true);
      }
    }
  });

  it('rejects a changed leaf, a wrong index, and a rewritten history', () => {
    const lh = leaves.slice(0, 13).map((l) => leafHash(l));
    const root = rootHash(lh);
    const proof = inclusionProof(5, lh);
    expect(verifyInclusion(5, 13, leafHash('forged'), proof, root)).toBe(false);
    expect(verifyInclusion(6, 13, lh[5] as Buffer, proof, root)).toBe(false);
    const rewritten = [...lh];
    rewritten[2] = leafHash('rewritten');
    const cproof = consistencyProof(7, lh);
    expect(verifyConsistency(7, 13, rootHash(rewritten.slice(0, 7)), root, cproof)).toBe(false);
  });
});
