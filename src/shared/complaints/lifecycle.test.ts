import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../stateMachine.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, complaintMachine } from './lifecycle.js';

describe('complaintMachine', () => {
  it('walks received → verifying → substantiated → closed, with measures keeping the state', () => {
    expect(complaintMachine.next('received', 'startVerification')).toBe('verifying');
    expect(complaintMachine.next('verifying', 'substantiate')).toBe('substantiated');
    expect(complaintMachine.next('substantiated', 'rectify')).toBe('substantiated');
    expect(complaintMachine.next('substantiated', 'close')).toBe('closed');
    expect(complaintMachine.next('verifying', 'reject')).toBe('unsubstantiated');
    expect(complaintMachine.next('unsubstantiated', 'close')).toBe('closed');
    expect(complaintMachine.isFinal('closed')).toBe(true);
  });

  it('refuses skipped steps, measures on an unverified complaint, and revocation by a handler', () => {
    expect(() => complaintMachine.next('received', 'close')).toThrow(IllegalTransitionError);
    expect(complaintMachine.can('unsubstantiated', 'revoke')).toBe(false);
    expect(complaintMachine.can('verifying', 'refer')).toBe(false);
    expect(complaintMachine.can('substantiated', 'revoke', ['handler'])).toBe(false);
    expect(complaintMachine.can('substantiated', 'revoke', ['admin'])).toBe(true);
    expect(complaintMachine.allowed('closed')).toEqual([]);
  });

  it('labels every category in both languages', () => {
    for (const c of COMPLAINT_CATEGORIES) {
      expect(COMPLAINT_CATEGORY_LABELS[c].zh.length).toBeGreaterThan(0);
      expect(COMPLAINT_CATEGORY_LABELS[c].en.length).toBeGreaterThan(0);
    }
  });
});
