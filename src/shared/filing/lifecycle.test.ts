/** SPEC §3/§8: every (state, action) pair of the filing, change and deregistration machines, against the rules. */
import { describe, expect, it } from 'vitest';
import { calendarFromSchedules, OFFICIAL_SCHEDULES } from '../calendar/index.js';
import { changeDeadline, isChangeLate } from './article6.js';
import { changeMachine, deregistrationMachine, filingMachine } from './lifecycle.js';

/** The expected target of every allowed pair; every pair not listed must be refused. */
const FILING: Record<string, string> = {
  'draft×update': 'draft',
  'draft×discard': 'draft',
  'draft×upload': 'draft',
  'draft×submit': 'submitted',
  'correction_requested×update': 'correction_requested',
  'correction_requested×upload': 'correction_requested',
  'correction_requested×submit': 'submitted',
  'correction_requested×withdraw': 'withdrawn',
  'submitted×withdraw': 'withdrawn',
  'submitted×claim': 'submitted',
  'submitted×assign': 'submitted',
  'submitted×check': 'submitted',
  'submitted×approve': 'approved',
  'submitted×requestCorrection': 'correction_requested',
  'approved×startChange': 'approved',
  'approved×applyChange': 'approved',
  'approved×scheduleDeregistration': 'approved',
  'approved×deregister': 'deregistered',
  'approved×revoke': 'revoked',
};
const CHANGE: Record<string, string> = {
  'draft×update': 'draft',
  'draft×upload': 'draft',
  'draft×submit': 'submitted',
  'draft×cancel': 'cancelled',
  'correction_requested×update': 'correction_requested',
  'correction_requested×upload': 'correction_requested',
  'correction_requested×submit': 'submitted',
  'correction_requested×cancel': 'cancelled',
  'submitted×approve': 'approved',
  'submitted×requestCorrection': 'correction_requested',
  'submitted×cancel': 'cancelled',
};
const DEREGISTRATION: Record<string, string> = { 'scheduled×carryOut': 'done', 'scheduled×cancel': 'cancelled' };

describe.each([
  ['filing', filingMachine, FILING],
  ['change', changeMachine, CHANGE],
  ['deregistration', deregistrationMachine, DEREGISTRATION],
] as const)('the %s machine', (_name, machine, expected) => {
  const pairs = machine.states.flatMap((s) => machine.actions.map((a) => [s, a] as const));
  it.each(pairs)('%s × %s', (state, action) => {
    // biome-ignore lint/suspicious/noExplicitAny: walking a machine generically
    const m = machine as any;
    const target = expected[`${state}×${action}`];
    if (target) expect(m.next(state, action)).toBe(target);
    else {
      expect(m.can(state, action)).toBe(false);
      expect(() => m.next(state, action)).toThrow(/not allowed/);
    }
  });

  it('lists no pair the expectations do not know', () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking a machine generically
    const m = machine as any;
    const allowed = machine.states.flatMap((s: string) => m.allowed(s).map((a: string) => `${s}×${a}`));
    expect(allowed.sort()).toEqual(Object.keys(expected).sort());
  });
});

describe('who may take the actions', () => {
  it('gives decisions to reviewers, revocation to admins and scheduled deregistration to the system', () => {
    expect(filingMachine.rolesFor('approve')).toEqual(['reviewer']);
    expect(filingMachine.rolesFor('revoke')).toEqual(['admin']);
    expect(filingMachine.rolesFor('deregister')).toEqual(['owner', 'system']);
    expect(filingMachine.can('approved', 'revoke', ['owner', 'reviewer'])).toBe(false);
    expect(deregistrationMachine.rolesFor('carryOut')).toEqual(['system']);
  });
});

describe('Article 6 deadline vectors (SPEC §3: 30 calendar days, a rest day extends to the next working day)', () => {
  const cal = calendarFromSchedules(OFFICIAL_SCHEDULES);
  it.each([
    // 2026-10-01 falls in the National Day holiday (1–7 October 2026): the period ends on Thursday 8 October.
    ['2026-09-01', '2026-10-08', false],
    // 30 days after 2026-03-02 is Wednesday 1 April, a working day.
    ['2026-03-02', '2026-04-01', false],
    // 2026-04-04 + 30 is Monday 4 May, inside the Labour Day holiday (1–5 May): Wednesday 6 May.
    ['2026-04-04', '2026-05-06', false],
    // Into 2027, which has no schedule yet: the weekend alone decides, marked provisional.
    ['2026-12-15', '2027-01-14', true],
  ])('a change on %s is due %s', (changeDate, due, provisional) => {
    expect(changeDeadline(cal, changeDate)).toEqual({ due, provisional });
  });

  it('is late only when filed after the deadline day', () => {
    expect(isChangeLate('2026-10-08', '2026-10-08')).toBe(false);
    expect(isChangeLate('2026-10-08', '2026-10-09')).toBe(true);
  });
});
