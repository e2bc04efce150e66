/**
 * One batch of the demo seed (SPEC §6) built from its plans: whole applicants with their filings, from the run's
 * position (`next` filing, `owners` applicants so far) up to `batchSize` filings. The same function runs in the seed
 * itself or in its row-building worker thread (buildWorker.ts), so both give the same rows.
 */
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../shared/calendar/index.js';
import { formatFilingNumber } from '../../shared/filing/numberFormat.js';
import { entryBody } from '../audit/auditLog.js';
import { copyText } from '../db/copyInsert.js';
import {
  attachmentChunks,
  attachments,
  auditLog,
  deregistrations,
  filingChanges,
  filings,
  filingVersions,
  notifications,
  outbox,
  reviewDecisions,
  scheduledJobs,
  users,
} from '../db/schema.js';
import type { PublicEvent } from '../services/publicEvents.js';
import { approvalTime, type FilingPlan, planFiling } from './plan.js';
import { Random } from './random.js';
import { buildApplicant, buildFiling, type DemoEnv, DemoRows } from './rows.js';

export const applicantEmail = (seed: string, n: number) => `applicant${n}-${seed}@demo.example`;

/** Where a run stands: the next filing to build and how many applicants were made before it. */
export interface Position {
  next: number;
  owners: number;
}

export interface Built extends Position {
  rows: DemoRows;
  /** Filings of the batch by status. */
  statuses: Record<string, number>;
}

export interface BatchPlan {
  env: DemoEnv;
  n: number;
  batchSize: number;
  now: Date;
  passwordHash: string;
  planOf(i: number): FilingPlan;
  /** One filing an applicant (replayed plans), else 1–3 drawn per applicant. */
  onePerOwner: boolean;
}

export const planner = (seed: string, now: Date, plans?: FilingPlan[]) => (i: number) =>
  plans?.[i] ?? planFiling(seed, i, now);

export function buildBatch(p: BatchPlan, from: Position): Built {
  const { env, n } = p;
  const rows = new DemoRows();
  const statuses: Record<string, number> = {};
  let { next, owners } = from;
  const end = Math.min(n, next + p.batchSize);
  // Whole owners per batch: an applicant and their filings are written together.
  while (next < end) {
    const owner = new Random(env.seed, 'owner', owners);
    const count = Math.min(n - next, p.onePerOwner ? 1 : Number(owner.weighted({ 1: 75, 2: 18, 3: 7 })));
    const plans = Array.from({ length: count }, (_, k) => p.planOf(next + k));
    const firstAt = Math.min(...plans.map((x) => x.steps[0]?.at.getTime() ?? p.now.getTime()));
    const ownerId = owner.uuid();
    owners++;
    buildApplicant(env, rows, {
      id: ownerId,
      email: applicantEmail(env.seed, owners),
      at: new Date(firstAt - owner.int(5, 600) * 60_000),
      passwordHash: p.passwordHash,
    });
    for (const plan of plans) {
      const row = buildFiling(env, rows, plan, ownerId);
      statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    }
    next += count;
  }
  return { rows, next, owners, statuses };
}

/** The batch's tables, parents first: the order they are inserted in. */
export const TABLES = [
  ['users', users],
  ['filings', filings],
  ['changes', filingChanges],
  ['attachments', attachments],
  ['chunks', attachmentChunks],
  ['versions', filingVersions],
  ['decisions', reviewDecisions],
  ['jobs', scheduledJobs],
  ['deregistrations', deregistrations],
  ['outbox', outbox],
  ['notifications', notifications],
] as const satisfies readonly (readonly [keyof DemoRows, PgTable])[];

/**
 * Whether every foreign key of the batch's rows points at a row of the same batch or at one of `existing` (ids of
 * committed rows, by table): what the foreign-key triggers would check, row by row, inside the database.
 */
