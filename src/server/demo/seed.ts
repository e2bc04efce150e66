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
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { desc, eq, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { chinaToday } from '../../shared/calendar/index.js';
import { samplePdf, samplePng } from '../attachments/fixtures.js';
import { detectFileType } from '../attachments/sniff.js';
import { AUDIT_LOCK_KEY, chainHash, GENESIS_HASH } from '../audit/auditLog.js';
import { createStaffUser } from '../commands/createStaffUser.js';
import { chinaMidnight } from '../commands/deregisterFiling.js';
import type { AppContext } from '../context.js';
import { sm3Hex } from '../crypto/sm3.js';
import { type Executor, queryRows, type Tx } from '../db/client.js';
import { copyRaw } from '../db/copyInsert.js';
import { auditLog, partners, settings, users } from '../db/schema.js';
import { nextTurn } from '../lib/interrupted.js';
import { hashPassword } from '../services/passwords.js';
import { recordPublicEvents } from '../services/publicEvents.js';
import { sameAsDatabase } from '../services/searchGrams.js';
import {
  applicantEmail,
  approvalsOf,
  type BatchPlan,
  buildBatch,
  type Encoded,
  encodeBatch,
  numbersFrom,
  type Position,
  planner,
  TABLES,
} from './batch.js';
import type { WorkerInit } from './buildWorker.js';
import type { FilingPlan } from './plan.js';
import type { DemoEnv, DemoFile } from './rows.js';

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
  /**
   * Build the rows in a worker thread while the database writes (buildWorker.ts): what `vcp demo seed` does, since on
   * PGlite the database shares the seed's thread. Not with `plans`.
   */
  worker?: boolean;
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

export { applicantEmail };

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
  const planOf = planner(seed, now, opts.plans);
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
  const format = await ctx.settings.get('filingNumber.format');
  const numbers = numbersFrom(format, current.numberBase, n, planOf);
  const shared = {
    seed,
    cal: await ctx.calendar.get(),
    effectiveDate: await ctx.settings.get('measures.effectiveDate'),
    publicBaseUrl: ctx.config.publicBaseUrl,
    partnerIds: partnerRows.filter((p) => p.enabled).map((p) => p.id),
    reviewerIds: current.staff.filter((m) => m.role === 'reviewer').map((m) => m.id),
    adminIds: current.staff.filter((m) => m.role === 'admin').map((m) => m.id),
    files: await demoFiles(),
  };
  const env: DemoEnv = { ...shared, cipher: ctx.cipher, numberOf: (i) => numbers.get(i) ?? '' };
  const passwordHash = await hashPassword(DEMO_APPLICANT_PASSWORD);
  const plan: BatchPlan = { env, n, batchSize, now, passwordHash, planOf, onePerOwner: !!opts.plans };
  const builder =
    opts.worker && !opts.plans
      ? workerBuilder({
          keyring: ctx.cipher.keyringForWorker(),
          env: shared,
          format,
          numberBase: current.numberBase,
          n,
          batchSize,
          now,
          passwordHash,
        })
      : inlineBuilder(plan);
  const writer = await batchWriter(ctx);
  let committed: SeedRun = current;
  let byStatus = { ...current.byStatus };
  // Batch k+1 is built while batch k is written: by the worker, or on PostgreSQL by this thread while the server writes.
  let writing: Promise<void> | null = null;
  let building: Promise<Encoded> | null = current.next < n ? builder.build(current) : null;
  try {
    while (building) {
      // A turn of the event loop, so a signal's handler gets to run (lib/interrupted.ts).
      await nextTurn();
      if (opts.signal?.aborted) break;
      const t0 = Date.now();
      const built = await time(timings, 'build', () => building as Promise<Encoded>);
      const waited = Date.now() - t0;
      byStatus = { ...byStatus };
      for (const [status, k] of Object.entries(built.statuses)) byStatus[status] = (byStatus[status] ?? 0) + k;
      const progress: SeedRun = { ...current, next: built.next, owners: built.owners, byStatus, done: built.next >= n };
      building = built.next < n ? builder.build(built) : null;
      if (writing) await writing;
      // A signal that came meanwhile: this batch is not written, the run stops at the last commit.
      if (opts.signal?.aborted) break;
      const t1 = Date.now();
      writing = ctx.db
        .transaction(async (tx) => {
          await writer.write(tx, built, timings);
          await saveRun(tx, seed, progress);
        })
        .then(() => {
          committed = progress;
          out(`${progress.next} / ${n} filings (built in ${waited} ms, written in ${Date.now() - t1} ms)`);
        });
      writing.catch(() => {});
    }
    if (writing) await writing;
  } finally {
    building?.catch(() => {});
    // A failed build leaves no write running behind the caller's back.
    await writing?.catch(() => {});
    await builder.close();
  }
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

interface Builder {
  build(from: Position): Promise<Encoded>;
  close(): Promise<void>;
}

function inlineBuilder(plan: BatchPlan): Builder {
  return {
    // Later, not now: the caller first starts writing the batch before.
    build: (from) =>
      new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(encodeBatch(plan.env, buildBatch(plan, from)));
          } catch (err) {
            reject(err);
          }
        }),
      ),
    close: async () => {},
  };
}

