import { describe, expect, it } from 'vitest';
import { dayOfWeek, isIsoDate } from './dates.js';
import { OFFICIAL_SCHEDULES, type YearSchedule } from './schedules.js';

function schedule(year: number): YearSchedule {
  const s = OFFICIAL_SCHEDULES.find((x) => x.year === year);
  if (!s) throw new Error(`no schedule for ${year}`);
  return s;
}

/** Holiday period name → its days, in order. */
function periods(s: YearSchedule): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { date, name } of s.holidays) {
    const days = out[name] ?? [];
    days.push(date);
    out[name] = days;
  }
  return out;
}

describe('OFFICIAL_SCHEDULES', () => {
  it('covers 2025 and 2026 once each, with sources', () => {
    expect(OFFICIAL_SCHEDULES.map((s) => s.year)).toEqual([2025, 2026]);
    expect(schedule(2025).source).toContain('国办发明电〔2024〕12号');
    expect(schedule(2026).source).toContain('2026年部分节假日安排');
  });

  it('has valid, unique, in-year dates; adjusted workdays fall on weekends and are not days off', () => {
    for (const s of OFFICIAL_SCHEDULES) {
      const all = [...s.holidays, ...s.workdays].map((x) => x.date);
      expect(new Set(all).size, String(s.year)).toBe(all.length);
      for (const d of all) {
        expect(isIsoDate(d), d).toBe(true);
        expect(d.startsWith(`${s.year}-`), d).toBe(true);
      }
      for (const { date } of s.workdays) expect([0, 6], date).toContain(dayOfWeek(date));
    }
  });

  it('2025: lists every day off of each period (国办发明电〔2024〕12号)', () => {
    expect(periods(schedule(2025))).toEqual({
      元旦: ['2025-01-01'],
      春节: [
        '2025-01-28',
        '2025-01-29',
        '2025-01-30',
        '2025-01-31',
        '2025-02-01',
        '2025-02-02',
        '2025-02-03',
        '2025-02-04',
      ],
      清明节: ['2025-04-04', '2025-04-05', '2025-04-06'],
      劳动节: ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'],
      端午节: ['2025-05-31', '2025-06-01', '2025-06-02'],
      '国庆节、中秋节': [
        '2025-10-01',
        '2025-10-02',
        '2025-10-03',
        '2025-10-04',
        '2025-10-05',
        '2025-10-06',
        '2025-10-07',
        '2025-10-08',
      ],
    });
    expect(schedule(2025).workdays).toEqual([
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
      { date: '2025-04-27', name: '劳动节' },
      { date: '2025-09-28', name: '国庆节、中秋节' },
      { date: '2025-10-11', name: '国庆节、中秋节' },
    ]);
  });

  it('2026: lists every day off of each period (notice of 2025-11-04)', () => {
    const p = periods(schedule(2026));
    expect(Object.keys(p)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(p.元旦).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(p.春节).toHaveLength(9);
    expect(p.春节?.[0]).toBe('2026-02-15');
    expect(p.春节?.[8]).toBe('2026-02-23');
    expect(p.清明节).toEqual(['2026-04-04', '2026-04-05', '2026-04-06']);
    expect(p.劳动节).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']);
    expect(p.端午节).toEqual(['2026-06-19', '2026-06-20', '2026-06-21']);
    expect(p.中秋节).toEqual(['2026-09-25', '2026-09-26', '2026-09-27']);
    expect(p.国庆节).toHaveLength(7);
    expect(p.国庆节?.[0]).toBe('2026-10-01');
    expect(p.国庆节?.[6]).toBe('2026-10-07');
    expect(schedule(2026).workdays).toEqual([
      { date: '2026-01-04', name: '元旦' },
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
      { date: '2026-05-09', name: '劳动节' },
      { date: '2026-09-20', name: '国庆节' },
      { date: '2026-10-10', name: '国庆节' },
    ]);
  });

  it('matches the weekdays printed in the notices', () => {
    // Spot checks of the "(周X)" annotations in the notices.
    expect(dayOfWeek('2025-01-28')).toBe(2); // 春节 starts 周二 (除夕)
    expect(dayOfWeek('2025-01-26')).toBe(0); // 周日上班
    expect(dayOfWeek('2025-02-08')).toBe(6); // 周六上班
    expect(dayOfWeek('2025-04-27')).toBe(0); // 周日上班
    expect(dayOfWeek('2025-10-08')).toBe(3); // 国庆节、中秋节 ends 周三
    expect(dayOfWeek('2026-02-15')).toBe(0); // 春节 starts 周日 (腊月二十八)
    expect(dayOfWeek('2026-02-23')).toBe(1); // 春节 ends 周一 (正月初七)
    expect(dayOfWeek('2026-05-09')).toBe(6); // 周六上班
    expect(dayOfWeek('2026-09-20')).toBe(0); // 周日上班
    expect(dayOfWeek('2026-10-07')).toBe(3); // 国庆节 ends 周三
  });
});
