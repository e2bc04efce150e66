/**
 * `vcp demo seed --filings N [--seed S]` (SPEC §6): fills the database with N synthetic filings in every state, for
 * demos, benchmarks and tests outside the project. Plans (plan.ts) become the rows the commands would write (rows.ts);
 * they are loaded in batches, one transaction each (COPY, db/copyInsert.ts), with the audit chain continued under its
 * advisory lock and the public events passed through `recordPublicEvents` (the history, the registry and its counts,
 * the transparency log's leaves). Passwords are hashed once for all demo applicants. Same seed and same day: the same
 * filings, names, times and numbers (ids of the demo staff, TOTP secrets and every ciphertext's IV are random).
 * Each batch also moves the run's record (`settings` key `demo.seed.<seed>`), so a run stopped by a signal or a
 * crash is continued where it stopped by the same command.
 */
import { desc, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../shared/calendar/index.js';
import { formatFilingNumber } from '../../shared/filing/numberFormat.js';
import { samplePdf, samplePng } from '../attachments/fixtures.js';
import { detectFileType } from '../attachments/sniff.js';
import { AUDIT_LOCK_KEY, entryHash, GENESIS_HASH } from '../audit/auditLog.js';
import { createStaffUser } from '../commands/createStaffUser.js';
import { chinaMidnight } from '../commands/deregisterFiling.js';
import type { AppContext } from '../context.js';
import { sm3Hex } from '../crypto/sm3.js';
import { bulkInsert } from '../db/bulkInsert.js';
import { type Executor, queryRows, type Tx } from '../db/client.js';
import { copyInsert } from '../db/copyInsert.js';
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
  partners,
  reviewDecisions,
  scheduledJobs,
  settings,
  users,
} from '../db/schema.js';
import { hashPassword } from '../services/passwords.js';
import { recordPublicEvents } from '../services/publicEvents.js';
import { sameAsDatabase } from '../services/searchGrams.js';
import { approvalTime, type FilingPlan, planFiling } from './plan.js';
import { Random } from './random.js';
import { buildApplicant, buildFiling, type DemoEnv, type DemoFile, DemoRows } from './rows.js';

export const DEMO_APPLICANT_PASSWORD = 'demo-applicant-2026';
export const DEMO_STAFF_PASSWORD = 'demo-staff-password-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.example';

export interface SeedOptions {
  filings: number;
  seed?: string;
  /** Filings per transaction. */
  batchSize?: number;
  /** Progress lines. */
  out?: (line: string) => void;
  /** Plans to use instead of planFiling's (tests replay chosen journeys). */
  plans?: FilingPlan[];
  /** Stops after the batch being written (SIGINT/SIGTERM in `vcp`): the run is left to be continued by a rerun. */
  signal?: AbortSignal;
  /** Milliseconds spent per step, added up over the run (bench/seed.ts prints them). */
  timings?: Record<string, number>;
}

export interface SeedResult {
  filings: number;
  /** Filings written in all, by this call and the interrupted calls it continued. */
  written: number;
  /** Filings an interrupted run had written when this call continued it (0: a new run). */
  resumedFrom: number;
  /** Stopped by the signal before the end: rerun to continue. */
  interrupted: boolean;
  users: number;
  byStatus: Record<string, number>;
  staff: { email: string; roles: string[]; secret: string }[];
  applicantEmail: (n: number) => string;
  ms: number;
}

export class DemoSeedRefused extends Error {}

export const applicantEmail = (seed: string, n: number) => `applicant${n}-${seed}@${DEMO_EMAIL_DOMAIN}`;

/**
 * A run's parameters and progress, kept in `settings` (key `demo.seed.<seed>`) and moved in each batch's transaction:
 * an interrupted run is continued by the next `vcp demo seed` with the same seed, with the same plans, numbers and
 * staff, from the first filing not yet written.
 */
interface SeedRun {
  filings: number;
  batchSize: number;
  /** The plans' "now" (ISO). */
  now: string;
  /** Per year, the counter value before the run's first number. */
  numberBase: Record<string, number>;
  staff: { id: string; email: string; role: 'reviewer' | 'admin' }[];
  next: number;
  owners: number;
  byStatus: Record<string, number>;
  done: boolean;
}

const runKey = (seed: string) => `demo.seed.${seed}`;

async function readRun(db: Executor, seed: string): Promise<SeedRun | null> {
  const [row] = await db
    .select()
    .from(settings)
    .where(eq(settings.key, runKey(seed)));
  return row ? (row.value as SeedRun) : null;
}