/** buildWorker.ts in a worker thread; from TypeScript sources (tsx, tests) it is loaded through tsx's loader. */
function workerBuilder(init: WorkerInit): Builder {
  const url = new URL(`./buildWorker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true, workerData: init },
      )
    : new Worker(url, { workerData: init });
  let pending: { resolve: (b: Encoded) => void; reject: (e: Error) => void } | null = null;
  worker.on('message', (m: { built?: Encoded; error?: string }) => {
    const p = pending;
    pending = null;
    if (m.built) p?.resolve(m.built);
    else p?.reject(new Error(`demo row builder: ${m.error}`));
  });
  worker.on('error', (err) => {
    pending?.reject(err);
    pending = null;
  });
  return {
    build: (from) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage({ next: from.next, owners: from.owners });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
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

/**
 * How batches are written on this database, decided once: `COPY` for every table; the foreign-key triggers off for
 * the batch (`session_replication_role`, which needs a superuser, as the embedded database's user is) when the rows
 * were checked to reference only rows of the batch or the run's staff (batch.ts `referencesResolve`) and no other
 * trigger is on the tables; the registry's search grams in JavaScript when they equal the database's own on sample
 * records (services/searchGrams.ts).
 */
async function batchWriter(ctx: AppContext) {
  const kind = ctx.database.kind;
  const [role] = await queryRows<{ superuser: string; triggers: number }>(
    ctx.db,
    sql`select current_setting('is_superuser') as superuser,
          (select count(*)::int from pg_trigger where not tgisinternal and tgrelid in (
            select oid from pg_class where relnamespace = 'public'::regnamespace and relname in (${sql.join(
              [...TABLES.map(([, t]) => getTableName(t)), getTableName(auditLog)].map((t) => sql`${t}`),
              sql`, `,
            )}))) as triggers`,
  );
  const triggersOff = role?.superuser === 'on' && Number(role?.triggers) === 0;
  let jsGrams: boolean | null = null;
  const tableOf = new Map<string, PgTable>(TABLES);
  return {
    async write(tx: Tx, batch: Encoded, timings?: Record<string, number>) {
      if (triggersOff && batch.resolved) await tx.execute(sql`set local session_replication_role = replica`);
      for (const t of batch.tables) {
        await time(timings, t.list, () => copyRaw(tx, kind, tableOf.get(t.list) as PgTable, t.columns, t.data));
      }
      await time(timings, 'audit', async () => {
        // The audit chain goes on from its last entry, under the lock every appender takes (audit/auditLog.ts).
        await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
        const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
        let prevHash = last?.hash ?? GENESIS_HASH;
        const { lines, bodies } = batch.audit;
        let data = '';
        for (let i = 0; i < lines.length; i++) {
          const hash = chainHash(prevHash, bodies[i] as string);
          data += `${lines[i]}\t${prevHash}\t${hash}\n`;
          prevHash = hash;
        }
        await copyRaw(tx, kind, auditLog, `${batch.audit.columns}, "prev_hash", "hash"`, data);
      });
      if (jsGrams === null && batch.events.length > 0) {
        jsGrams = await sameAsDatabase(
          tx,
          batch.events.map((e) => e.record),
        );
      }
      await time(timings, 'public', () =>
        recordPublicEvents(tx, batch.events, { filingsHoldRecords: true, jsGrams: jsGrams === true }),
      );
    },
  };
}
