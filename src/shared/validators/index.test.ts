import { describe, expect, it } from 'vitest';
import * as v from './index.js';

describe('validators index', () => {
  it('re-exports every public function', () => {
    for (const name of [
      'toHalfWidth',
      'normalizeUscc',
      'checkUscc',
      'usccCheckChar',
      'normalizeResidentId',
      'checkResidentId',
      'residentIdCheckChar',
      'normalizeIcpNumber',
      'checkIcpNumber',
      'normalizeMobile',
      'checkMobile',
      'checkEmail',
      'checkHttpUrl',
      'maskPersonName',
      'maskIdNumber',
      'maskMobile',
      'maskEmail',
    ]) {
      expect(typeof (v as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
