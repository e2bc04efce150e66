/**
 * `vcp log verify` (SPEC §11): re-checks the transparency log and names the first wrong leaf.
 *
 * Over HTTP (`--url`, no database needed): the SM2 public key, the signed head and its signature, every leaf (JSON
 * in the canonical encoding, `seq` = index + 1, only §4 fields in its record), the root computed from the leaves
 * against the signed root, each filing's latest leaf against the open data's public record, and, with a head saved
 * by an earlier run (`--state`), that the log only grew: the saved leaves are still there unchanged and the server's
 * consistency proof leads from the saved head to the new one. When the root differs, consistency proofs of prefixes
 * (a binary search) find the first leaf the signed head does not commit to.
 *
 * In the database: every leaf against the public event it was made from and its stored hash, every stored subtree
 * against the leaves, every stored head (root and signature), and the registry's records against the latest events.
 */
import { createPublicKey } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { AppContext } from '../context.js';
import { queryRows } from '../db/client.js';
import { leafText, type ParsedLeaf, PUBLIC_RECORD_KEYS, parseLeaf } from './leaf.js';
import { readEvents } from './logStore.js';
import { leafHash, rootHash, verifyConsistency } from './merkle.js';
import { appendNodes, nodeKeyId, rangeHash } from './ranges.js';
import { publicKeyId, type TreeHead, verifyHead } from './signer.js';

/** What `--state` keeps between runs: the last verified head and the hashes of its leaves. */
export interface SavedState {
  head: TreeHead;
  keyId: string;
  /** The leaf hashes of the saved head's tree, concatenated, base64. */
  leafHashes: string;
}

export interface Finding {
  /** The leaf it concerns, when it concerns one. */
  index?: number;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  treeSize: number;
  rootHash: string;
  findings: Finding[];
  /** The first leaf found wrong, if any. */
  firstWrongLeaf: number | undefined;
  /** What to save for the next run (only when ok). */
  state: SavedState | undefined;
}

const BATCH = 1000;

function finish(treeSize: number, root: string, findings: Finding[], state?: SavedState): VerifyResult {
  const indexes = findings.map((f) => f.index).filter((i): i is number => i !== undefined);
  const first = indexes.length > 0 ? Math.min(...indexes) : undefined;
  return {
    ok: findings.length === 0,
    treeSize,
    rootHash: root,
    findings: [...findings].sort((a, b) => (a.index ?? -1) - (b.index ?? -1)),
    firstWrongLeaf: first,
    state: findings.length === 0 ? state : undefined,
  };
}

const sameRecord = (leaf: Record<string, unknown>, record: Record<string, unknown>) =>
  PUBLIC_RECORD_KEYS.filter((k) => canonicalJson(leaf[k] ?? null) !== canonicalJson(record[k] ?? null));

/** The checks of the leaves themselves, and each filing's latest leaf. */
function checkLeafTexts(
  leaves: readonly string[],
  findings: Finding[],
): Map<string, { index: number; leaf: ParsedLeaf }> {
  const latest = new Map<string, { index: number; leaf: ParsedLeaf }>();
  leaves.forEach((text, index) => {
    const parsed = parseLeaf(index, text);
    if ('problem' in parsed) findings.push({ index, message: `leaf ${index} ${parsed.problem}` });
    else latest.set(parsed.leaf.filingNumber, { index, leaf: parsed.leaf });
  });
  return latest;
}

/** The saved head's tree must be a prefix of this one, leaf for leaf. */
function checkAgainstSaved(saved: SavedState, hashes: readonly Buffer[], findings: Finding[]): void {
  const old = Buffer.from(saved.leafHashes, 'base64');
  if (hashes.length < saved.head.treeSize) {
    findings.push({
      message: `the log has ${hashes.length} leaves, fewer than the ${saved.head.treeSize} of the saved head`,
    });
  }
  for (let i = 0; i < Math.min(saved.head.treeSize, hashes.length); i++) {
    if (!old.subarray(i * 32, i * 32 + 32).equals(hashes[i] as Buffer)) {
      findings.push({ index: i, message: `leaf ${i} changed since the saved head of ${saved.head.timestamp}` });
      return;
    }
  }
  if (hashes.length >= saved.head.treeSize) {
    const root = rootHash(hashes.slice(0, saved.head.treeSize)).toString('hex');
    if (root !== saved.head.rootHash) findings.push({ message: 'the saved head does not match the saved leaves' });
  }
}

const stateOf = (head: TreeHead, keyId: string, hashes: readonly Buffer[]): SavedState => ({
  head,
  keyId,
  leafHashes: Buffer.concat(hashes.slice(0, head.treeSize)).toString('base64'),
});

export interface HttpVerifyOptions {
  /** The saved state of an earlier run. */
  state?: SavedState | undefined;
  /** A public key (PEM) the server's must be: pinned by the verifier. */
  pinnedKey?: string | undefined;
  fetch?: typeof fetch;
  onProgress?: (line: string) => void;
}

