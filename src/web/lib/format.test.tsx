/** Dates and numbers as the UI writes them in each language. */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatTime } from './format.js';

const at = '2026-12-03T06:05:00Z'; // 14:05 in China

describe('formatting by language', () => {
  it('writes Chinese dates as the API writes calendar dates, in China time', () => {
    expect(formatDateTime(at, 'zh-CN')).toBe('2026-12-03 14:05');
    expect(formatDate(at, 'zh-CN')).toBe('2026-12-03');
    expect(formatDate('2026-12-18', 'zh-CN')).toBe('2026-12-18');
    expect(formatTime(at, 'zh-CN')).toBe('14:05');
  });

  it('writes English dates day first with a 24-hour clock', () => {
    expect(formatDateTime(at, 'en')).toBe('03/12/2026, 14:05');
    expect(formatDate('2026-12-18', 'en')).toBe('18/12/2026');
    expect(formatNumber(12345.5, {}, 'en')).toBe('12,345.5');
  });

  it('shows nothing for no date', () => {
    expect(formatDateTime(null, 'zh-CN')).toBe('');
    expect(formatDate(undefined, 'en')).toBe('');
  });
});
