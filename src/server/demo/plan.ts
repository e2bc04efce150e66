/**
 * The life of each demo filing (SPEC §3, §8): which journey it takes and when each step happens. A journey is the list
 * of the commands an applicant, a reviewer or an admin would run, with their times; rows.ts turns it into the rows
 * those commands write. Plans depend only on (seed, index, now), so a filing's story is the same whatever the batch.
 */
import { addDays, chinaToday, toChinaDate } from '../../shared/calendar/index.js';
import type { SponsorType } from '../../shared/filing/status.js';
import { Random } from './random.js';

export type Outcome =
  | 'draft_partial'
  | 'draft_complete'
  | 'submitted'
  | 'resubmitted'
  | 'correction_requested'
  | 'withdrawn'
  | 'approved'
  | 'approved_changed'
  | 'change_open'
  | 'deregistration_scheduled'
  | 'deregistered'
  | 'revoked';

/** Per 1,000 filings. Most of a registry is approved; every state is there. */
export const OUTCOME_WEIGHTS: Record<Outcome, number> = {
  draft_partial: 30,
  draft_complete: 20,
  submitted: 60,
  resubmitted: 20,
  correction_requested: 40,
  withdrawn: 20,
  approved: 480,
  approved_changed: 120,
  change_open: 50,
  deregistration_scheduled: 20,
  deregistered: 100,
  revoked: 40,
};

export type Step =
  | { kind: 'create'; at: Date; partial: boolean }
  | { kind: 'upload'; at: Date; attachment: 'equity_proof' | 'mlps_proof' | 'commitment_letter' }
  | { kind: 'submit'; at: Date }
  | { kind: 'claim'; at: Date }
  | { kind: 'correction'; at: Date }
  | { kind: 'save'; at: Date }
  | { kind: 'withdraw'; at: Date }
  | { kind: 'approve'; at: Date }
  | { kind: 'changeStart'; at: Date; changeDate: string }
  | { kind: 'changeSave'; at: Date }
  | { kind: 'changeSubmit'; at: Date }
  | { kind: 'changeCorrection'; at: Date }
  | { kind: 'changeApprove'; at: Date }
  | { kind: 'changeCancel'; at: Date }
  | { kind: 'deregister'; at: Date; terminationDate: string }
  | { kind: 'scheduleDeregistration'; at: Date; terminationDate: string }
  | { kind: 'revoke'; at: Date };

export type StepKind = Step['kind'];

