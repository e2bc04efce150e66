/**
 * `vcp demo seed --filings N [--seed S]` (SPEC §6): fills the database with N synthetic filings in every state, for
 * demos, benchmarks and tests outside the project. Plans (plan.ts) become the rows the commands would write (rows.ts);
 * they are inserted in batches, one transaction each, with the audit chain continued under its advisory lock and each
 * public event passed through `recordPublicEvent` (so whatever the public side keeps in step with it follows).
 * Passwords are hashed once for all demo applicants. Same seed and same day: the same filings, names, times and
 * numbers (ids of the demo staff, TOTP secrets and every ciphertext's IV are random).
 */
import { desc, sql } from 'drizzle-orm';
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
import { queryRows, type Tx } from '../db/client.js';
import {
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
  users,
} from '../db/schema.js';
import { hashPassword } from '../services/passwords.js';
import { recordPublicEvents } from '../services/publicEvents.js';
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
}

export interface SeedResult {
  filings: number;
  users: number;
  byStatus: Record<string, number>;
  staff: { email: string; roles: string[]; secret: string }[];
  applicantEmail: (n: number) => string;
  ms: number;
}

export class DemoSeedRefused extends Error {}

export const applicantEmail = (seed: string, n: number) => `applicant${n}-${seed}@${DEMO_EMAIL_DOMAIN}`;

export async function seedDemo(ctx: AppContext, opts: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const seed = opts.seed ?? '1';
  const out = opts.out ?? (() => {});
  const n = opts.plans?.length ?? opts.filings;
  const batchSize = opts.batchSize ?? 1000;
  // Plans end before 00:00 China time today: the same seed gives the same times all day.
  const now = chinaMidnight(chinaToday(ctx.now()));

  const partnerRows = await ctx.db.select().from(partners);
  const pushing = partnerRows.filter((p) => p.enabled && (p.webhookUrl || p.email));
  if (pushing.length) {
    throw new DemoSeedRefused(
      `partner ${pushing.map((p) => p.id).join(', ')} has a webhook or email configured: demo data must never reach a ` +
        'partner agency. Seed a database without partner endpoints.',
    );
  }
  const firstStaff = `reviewer1-${seed}@${DEMO_EMAIL_DOMAIN}`;
  const [taken] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from users where email_hash = ${ctx.cipher.blindIndex(firstStaff)}`,
  );
  if (taken) throw new DemoSeedRefused(`this database already holds the demo data of seed ${seed}: use another --seed`);

  const staff: SeedResult['staff'] = [];
  const staffIds: Record<'reviewer' | 'admin', string[]> = { reviewer: [], admin: [] };
  for (const [role, count] of [
    ['reviewer', 3],
    ['admin', 1],
  ] as const) {
    for (let k = 1; k <= count; k++) {
      const email = `${role}${k}-${seed}@${DEMO_EMAIL_DOMAIN}`;
      const { user, secret } = await createStaffUser(ctx, {
        email,
        password: DEMO_STAFF_PASSWORD,
        roles: [role],
        displayName: `${role === 'admin' ? '管理员' : '审核员'}${k}`,
      });
      staffIds[role].push(user.id);
      staff.push({ email, roles: [role], secret });
    }
  }

  const planOf = (i: number) => opts.plans?.[i] ?? planFiling(seed, i, now);
  const numbers = await reserveNumbers(ctx, n, planOf);
  const env: DemoEnv = {
    seed,
    cipher: ctx.cipher,
    cal: await ctx.calendar.get(),
    effectiveDate: await ctx.settings.get('measures.effectiveDate'),
    publicBaseUrl: ctx.config.publicBaseUrl,
    partnerIds: partnerRows.filter((p) => p.enabled).map((p) => p.id),
    reviewerIds: staffIds.reviewer,
    adminIds: staffIds.admin,
    files: await demoFiles(),
    numberOf: (i) => numbers.get(i) ?? '',
  };
  const passwordHash = await hashPassword(DEMO_APPLICANT_PASSWORD);
  const byStatus: Record<string, number> = {};
  let owners = 0;
  let next = 0;
  // Batch k+1 is built while batch k is written: on PostgreSQL the two overlap.
  let writing: Promise<void> | null = null;
  while (next < n) {
    const rows = new DemoRows();
    const t0 = Date.now();
    const end = Math.min(n, next + batchSize);
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
    const built = Date.now() - t0;
    if (writing) await writing;
    const done = next;
    const t1 = Date.now();
    writing = ctx.db.transaction((tx) => writeRows(tx, rows));
    writing.then(
      () => out(`${done} / ${n} filings (built in ${built} ms, written in ${Date.now() - t1} ms)`),
      () => {},
    );
  }
  if (writing) await writing;
  return {
    filings: n,
    users: owners,
    byStatus,
    staff,
    applicantEmail: (k) => applicantEmail(seed, k),
    ms: Date.now() - started,
  };
}

/**
 * The numbers of every approval of the run, reserved from the year's counter at once (as issueFilingNumber takes one
 * at a time) and given out in order of approval time, so they are gapless and in order within each year.
 */
async function reserveNumbers(ctx: AppContext, n: number, planOf: (i: number) => FilingPlan) {
  const format = await ctx.settings.get('filingNumber.format');
  const approvals: { i: number; t: number; year: number }[] = [];
  for (let k = 0; k < n; k++) {
    const plan = planOf(k);
    const at = approvalTime(plan);
    if (at) approvals.push({ i: plan.index, t: at.getTime(), year: Number(chinaToday(at).slice(0, 4)) });
  }
  approvals.sort((a, b) => a.t - b.t || a.i - b.i);
  const perYear = new Map<number, number>();
  for (const a of approvals) perYear.set(a.year, (perYear.get(a.year) ?? 0) + 1);
  const base = new Map<number, number>();
  await ctx.db.transaction(async (tx) => {
    for (const [year, count] of perYear) {
      const [row] = await queryRows<{ last: number }>(
        tx,
        sql`insert into filing_number_counters (year, last) values (${year}, ${count})
            on conflict (year) do update set last = filing_number_counters.last + ${count} returning last`,
      );
      base.set(year, Number(row?.last) - count);
    }
  });
  const numbers = new Map<number, string>();
  for (const a of approvals) {
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

async function writeRows(tx: Tx, rows: DemoRows) {
  await bulkInsert(tx, users, rows.users);
  await bulkInsert(tx, filings, rows.filings);
  await bulkInsert(tx, filingChanges, rows.changes);
  await bulkInsert(tx, attachments, rows.attachments);
  await bulkInsert(tx, filingVersions, rows.versions);
  await bulkInsert(tx, reviewDecisions, rows.decisions);
  await bulkInsert(tx, scheduledJobs, rows.jobs);
  await bulkInsert(tx, deregistrations, rows.deregistrations);
  await bulkInsert(tx, outbox, rows.outbox);
  await bulkInsert(tx, notifications, rows.notifications);
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
  await bulkInsert(tx, auditLog, chained);
  await recordPublicEvents(
    tx,
    [...rows.publicEvents].sort((a, b) => a.at.getTime() - b.at.getTime()),
  );
}
