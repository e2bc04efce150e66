import { describe, expect, it } from 'vitest';
import { defineMachine, IllegalTransitionError } from './stateMachine.js';

const m = defineMachine({
  name: 'complaint',
  states: ['received', 'verifying', 'substantiated', 'closed'],
  actions: ['verify', 'substantiate', 'close', 'note'],
  roles: ['handler', 'admin'],
  transitions: [
    { action: 'verify', from: ['received'], to: 'verifying', by: ['handler'] },
    { action: 'substantiate', from: ['verifying'], to: 'substantiated', by: ['handler'] },
    { action: 'close', from: ['substantiated'], to: 'closed', by: ['handler', 'admin'] },
    { action: 'note', from: ['received', 'verifying'], by: ['handler'] },
  ],
});

describe('defineMachine', () => {
  it('answers next, can and allowed from the table, and keeps the state for actions without a target', () => {
    expect(m.next('received', 'verify')).toBe('verifying');
    expect(m.next('verifying', 'note')).toBe('verifying');
    expect(m.can('substantiated', 'close', ['admin'])).toBe(true);
    expect(m.can('verifying', 'verify')).toBe(false);
    expect(m.can('received', 'verify', ['admin'])).toBe(false);
    expect(m.allowed('received')).toEqual(['verify', 'note']);
    expect(m.allowed('substantiated', ['admin'])).toEqual(['close']);
    expect(m.rolesFor('close')).toEqual(['handler', 'admin']);
    expect(m.isFinal('closed')).toBe(true);
    expect(m.isFinal('received')).toBe(false);
    expect(m.isState('closed')).toBe(true);
    expect(m.isState('nope')).toBe(false);
  });

  it('throws IllegalTransitionError for a pair the table does not have', () => {
    expect(() => m.next('closed', 'verify')).toThrow(IllegalTransitionError);
  });

  it('refuses a table with two rows for one (state, action) or unknown names', () => {
    const base = { name: 'x', states: ['a', 'b'], actions: ['go'], roles: ['r'] } as const;
    expect(() =>
      defineMachine({
        ...base,
        transitions: [
          { action: 'go', from: ['a'], to: 'b', by: ['r'] },
          { action: 'go', from: ['a'], to: 'a', by: ['r'] },
        ],
      }),
    ).toThrow(/two rows/);
    expect(() =>
      defineMachine({ ...base, transitions: [{ action: 'go', from: ['a'], to: 'c' as 'b', by: ['r'] }] }),
    ).toThrow(/unknown state/);
  });
});