export interface FilingPlan {
  index: number;
  outcome: Outcome;
  sponsorType: SponsorType;
  steps: Step[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Demo filings start here: the shipped calendar has the 2025 and 2026 schedules. */
export const DEMO_START = new Date('2025-01-06T09:00:00+08:00');

/** A step template: kind, and the delay before it (ms) drawn from the stream. */
type Draft = { kind: StepKind; delay: number; extra?: Record<string, unknown> };

function workHours(r: Random, minDays: number, maxDays: number): number {
  return r.int(minDays * 24, maxDays * 24) * HOUR + r.int(0, 59) * 60_000;
}

function journey(r: Random, outcome: Outcome, sponsorType: SponsorType): { steps: Draft[]; recent: number } {
  const s: Draft[] = [];
  const add = (kind: StepKind, delay: number, extra?: Record<string, unknown>) => s.push({ kind, delay, extra });
  const create = (partial: boolean) => add('create', 0, { partial });
  const uploads = () => {
    if (sponsorType !== 'individual') add('upload', r.int(2, 90) * 60_000, { attachment: 'equity_proof' });
    add('upload', r.int(1, 30) * 60_000, { attachment: 'mlps_proof' });
    add('upload', r.int(1, 30) * 60_000, { attachment: 'commitment_letter' });
  };
  const submit = () => add('submit', workHours(r, 0, 6));
  const review = () => {
    if (r.chance(0.7)) add('claim', workHours(r, 0, 3));
  };
  const correctionRound = () => {
    add('correction', workHours(r, 1, 8));
    add('save', workHours(r, 1, 10));
    add('submit', r.int(5, 120) * 60_000);
    review();
  };
  const approve = () => add('approve', workHours(r, 1, 9));
  const approved = () => {
    create(false);
    uploads();
    submit();
    review();
    if (r.chance(0.2)) correctionRound();
    approve();
  };
  const change = (then: 'approve' | 'open' | 'cancel') => {
    add('changeStart', workHours(r, 30, 300));
    add('changeSave', r.int(5, 600) * 60_000);
    if (then === 'open') {
      const where = r.weighted({ draft: 1, submitted: 2, correction: 1 });
      if (where !== 'draft') add('changeSubmit', workHours(r, 0, 5));
      if (where === 'correction') add('changeCorrection', workHours(r, 1, 8));
      return;
    }
    add('changeSubmit', workHours(r, 0, 5));
    if (then === 'cancel') return;
    if (r.chance(0.15)) {
      add('changeCorrection', workHours(r, 1, 8));
      add('changeSave', workHours(r, 1, 6));
      add('changeSubmit', r.int(5, 120) * 60_000);
    }
    add('changeApprove', workHours(r, 1, 9));
  };
  // `recent`: the last step happens within this many days of now (work still open), or 0: any time.
  switch (outcome) {
    case 'draft_partial':
      create(true);
      return { steps: s, recent: 60 };
    case 'draft_complete':
      create(false);
      uploads();
      return { steps: s, recent: 45 };
    case 'submitted':
      create(false);
      uploads();
      submit();
      review();
      return { steps: s, recent: 20 };
    case 'resubmitted':
      create(false);
      uploads();
      submit();
      review();
      add('correction', workHours(r, 1, 8));
      add('save', workHours(r, 1, 10));
      add('submit', r.int(5, 120) * 60_000);
      return { steps: s, recent: 15 };
    case 'correction_requested':
      create(false);
      uploads();
      submit();
      review();
      add('correction', workHours(r, 1, 8));
      return { steps: s, recent: 40 };
    case 'withdrawn':
      create(false);
      uploads();
      submit();
      if (r.chance(0.5)) add('correction', workHours(r, 1, 8));
      add('withdraw', workHours(r, 1, 20));
      return { steps: s, recent: 0 };
    case 'approved':
      approved();
      return { steps: s, recent: 0 };
    case 'approved_changed':
      approved();
      change('approve');
      if (r.chance(0.3)) change('approve');
      return { steps: s, recent: 0 };
    case 'change_open':
      approved();
      if (r.chance(0.3)) change('approve');
      change('open');
      return { steps: s, recent: 30 };
    case 'deregistration_scheduled':
      approved();
      add('scheduleDeregistration', workHours(r, 60, 400));
      return { steps: s, recent: 20 };
    case 'deregistered':
      approved();
      if (r.chance(0.2)) change('approve');
      if (r.chance(0.15)) change('open');
      add('deregister', workHours(r, 60, 400));
      return { steps: s, recent: 0 };
    case 'revoked':
      approved();
      if (r.chance(0.15)) change('open');
      add('revoke', workHours(r, 30, 300));
      return { steps: s, recent: 0 };
  }
}

export function sponsorTypeOf(r: Random): SponsorType {
  return r.weighted({ enterprise: 78, individual: 10, institution: 7, other_org: 5 });
}

/** The plan of filing `index`: its outcome, sponsor type and timed steps, all before `now`. */
export function planFiling(seed: string, index: number, now: Date): FilingPlan {
  const r = new Random(seed, 'plan', index);
  const outcome = r.weighted(OUTCOME_WEIGHTS);
  const sponsorType = sponsorTypeOf(r);
  const { steps: drafts, recent } = journey(r, outcome, sponsorType);
  const span = drafts.reduce((sum, d) => sum + d.delay, 0);
  const latestStart = now.getTime() - span - HOUR;
  const earliest =
    recent > 0 ? Math.max(DEMO_START.getTime(), now.getTime() - recent * DAY - span) : DEMO_START.getTime();
  // A journey too long for the window is squeezed into it (delays scaled), never moved before the start.
  const room = now.getTime() - HOUR - DEMO_START.getTime();
  const scale = span > room ? room / span : 1;
  const start = scale < 1 ? DEMO_START.getTime() : earliest + r.next() * Math.max(0, latestStart - earliest);
  let t = start;
  const steps: Step[] = [];
  for (const d of drafts) {
    t += d.delay * scale;
    const at = new Date(Math.round(t));
    const today = chinaToday(at);
    switch (d.kind) {
      case 'changeStart':
        // The day the information changed: mostly a few days before the change is filed, sometimes too long ago.
        steps.push({
          kind: 'changeStart',
          at,
          changeDate: maxDate(
            addDays(today, -r.int(0, r.chance(0.1) ? 60 : 20)),
            toChinaDate(steps.find((x) => x.kind === 'approve')?.at ?? at),
          ),
        });
        break;
      case 'deregister':
        steps.push({ kind: 'deregister', at, terminationDate: addDays(today, r.chance(0.2) ? -r.int(1, 15) : 0) });
        break;
      case 'scheduleDeregistration':
        steps.push({ kind: 'scheduleDeregistration', at, terminationDate: addDays(chinaToday(now), r.int(3, 90)) });
        break;
      case 'create':
        steps.push({ kind: 'create', at, partial: !!d.extra?.partial });
        break;
      case 'upload':
        steps.push({ kind: 'upload', at, attachment: d.extra?.attachment as 'equity_proof' });
        break;
      default:
        steps.push({ kind: d.kind, at } as Step);
    }
  }
  return { index, outcome, sponsorType, steps };
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

/** When a filing's approval happens, if it is approved at all (numbers are issued in that order). */
export const approvalTime = (plan: FilingPlan): Date | undefined => plan.steps.find((s) => s.kind === 'approve')?.at;
