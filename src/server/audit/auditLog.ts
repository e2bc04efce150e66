/**
 * The append-only audit log. Each entry stores the SM3 hash of the one before it, so an edited or deleted row
 * breaks the chain. Entries are appended inside the caller's transaction: the record and the change commit together.
 */
import { asc, desc, gt, sql } from 'drizzle-orm';
import { sm3Hex } from '../crypto/sm3.js';
import type { Executor, Tx } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { canonicalJson } from './canonicalJson.js';
import type { AuditAction, AuditEntry } from './events.js';

/** Any constant works: it serialises appenders across connections and instances. */
export const AUDIT_LOCK_KEY = 0x5643_5041; // "VCPA"
export const GENESIS_HASH = '0'.repeat(64);

interface HashInput {
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: unknown;
}

/** The canonical text of an entry that its hash covers (after the previous entry's hash and a newline). */
export function entryBody(e: HashInput): string {
  return canonicalJson({
    at: e.at.toISOString(),
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    details: e.details,
  });
}

export function entryHash(prevHash: string, e: HashInput): string {
  return chainHash(prevHash, entryBody(e));
}

export const chainHash = (prevHash: string, body: string): string => sm3Hex(`${prevHash}\n${body}`);

export async function appendAudit<A extends AuditAction>(tx: Tx, entry: AuditEntry<A>): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  // JavaScript dates carry milliseconds, which timestamptz stores exactly: the hash recomputes from the stored value.
  const at = new Date();
  const row = { at, ...entry, details: entry.details as unknown };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: entryHash(prevHash, row) });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** Walks the whole chain in order and names the first entry that does not match. */
export async function verifyAuditChain(db: Executor, batchSize = 1000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, lastSeq))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: row.seq, reason: 'prev_hash does not match the entry before' },
        };
      }
      if (entryHash(prevHash, row) !== row.hash) {
        return { ok: false, checked, firstBroken: { seq: row.seq, reason: 'content does not match its hash' } };
      }
      prevHash = row.hash;
      lastSeq = row.seq;
      checked++;
    }
  }
}