export async function verifyLogOverHttp(baseUrl: string, opts: HttpVerifyOptions = {}): Promise<VerifyResult> {
  const base = baseUrl.replace(/\/+$/, '');
  const get = opts.fetch ?? fetch;
  const getJson = async <T>(path: string): Promise<T> => {
    const res = await get(`${base}${path}`);
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const findings: Finding[] = [];
  const keyRes = await get(`${base}/api/public/log/key`);
  if (!keyRes.ok) throw new Error(`GET /api/public/log/key: HTTP ${keyRes.status}`);
  const keyPem = await keyRes.text();
  const keyId = publicKeyId(createPublicKey(keyPem));
  if (opts.pinnedKey && publicKeyId(createPublicKey(opts.pinnedKey)) !== keyId) {
    findings.push({ message: 'the server signs with another key than the pinned one (--key)' });
  }
  if (opts.state && opts.state.keyId !== keyId) {
    findings.push({ message: `the signing key changed since the saved head (${opts.state.keyId.slice(0, 16)}…)` });
  }
  const head = await getJson<TreeHead>('/api/public/log/head');
  if (!verifyHead(head, opts.pinnedKey ?? keyPem))
    findings.push({ message: 'the head’s SM2 signature does not verify' });

  const leaves: string[] = [];
  while (leaves.length < head.treeSize) {
    const { entries } = await getJson<{ entries: { index: number; leaf: string }[] }>(
      `/api/public/log/entries?start=${leaves.length}&end=${Math.min(head.treeSize, leaves.length + BATCH)}`,
    );
    if (entries.length === 0) throw new Error(`the server sent no leaves from ${leaves.length}`);
    for (const e of entries) {
      if (e.index !== leaves.length) throw new Error(`the server sent leaf ${e.index} in place of ${leaves.length}`);
      leaves.push(e.leaf);
    }
    if (leaves.length % 10_000 < BATCH) opts.onProgress?.(`  ${leaves.length} / ${head.treeSize} leaves`);
  }
  const latest = checkLeafTexts(leaves, findings);
  const hashes = leaves.map((l) => leafHash(l));
  const root = rootHash(hashes).toString('hex');
  if (root !== head.rootHash) {
    const wrong = await firstUncommitted(hashes, head, (m) =>
      getJson<{ proof: string[] }>(`/api/public/log/proof/consistency?first=${m}&second=${head.treeSize}`),
    );
    findings.push({
      index: wrong,
      message: `the root of the leaves is not the signed root: leaf ${wrong} is not the leaf the signed head commits to`,
    });
  }

  const openData = await getJson<{ items: Record<string, unknown>[] }>('/api/public/open-data/filings.json');
  const listed = new Set<string>();
  for (const item of openData.items) {
    const number = String(item.filingNumber);
    listed.add(number);
    const l = latest.get(number);
    if (!l) {
      findings.push({ message: `${number} is a public record with no leaf in the log` });
      continue;
    }
    const differ = sameRecord(l.leaf.record, item);
    if (differ.length > 0) {
      findings.push({
        index: l.index,
        message: `leaf ${l.index} (${number}) differs from the public record in ${differ.join(', ')}`,
      });
    }
  }
  for (const [number, l] of latest) {
    if (!listed.has(number))
      findings.push({ index: l.index, message: `leaf ${l.index} (${number}) has no public record` });
  }

  if (opts.state) {
    checkAgainstSaved(opts.state, hashes, findings);
    const s = opts.state.head;
    if (s.treeSize >= 1 && s.treeSize <= head.treeSize) {
      const { proof } = await getJson<{ proof: string[] }>(
        `/api/public/log/proof/consistency?first=${s.treeSize}&second=${head.treeSize}`,
      );
      const ok = verifyConsistency(
        s.treeSize,
        head.treeSize,
        Buffer.from(s.rootHash, 'hex'),
        Buffer.from(head.rootHash, 'hex'),
        proof.map((p) => Buffer.from(p, 'hex')),
      );
      if (!ok)
        findings.push({ message: 'the server’s consistency proof from the saved head to this one does not verify' });
    }
  }
  return finish(head.treeSize, root, findings, stateOf(head, keyId, hashes));
}

/**
 * The first leaf the signed head does not commit to: the largest prefix m whose root the server's consistency proof
 * ties to the signed root (a binary search: every prefix up to the wrong leaf passes, none after it does).
 */
async function firstUncommitted(
  hashes: readonly Buffer[],
  head: TreeHead,
  proofOf: (m: number) => Promise<{ proof: string[] }>,
): Promise<number> {
  const signed = Buffer.from(head.rootHash, 'hex');
  let good = 0;
  let bad = hashes.length;
  while (bad - good > 1) {
    const m = Math.floor((good + bad) / 2);
    const { proof } = await proofOf(m);
    const ok = verifyConsistency(
      m,
      head.treeSize,
      rootHash(hashes.slice(0, m)),
      signed,
      proof.map((p) => Buffer.from(p, 'hex')),
    );
    if (ok) good = m;
    else bad = m;
  }
  return good;
}

export async function verifyLogInDatabase(
  ctx: AppContext,
  opts: { state?: SavedState | undefined; onProgress?: (line: string) => void } = {},
): Promise<VerifyResult> {
  const findings: Finding[] = [];
  const leaves: string[] = [];
  const hashes: Buffer[] = [];
  for (let from = 0; ; from += 5000) {
    const [events, stored] = await Promise.all([
      readEvents(ctx.db, from + 1, from + 5001),
      queryRows<{ idx: string | number; leaf: string; leaf_hash: string }>(
        ctx.db,
        sql`select idx, leaf, leaf_hash from transparency_leaves where idx >= ${from} and idx < ${from + 5000} order by idx`,
      ),
    ]);
    const byIdx = new Map(stored.map((r) => [Number(r.idx), r]));
    for (const e of events) {
      const index = e.seq - 1;
      const row = byIdx.get(index);
      byIdx.delete(index);
      const expected = leafText(e);
      if (!row) {
        findings.push({ index, message: `leaf ${index} is missing (public event ${e.seq})` });
      } else {
        if (row.leaf !== expected)
          findings.push({ index, message: `leaf ${index} differs from public event ${e.seq}` });
        if (row.leaf_hash !== leafHash(row.leaf).toString('hex'))
          findings.push({ index, message: `leaf ${index}’s stored hash is not SM3(0x00 ‖ leaf)` });
      }
      leaves.push(expected);
      hashes.push(leafHash(expected));
    }
    for (const index of byIdx.keys()) findings.push({ index, message: `leaf ${index} has no public event` });
    if (events.length === 0 && stored.length === 0) break;
    opts.onProgress?.(`  ${from + events.length} events`);
  }
  const size = hashes.length;
  // The stored subtrees must be those of the leaves the events give.
  const nodes = new Map<string, Buffer>();
  for (const n of appendNodes(0, [], hashes)) nodes.set(nodeKeyId(n.key), n.hash);
  for (let after = -1; ; ) {
    const rows = await queryRows<{ level: number; idx: string | number; hash: string }>(
      ctx.db,
      sql`select level, idx, hash from transparency_nodes where (level * 1099511627776 + idx) > ${after}
          order by level * 1099511627776 + idx limit 20000`,
    );
    for (const r of rows) {
      const level = Number(r.level);
      const idx = Number(r.idx);
      const want = nodes.get(nodeKeyId({ level, idx }));
      if (!want || want.toString('hex') !== r.hash) {
        const first = idx * 2 ** level;
        findings.push({
          index: Math.min(first, size),
          message: `the stored subtree of leaves ${first}…${first + 2 ** level - 1} is not that of the leaves`,
        });
      }
    }
    if (rows.length < 20000) break;
    const last = rows[rows.length - 1] as { level: number; idx: string | number };
    after = Number(last.level) * 1099511627776 + Number(last.idx);
  }
  const root = size === 0 ? rootHash([]) : rangeHash([0, size], nodes);
  const heads = await queryRows<{
    tree_size: string | number;
    root_hash: string;
    timestamp: string;
    signature: string;
    key_id: string;
  }>(ctx.db, sql`select tree_size, root_hash, timestamp, signature, key_id from transparency_heads order by id`);
  let lastHead: TreeHead | undefined;
  for (const h of heads) {
    const head = {
      treeSize: Number(h.tree_size),
      rootHash: h.root_hash,
      timestamp: h.timestamp,
      signature: h.signature,
    };
    lastHead = head;
    if (head.treeSize > size) {
      findings.push({ message: `the head of ${head.timestamp} is of ${head.treeSize} leaves, more than the log has` });
      continue;
    }
    const want = head.treeSize === 0 ? rootHash([]) : rangeHash([0, head.treeSize], nodes);
    if (want.toString('hex') !== head.rootHash) {
      findings.push({
        message: `the head of ${head.timestamp} (${head.treeSize} leaves) does not sign the leaves’ root`,
      });
    }
    if (h.key_id === ctx.logSigner.keyId && !verifyHead(head, ctx.logSigner.publicKey)) {
      findings.push({
        message: `the head of ${head.timestamp} (${head.treeSize} leaves) : its signature does not verify`,
      });
    }
  }
  // The public records must be those of each filing's latest event.
  const stale = await queryRows<{ filing_number: string; seq: string | number }>(
    ctx.db,
    sql`select r.filing_number, e.seq from public_registry r
        join lateral (select seq, record from public_events where filing_id = r.filing_id order by seq desc limit 1) e on true
        where e.record <> r.record or e.record->>'status' <> r.status`,
  );
  for (const s of stale) {
    const index = Number(s.seq) - 1;
    findings.push({
      index,
      message: `the public record of ${s.filing_number} is not that of its latest event (leaf ${index})`,
    });
  }
  checkLeafTexts(leaves, findings);
  if (opts.state) checkAgainstSaved(opts.state, hashes, findings);
  const state = lastHead ? stateOf(lastHead, ctx.logSigner.keyId, hashes) : undefined;
  return finish(size, root.toString('hex'), findings, state);
}