export function referencesResolve(rows: DemoRows, existing: Map<PgTable, Set<string>>): boolean {
  const ids = new Map<PgTable, Map<string, Set<unknown>>>();
  const keyOf = (table: PgTable, column: PgColumn) =>
    Object.entries(getTableColumns(table)).find(([, c]) => c === column)?.[0] as string;
  const present = (table: PgTable, column: PgColumn): Set<unknown> => {
    let byColumn = ids.get(table);
    if (!byColumn) {
      byColumn = new Map();
      ids.set(table, byColumn);
    }
    let set = byColumn.get(column.name);
    if (!set) {
      const list = (TABLES.find(([, t]) => t === table)?.[0] ?? null) as keyof DemoRows | null;
      const key = keyOf(table, column);
      set = new Set(list ? (rows[list] as Record<string, unknown>[]).map((r) => r[key]) : []);
      for (const id of existing.get(table) ?? []) set.add(id);
      byColumn.set(column.name, set);
    }
    return set;
  };
  for (const [list, table] of TABLES) {
    for (const fk of getTableConfig(table).foreignKeys) {
      const ref = fk.reference();
      if (ref.columns.length !== 1) return false;
      const key = keyOf(table, ref.columns[0] as PgColumn);
      const parents = present(ref.foreignTable, ref.foreignColumns[0] as PgColumn);
      for (const r of rows[list] as Record<string, unknown>[]) {
        const v = r[key];
        if (v != null && !parents.has(v)) return false;
      }
    }
  }
  return true;
}

/** A built batch as the database loads it: COPY text per table, the audit entries to chain, the public events. */
export interface Encoded extends Position {
  statuses: Record<string, number>;
  tables: { list: (typeof TABLES)[number][0]; columns: string; data: string }[];
  /** The audit entries in time order: their COPY lines without the chain's two hashes, and the text each hash covers. */
  audit: { columns: string; lines: string[]; bodies: string[] };
  /** The public events in time order. */
  events: PublicEvent[];
  /** Every foreign key points into the batch or at `existing` (referencesResolve). */
  resolved: boolean;
}

export const AUDIT_KEYS = ['at', 'action', 'actorId', 'subjectType', 'subjectId', 'details'] as const;

/**
 * Encodes a batch for loading (in the worker thread when there is one, so the seed's thread only loads). The rows may
 * also point at the run's staff (`env.reviewerIds`, `env.adminIds`), committed before the first batch.
 */
export function encodeBatch(env: DemoEnv, built: Built): Encoded {
  const { rows } = built;
  const existing = new Map<PgTable, Set<string>>([[users, new Set([...env.reviewerIds, ...env.adminIds])]]);
  const tables = TABLES.map(([list, table]) => {
    const { columns, data } = copyText(table, rows[list] as Record<string, unknown>[]);
    return { list, columns, data };
  });
  const entries = [...rows.audit].sort((a, b) => a.at.getTime() - b.at.getTime());
  const { columns, lines } = copyText(auditLog, entries as unknown as Record<string, unknown>[], AUDIT_KEYS);
  return {
    next: built.next,
    owners: built.owners,
    statuses: built.statuses,
    tables,
    audit: { columns, lines, bodies: entries.map((e) => entryBody(e)) },
    events: [...rows.publicEvents].sort((a, b) => a.at.getTime() - b.at.getTime()),
    resolved: referencesResolve(rows, existing),
  };
}

/** Every approval of the run, in the order numbers are issued: approval time, then plan index. */
export function approvalsOf(n: number, planOf: (i: number) => FilingPlan) {
  const approvals: { i: number; t: number; year: number }[] = [];
  for (let k = 0; k < n; k++) {
    const plan = planOf(k);
    const at = approvalTime(plan);
    if (at) approvals.push({ i: plan.index, t: at.getTime(), year: Number(chinaToday(at).slice(0, 4)) });
  }
  return approvals.sort((a, b) => a.t - b.t || a.i - b.i);
}

/** The reserved numbers given out in order of approval time, so they are gapless and in order within each year. */
export function numbersFrom(
  format: string,
  numberBase: Record<string, number>,
  n: number,
  planOf: (i: number) => FilingPlan,
): Map<number, string> {
  const base = new Map(Object.entries(numberBase).map(([y, v]) => [Number(y), v]));
  const numbers = new Map<number, string>();
  for (const a of approvalsOf(n, planOf)) {
    const seq = (base.get(a.year) ?? 0) + 1;
    base.set(a.year, seq);
    numbers.set(a.i, formatFilingNumber(format, a.year, seq));
  }
  return numbers;
}
