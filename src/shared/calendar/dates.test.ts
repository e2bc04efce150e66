import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaToday,
  compareDates,
  dayOfWeek,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  toChinaDate,
  toDayNumber,
  yearOf,
} from './dates.js';

describe('isIsoDate', () => {
  it('accepts real dates in strict YYYY-MM-DD form', () => {
    for (const s of ['2026-01-30', '2024-02-29', '2000-02-29', '0000-01-01', '9999-12-31', '1970-01-01']) {
      expect(isIsoDate(s), s).toBe(true);
    }
  });

  it('rejects malformed strings and impossible dates', () => {
    for (const s of [
      '2025-02-29', // 2025 is not a leap year
      '1900-02-29', // century, not divisible by 400
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-5',
      '20260105',
      ' 2026-01-05',
      '2026-01-05 ',
      '2026-01-05T00:00:00Z',
      '+02026-01-05',
      '２０２６-01-05', // full-width digits
      '',
    ]) {
      expect(isIsoDate(s), s).toBe(false);
    }
    expect(isIsoDate(20260105)).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });
});

describe('day numbers', () => {
  it('agree with Date.UTC', () => {
    for (const [s, y, m, d] of [
      ['1970-01-01', 1970, 1, 1],
      ['2026-01-30', 2026, 1, 30],
      ['2000-02-29', 2000, 2, 29],
      ['1900-03-01', 1900, 3, 1],
      ['9999-12-31', 9999, 12, 31],
      ['1969-12-31', 1969, 12, 31],
    ] as const) {
      expect(toDayNumber(s), s).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
      expect(fromDayNumber(Date.UTC(y, m - 1, d) / 86_400_000)).toBe(s);
    }
  });

  it('round-trip every day of 1999–2031', () => {
    const start = toDayNumber('1999-01-01');
    const end = toDayNumber('2031-12-31');
    const failures: number[] = [];
    let prev = '';
    for (let n = start; n <= end; n++) {
      const s = fromDayNumber(n);
      const ok =
        isIsoDate(s) && toDayNumber(s) === n && s > prev && new Date(n * 86_400_000).toISOString().slice(0, 10) === s;
      if (!ok) failures.push(n);
      prev = s;
    }
    expect(failures).toEqual([]);
  });

  it('handle years 0000–0099 (where Date.UTC would map to 19xx)', () => {
    expect(fromDayNumber(toDayNumber('0000-01-01'))).toBe('0000-01-01');
    expect(addDays('0000-02-28', 1)).toBe('0000-02-29'); // year 0 is a leap year
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('throw outside 0000–9999', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
  });
});

describe('addDays / daysBetween / compareDates / dayOfWeek', () => {
  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-09-01', 30)).toBe('2026-10-01');
    expect(addDays('2026-03-15', 0)).toBe('2026-03-15');
    expect(() => addDays('2026-03-15', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026/03/15', 1)).toThrow(RangeError);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-10-10', '2026-09-10')).toBe(-30);
  });

  it('compares dates', () => {
    expect(compareDates('2026-01-30', '2026-01-31')).toBe(-1);
    expect(compareDates('2026-01-31', '2026-01-30')).toBe(1);
    expect(compareDates('2026-01-30', '2026-01-30')).toBe(0);
    expect(['2026-10-10', '2025-01-01', '2026-02-14'].sort(compareDates)).toEqual([
      '2025-01-01',
      '2026-02-14',
      '2026-10-10',
    ]);
    expect(() => compareDates('2026-01-30', 'tomorrow')).toThrow(RangeError);
  });

  it('gives the day of the week (0 = Sunday)', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('1969-12-28')).toBe(0); // Sunday, negative day number
    expect(dayOfWeek('2025-01-01')).toBe(3); // 元旦 2025 is a Wednesday (notice: 周三)
    expect(dayOfWeek('2026-01-01')).toBe(4); // 元旦 2026 is a Thursday (notice: 周四)
    expect(dayOfWeek('2026-02-14')).toBe(6); // Saturday
    expect(dayOfWeek('2026-09-20')).toBe(0); // Sunday
    expect(dayOfWeek('2026-11-27')).toBe(5); // Friday
    expect(isWeekend('2026-02-14')).toBe(true);
    expect(isWeekend('2026-02-16')).toBe(false);
    expect(yearOf('2027-01-07')).toBe(2027);
  });
});

