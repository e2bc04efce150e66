/**
 * One batch of the demo seed (SPEC §6) built from its plans: whole applicants with their filings, from the run's
 * position (`next` filing, `owners` applicants so far) up to `batchSize` filings. The same function runs in the seed
 * itself or in its row-building worker thread (buildWorker.ts), so both give the same rows.
 */
import { chinaToday } from '../../shared/calendar/index.js';
import { formatFilingNumber } from '../../shared/filing/numberFormat.js';
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
