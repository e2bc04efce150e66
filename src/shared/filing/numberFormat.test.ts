import { describe, expect, it } from 'vitest';
import { checkNumberFormat, DEFAULT_NUMBER_FORMAT, formatFilingNumber } from './numberFormat.js';

describe('filing number format', () => {
  it('gives the default form of SPEC §3', () => {
    expect(formatFilingNumber(DEFAULT_NUMBER_FORMAT, 2026, 1)).toBe('工信漏备202600001号');
    expect(formatFilingNumber(DEFAULT_NUMBER_FORMAT, 2027, 12345)).toBe('工信漏备202712345号');
  });

  it('grows past the padding rather than truncating', () => {
    expect(formatFilingNumber(DEFAULT_NUMBER_FORMAT, 2026, 123456)).toBe('工信漏备2026123456号');
  });

  it('accepts other forms and refuses ones that could repeat', () => {
    expect(formatFilingNumber('VCP-{year}-{seq:4}', 2026, 7)).toBe('VCP-2026-0007');
    expect(checkNumberFormat('VCP-{year}-{seq}')).toBeNull();
    expect(checkNumberFormat('VCP-{year}')).toMatch(/seq/);
    expect(checkNumberFormat('VCP-{seq:3}')).toMatch(/year/);
  });
});
