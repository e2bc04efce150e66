/**
 * The transparency log's Merkle tree (SPEC §11): RFC 6962 §2.1 with SM3 as the hash.
 * leaf hash = SM3(0x00 ‖ leaf), node hash = SM3(0x01 ‖ left ‖ right); proofs as RFC 6962 §2.1.1–2.1.2,
 * verification as RFC 9162 §2.1.3.2 and §2.1.4.2. Pure functions over leaf hashes: storage is elsewhere.
 */
import { createHash } from 'node:crypto';

const sm3 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
};

export function leafHash(leaf: string | Uint8Array): Buffer {
  return sm3(Buffer.from([0]), typeof leaf === 'string' ? Buffer.from(leaf, 'utf8') : leaf);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sm3(Buffer.from([1]), left, right);
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes, computed bottom-up with a stack of perfect subtrees. */
export function rootHash(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return sm3();
  const stack: { hash: Buffer; size: number }[] = [];
  for (const h of leafHashes) {
    let node: { hash: Buffer; size: number } = { hash: Buffer.from(h), size: 1 };
    while (stack.length > 0 && stack[stack.length - 1]?.size === node.size) {
      const left = stack.pop() as { hash: Buffer; size: number };
      node = { hash: nodeHash(left.hash, node.hash), size: left.size * 2 };
    }
    stack.push(node);
  }
  let acc = stack.pop() as { hash: Buffer; size: number };
  while (stack.length > 0) {
    const left = stack.pop() as { hash: Buffer; size: number };
    acc = { hash: nodeHash(left.hash, acc.hash), size: left.size + acc.size };
  }
  return acc.hash;
}

/** PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path of leaf `index` in the tree of `leafHashes`. */
export function inclusionProof(index: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  const n = leafHashes.length;
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new RangeError('index outside the tree');
  if (n === 1) return [];
  const k = splitPoint(n);
  if (index < k) return [...inclusionProof(index, leafHashes.slice(0, k)), rootHash(leafHashes.slice(k))];
  return [...inclusionProof(index - k, leafHashes.slice(k)), rootHash(leafHashes.slice(0, k))];
}

/** PROOF(m, D[n]) of RFC 6962 §2.1.2: consistency of the first `first` leaves with all of `leafHashes`. */
export function consistencyProof(first: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  const n = leafHashes.length;
  if (!Number.isInteger(first) || first < 1 || first > n) throw new RangeError('first outside the tree');
  const sub = (m: number, d: readonly Uint8Array[], whole: boolean): Buffer[] => {
    if (m === d.length) return whole ? [] : [rootHash(d)];
    const k = splitPoint(d.length);
    if (m <= k) return [...sub(m, d.slice(0, k), whole), rootHash(d.slice(k))];
    return [...sub(m - k, d.slice(k), false), rootHash(d.slice(0, k))];
  };
  return sub(first, leafHashes, true);
}

/** RFC 9162 §2.1.3.2: does `proof` lead from the leaf hash at `index` to `root` in a tree of `treeSize`? */
export function verifyInclusion(
  index: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index >= treeSize || index < 0) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: is the tree (`second`, `secondRoot`) an append-only extension of (`first`, `firstRoot`)? */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  let path: Uint8Array[] = [...proof];
  if ((first & (first - 1)) === 0) path = [Buffer.from(firstRoot), ...path];
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0] as Uint8Array);
  let sr: Buffer = Buffer.from(path[0] as Uint8Array);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