describe('toChinaDate', () => {
  it('returns plain dates as is, after validation', () => {
    expect(toChinaDate('2026-01-30')).toBe('2026-01-30');
    expect(() => toChinaDate('2026-02-29')).toThrow(RangeError);
  });

  it('converts UTC timestamps to the Asia/Shanghai date (UTC+8)', () => {
    // 17:00Z = 01:00 next day in Beijing.
    expect(toChinaDate('2026-01-30T17:00:00Z')).toBe('2026-01-31');
    // 15:59:59Z = 23:59:59 the same day in Beijing.
    expect(toChinaDate('2026-01-30T15:59:59Z')).toBe('2026-01-30');
    // 16:00:00Z = midnight in Beijing: the next day begins.
    expect(toChinaDate('2026-01-30T16:00:00Z')).toBe('2026-01-31');
    expect(toChinaDate('2026-01-30T15:59:59.999Z')).toBe('2026-01-30');
    expect(toChinaDate('2026-01-30t16:00z')).toBe('2026-01-31');
    // New Year's Eve in UTC is already 元旦 in China.
    expect(toChinaDate('2025-12-31T16:00:00Z')).toBe('2026-01-01');
  });

  it('converts timestamps with offsets', () => {
    expect(toChinaDate('2026-01-30T09:00:00+08:00')).toBe('2026-01-30');
    expect(toChinaDate('2026-01-30T00:00:00+08:00')).toBe('2026-01-30');
    expect(toChinaDate('2026-01-30T23:59:59+08:00')).toBe('2026-01-30');
    // 23:30 in New York (UTC-5) = 04:30Z = 12:30 next day in Beijing.
    expect(toChinaDate('2026-01-30T23:30:00-05:00')).toBe('2026-01-31');
    // 07:59 in Tokyo (UTC+9) = 22:59Z the previous day = 06:59 same day in Beijing.
    expect(toChinaDate('2026-01-30T07:59:00+0900')).toBe('2026-01-30');
    // 00:30 in Tokyo = 23:30 previous day in Beijing.
    expect(toChinaDate('2026-01-30T00:30:00+09')).toBe('2026-01-29');
    expect(toChinaDate('2026-01-30 17:00:00Z')).toBe('2026-01-31');
  });

  it('agrees with Date parsing for Date inputs', () => {
    expect(toChinaDate(new Date('2026-01-30T17:00:00Z'))).toBe('2026-01-31');
    expect(toChinaDate(new Date(Date.UTC(2025, 11, 31, 16, 0, 0)))).toBe('2026-01-01');
    expect(toChinaDate(new Date(Date.UTC(2025, 11, 31, 15, 59, 59, 999)))).toBe('2025-12-31');
    expect(() => toChinaDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('rejects timestamps without a time zone', () => {
    expect(() => toChinaDate('2026-01-30T17:00:00')).toThrow(RangeError);
    expect(() => toChinaDate('2026-01-30T17:00:00')).toThrow(/time zone/);
    expect(() => toChinaDate('2026-01-30 17:00')).toThrow(/time zone/);
    expect(() => toChinaDate('2026-01-30T17:00:00.123')).toThrow(/time zone/);
  });

  it('rejects garbage and out-of-range fields', () => {
    for (const s of [
      '',
      'today',
      '2026-01-30T24:00:00Z',
      '2026-01-30T23:60:00Z',
      '2026-01-30T23:00:60Z',
      '2026-01-30T12:00:00+24:00',
      '2026-02-30T12:00:00Z',
      '2026-01-30T12:00:00 Z',
      '30/01/2026',
    ]) {
      expect(() => toChinaDate(s), s).toThrow(RangeError);
    }
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai']) {
        process.env.TZ = tz;
        expect(toChinaDate('2026-01-30T17:00:00Z'), tz).toBe('2026-01-31');
        expect(toChinaDate('2026-01-30T15:59:59Z'), tz).toBe('2026-01-30');
        expect(chinaToday(new Date('2026-01-30T16:00:00Z')), tz).toBe('2026-01-31');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('chinaToday', () => {
  it('is the China date of now', () => {
    expect(chinaToday(new Date('2026-01-30T15:59:59Z'))).toBe('2026-01-30');
    expect(chinaToday(new Date('2026-01-30T16:00:00Z'))).toBe('2026-01-31');
    expect(isIsoDate(chinaToday())).toBe(true);
  });
});