const saveRun = (db: Executor, seed: string, run: SeedRun) =>
  db
    .insert(settings)
    .values({ key: runKey(seed), value: run })
    .onConflictDoUpdate({ target: settings.key, set: { value: run, updatedAt: new Date() } });

const time = async <T>(timings: Record<string, number> | undefined, step: string, f: () => Promise<T> | T) => {
  const t = performance.now();
  try {
    return await f();
  } finally {
    if (timings) timings[step] = (timings[step] ?? 0) + performance.now() - t;
  }
};

export async function seedDemo(ctx: AppContext, opts: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const seed = opts.seed ?? '1';
  const out = opts.out ?? (() => {});
  const timings = opts.timings;

  const partnerRows = await ctx.db.select().from(partners);
  const pushing = partnerRows.filter((p) => p.enabled && (p.webhookUrl || p.email));
  if (pushing.length) {
    throw new DemoSeedRefused(
      `partner ${pushing.map((p) => p.id).join(', ')} has a webhook or email configured: demo data must never reach a ` +
        'partner agency. Seed a database without partner endpoints.',
    );
  }
  let run = await readRun(ctx.db, seed);
  if (run?.done)
    throw new DemoSeedRefused(`this database already holds the demo data of seed ${seed}: use another --seed`);
  const resumedFrom = run?.next ?? 0;
  const n = run?.filings ?? opts.plans?.length ?? opts.filings;
  if (run) {
    out(
      `continuing the interrupted run of seed ${seed}: ${run.next} of ${run.filings} filings were written` +
        (run.filings !== opts.filings && !opts.plans ? ` (the run's --filings ${run.filings} is kept)` : ''),
    );
  } else {
    const [taken] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id from users where email_hash = ${ctx.cipher.blindIndex(`reviewer1-${seed}@${DEMO_EMAIL_DOMAIN}`)}`,
    );
    if (taken)
      throw new DemoSeedRefused(`this database already holds the demo data of seed ${seed}: use another --seed`);
  }
  // Plans end before 00:00 China time of the run's first day: the same seed gives the same times all day.
  const now = run ? new Date(run.now) : chinaMidnight(chinaToday(ctx.now()));
  const planOf = (i: number) => opts.plans?.[i] ?? planFiling(seed, i, now);
  const batchSize = run?.batchSize ?? opts.batchSize ?? 1000;

  const staff: SeedResult['staff'] = [];
  if (!run) {
    // The staff, the numbers and the run's record commit together: a rerun finds all of them or none.
    run = await ctx.db.transaction(async (tx) => {
      const inTx = { ...ctx, db: tx as unknown as AppContext['db'] };
      const members: SeedRun['staff'] = [];
      for (const [role, count] of [
        ['reviewer', 3],
        ['admin', 1],
      ] as const) {
        for (let k = 1; k <= count; k++) {
          const email = `${role}${k}-${seed}@${DEMO_EMAIL_DOMAIN}`;
          const { user, secret } = await createStaffUser(inTx, {
            email,
            password: DEMO_STAFF_PASSWORD,
            roles: [role],
            displayName: `${role === 'admin' ? '管理员' : '审核员'}${k}`,
          });
          members.push({ id: user.id, email, role });
          staff.push({ email, roles: [role], secret });
        }
      }
      const fresh: SeedRun = {
        filings: n,
        batchSize,
        now: now.toISOString(),
        numberBase: await reserveNumbers(tx, n, planOf),
        staff: members,
        next: 0,
        owners: 0,
        byStatus: {},
        done: false,
      };
      await saveRun(tx, seed, fresh);
      return fresh;
    });
  } else {
    // The staff of the interrupted run, with their TOTP secrets (printed again for enrolment).
    for (const m of run.staff) {
      const [u] = await ctx.db.select().from(users).where(eq(users.id, m.id));
      const secret = u?.totpSecretEnc ? ctx.cipher.openText(u.totpSecretEnc, `totp:${m.id}`) : '';
      staff.push({ email: m.email, roles: [m.role], secret });
    }
  }
  const current = run;
  const numbers = await numbersOf(ctx, current.numberBase, n, planOf);
  const env: DemoEnv = {
    seed,
    cipher: ctx.cipher,
    cal: await ctx.calendar.get(),
    effectiveDate: await ctx.settings.get('measures.effectiveDate'),
    publicBaseUrl: ctx.config.publicBaseUrl,
    partnerIds: partnerRows.filter((p) => p.enabled).map((p) => p.id),
    reviewerIds: current.staff.filter((m) => m.role === 'reviewer').map((m) => m.id),
    adminIds: current.staff.filter((m) => m.role === 'admin').map((m) => m.id),
    files: await demoFiles(),
    numberOf: (i) => numbers.get(i) ?? '',
  };
  const passwordHash = await hashPassword(DEMO_APPLICANT_PASSWORD);
  const writer = await batchWriter(
    ctx,
    current.staff.map((m) => m.id),
  );
  let committed: SeedRun = current;
  let byStatus = { ...current.byStatus };
  let owners = current.owners;
  let next = current.next;
  // Batch k+1 is built while batch k is written: on PostgreSQL the two overlap.
  let writing: Promise<void> | null = null;
  while (next < n && !opts.signal?.aborted) {
    const rows = new DemoRows();
    const t0 = Date.now();
    await time(timings, 'build', () => {
      const end = Math.min(n, next + batchSize);
      byStatus = { ...byStatus };
      // Whole owners per batch: an applicant and their filings are written together.
      while (next < end) {
        const owner = new Random(seed, 'owner', owners);
        const count = Math.min(n - next, opts.plans ? 1 : Number(owner.weighted({ 1: 75, 2: 18, 3: 7 })));
        const plans = Array.from({ length: count }, (_, k) => planOf(next + k));
        const firstAt = Math.min(...plans.map((p) => p.steps[0]?.at.getTime() ?? now.getTime()));
        const ownerId = owner.uuid();
        owners++;
        buildApplicant(env, rows, {
          id: ownerId,
          email: applicantEmail(seed, owners),
          at: new Date(firstAt - owner.int(5, 600) * 60_000),
          passwordHash,
        });
        for (const plan of plans) {
          const row = buildFiling(env, rows, plan, ownerId);
          byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
        }
        next += count;
      }
    });
    const built = Date.now() - t0;
    const progress: SeedRun = { ...current, next, owners, byStatus, done: next >= n };
    if (writing) await writing;
    // A signal that came while this batch was built: it is not written, the run stops at the last commit.
    if (opts.signal?.aborted) break;
    const t1 = Date.now();
    writing = ctx.db
      .transaction(async (tx) => {
        await writer.write(tx, rows, timings);
        await saveRun(tx, seed, progress);
      })
      .then(() => {
        committed = progress;
        out(`${progress.next} / ${n} filings (built in ${built} ms, written in ${Date.now() - t1} ms)`);
      });
    writing.catch(() => {});
  }
  if (writing) await writing;
  return {
    filings: n,
    written: committed.next,
    resumedFrom,
    interrupted: !committed.done,
    users: committed.owners,
    byStatus: committed.byStatus,
    staff,
    applicantEmail: (k) => applicantEmail(seed, k),
    ms: Date.now() - started,
  };
}

/** Every approval of the run, in the order numbers are issued: approval time, then plan index. */
function approvalsOf(n: number, planOf: (i: number) => FilingPlan) {
  const approvals: { i: number; t: number; year: number }[] = [];
  for (let k = 0; k < n; k++) {
    const plan = planOf(k);
    const at = approvalTime(plan);
    if (at) approvals.push({ i: plan.index, t: at.getTime(), year: Number(chinaToday(at).slice(0, 4)) });
  }
  return approvals.sort((a, b) => a.t - b.t || a.i - b.i);
}

/**
 * The numbers of every approval of the run, reserved from each year's counter at once (as issueFilingNumber takes one
 * at a time): returns, per year, the counter before the run's first number.
 */
async function reserveNumbers(tx: Tx, n: number, planOf: (i: number) => FilingPlan): Promise<Record<string, number>> {
  const perYear = new Map<number, number>();
  for (const a of approvalsOf(n, planOf)) perYear.set(a.year, (perYear.get(a.year) ?? 0) + 1);
  const base: Record<string, number> = {};
  for (const [year, count] of perYear) {
    const [row] = await queryRows<{ last: number }>(
      tx,
      sql`insert into filing_number_counters (year, last) values (${year}, ${count})
          on conflict (year) do update set last = filing_number_counters.last + ${count} returning last`,
    );
    base[String(year)] = Number(row?.last) - count;
  }
  return base;
}

/** The reserved numbers given out in order of approval time, so they are gapless and in order within each year. */
async function numbersOf(
  ctx: AppContext,
  numberBase: Record<string, number>,
  n: number,
  planOf: (i: number) => FilingPlan,
) {
  const format = await ctx.settings.get('filingNumber.format');
  const base = new Map(Object.entries(numberBase).map(([y, v]) => [Number(y), v]));
  const numbers = new Map<number, string>();
  for (const a of approvalsOf(n, planOf)) {
    const seq = (base.get(a.year) ?? 0) + 1;
    base.set(a.year, seq);
    numbers.set(a.i, formatFilingNumber(format, a.year, seq));
  }
  return numbers;
}

async function demoFiles(): Promise<Record<DemoFile['kind'], DemoFile>> {
  const make = async (kind: DemoFile['kind'], fileName: string, bytes: Buffer): Promise<DemoFile> => {
    const detected = await detectFileType(bytes);
    if (!detected) throw new Error(`demo file ${fileName} is not recognised`);
    return { kind, fileName, mime: detected.mime, bytes, sm3: sm3Hex(bytes) };
  };
  return {
    equity_proof: await make('equity_proof', '股权结构证明.pdf', samplePdf('Equity structure (demo)')),
    mlps_proof: await make('mlps_proof', '等级保护备案证明.png', samplePng([0x33, 0x66, 0xcc])),
    commitment_letter: await make(
      'commitment_letter',
      '承诺书（盖章扫描件）.pdf',
      samplePdf('Commitment letter (demo)'),
    ),
  };
}

/** The batch's tables, parents first: the order they are inserted in. */
const TABLES = [
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

/**
 * How batches are written on this database, decided once: `COPY` for every table; the foreign-key triggers off for
 * the batch (`session_replication_role`, which needs a superuser, as the embedded database's user is) when the rows
 * are checked to reference only rows of the batch or the run's staff and no other trigger is on the tables; the
 * registry's search grams in JavaScript when they equal the database's own on sample records.
 */
async function batchWriter(ctx: AppContext, staffIds: string[]) {
  const kind = ctx.database.kind;
  const method = process.env.VCP_SEED_INSERT === 'json' ? 'json' : 'copy';
  const [role] = await queryRows<{ superuser: string; triggers: number }>(
    ctx.db,
    sql`select current_setting('is_superuser') as superuser,
          (select count(*)::int from pg_trigger where not tgisinternal and tgrelid in (
            select oid from pg_class where relnamespace = 'public'::regnamespace and relname in (${sql.join(
              [...TABLES.map(([, t]) => getTableName(t)), getTableName(auditLog)].map((t) => sql`${t}`),
              sql`, `,
            )}))) as triggers`,
  );
  const triggersOff =
    process.env.VCP_SEED_TRIGGERS !== 'on' && role?.superuser === 'on' && Number(role?.triggers) === 0;
  const existing = new Map<PgTable, Set<string>>([[users, new Set(staffIds)]]);
  let jsGrams: boolean | null = process.env.VCP_SEED_GRAMS === 'sql' ? false : null;
  const insert = (tx: Tx, table: PgTable, list: readonly Record<string, unknown>[]) =>
    method === 'copy' ? copyInsert(tx, kind, table, list) : bulkInsert(tx, table, list);
  return {
    async write(tx: Tx, rows: DemoRows, timings?: Record<string, number>) {
      if (triggersOff && (await time(timings, 'check', () => referencesResolve(rows, existing)))) {
        await tx.execute(sql`set local session_replication_role = replica`);
      }
      for (const [list, table] of TABLES) {
        await time(timings, list, () => insert(tx, table, rows[list] as Record<string, unknown>[]));
      }
      await time(timings, 'audit', async () => {
        // The audit chain goes on from its last entry, under the lock every appender takes (audit/auditLog.ts).
        await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
        const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
        let prevHash = last?.hash ?? GENESIS_HASH;
        const entries = [...rows.audit].sort((a, b) => a.at.getTime() - b.at.getTime());
        const chained = entries.map((e) => {
          const hash = entryHash(prevHash, e);
          const row = { ...e, prevHash, hash };
          prevHash = hash;
          return row;
        });
        await insert(tx, auditLog, chained);
      });
      const events = [...rows.publicEvents].sort((a, b) => a.at.getTime() - b.at.getTime());
      if (jsGrams === null && events.length > 0) {
        jsGrams = await sameAsDatabase(
          tx,
          events.map((e) => e.record),
        );
      }
      await time(timings, 'public', () =>
        recordPublicEvents(tx, events, { filingsHoldRecords: true, jsGrams: jsGrams === true }),
      );
    },
  };
}
