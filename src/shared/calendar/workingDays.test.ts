import { describe, expect, it } from 'vitest';
import { addDays, compareDates } from './dates.js';
import { OFFICIAL_SCHEDULES, type YearSchedule } from './schedules.js';
import {
  addCalendarDays,
  addWorkingDays,
  type CalendarData,
  calendarFromSchedules,
  dayInfo,
  workingDaysLeft,
} from './workingDays.js';

const cal = calendarFromSchedules(OFFICIAL_SCHEDULES);
const EMPTY: CalendarData = calendarFromSchedules([]);

describe('calendarFromSchedules', () => {
  it('indexes the official schedules', () => {
    expect([...cal.years]).toEqual([2025, 2026]);
    expect(cal.holidays.size).toBe(28 + 33); // 2025: 1+8+3+5+3+8 days off; 2026: 3+9+3+5+3+3+7
    expect(cal.workdays.size).toBe(5 + 6);
    expect(cal.holidays.get('2025-10-06')).toBe('国庆节、中秋节');
    expect(cal.workdays.get('2026-02-28')).toBe('春节');
  });

  it('rejects inconsistent data', () => {
    const base: YearSchedule = { year: 2030, source: 'test', holidays: [], workdays: [] };
    expect(() => calendarFromSchedules([base, base])).toThrow(/Duplicate/);
    expect(() =>
      calendarFromSchedules([
        {
          ...base,
          holidays: [{ date: '2030-01-05', name: 'x' }],
          workdays: [{ date: '2030-01-05', name: 'x' }],
        },
      ]),
    ).toThrow(/both/);
    // 2030-01-07 is a Monday: cannot be an adjusted workday.
    expect(() => calendarFromSchedules([{ ...base, workdays: [{ date: '2030-01-07', name: 'x' }] }])).toThrow(
      /Saturday or Sunday/,
    );
    expect(() => calendarFromSchedules([{ ...base, holidays: [{ date: '2030-02-30', name: 'x' }] }])).toThrow(
      RangeError,
    );
  });
});

describe('dayInfo', () => {
  it('classifies days of a scheduled year', () => {
    expect(dayInfo(cal, '2026-02-13')).toEqual({ working: true, provisional: false }); // Friday
    expect(dayInfo(cal, '2026-02-14')).toEqual({ working: true, provisional: false, adjustedWorkday: '春节' }); // Sat
    expect(dayInfo(cal, '2026-02-15')).toEqual({ working: false, provisional: false, holiday: '春节' }); // Sun, day off
    expect(dayInfo(cal, '2026-02-16')).toEqual({ working: false, provisional: false, holiday: '春节' }); // Mon, day off
    expect(dayInfo(cal, '2026-03-07')).toEqual({ working: false, provisional: false }); // plain Saturday
    expect(dayInfo(cal, '2025-01-26')).toEqual({ working: true, provisional: false, adjustedWorkday: '春节' }); // Sun
  });

  it('falls back to weekends for a year without schedule, provisionally', () => {
    expect(dayInfo(cal, '2027-01-01')).toEqual({ working: true, provisional: true }); // Friday
    expect(dayInfo(cal, '2027-01-02')).toEqual({ working: false, provisional: true }); // Saturday
    expect(dayInfo(EMPTY, '2026-02-16')).toEqual({ working: true, provisional: true });
  });

  it('validates the date', () => {
    expect(() => dayInfo(cal, '2026-02-29')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('spans 春节 2025 and its Sunday and Saturday adjusted workdays', () => {
    // From Fri 2025-01-24 (day 0, not counted):
    //   Sat 01-25 rest; Sun 01-26 调休上班 → 1; Mon 01-27 → 2;
    //   01-28 … 02-04 春节 off;
    //   Wed 02-05 → 3; Thu 02-06 → 4; Fri 02-07 → 5; Sat 02-08 调休上班 → 6; Sun 02-09 rest;
    //   Mon 02-10 → 7; Tue 02-11 → 8; Wed 02-12 → 9; Thu 02-13 → 10.
    expect(addWorkingDays(cal, '2025-01-24', 10)).toEqual({ due: '2025-02-13', provisional: false });
    expect(addWorkingDays(cal, '2025-01-24', 1)).toEqual({ due: '2025-01-26', provisional: false });
    expect(addWorkingDays(cal, '2025-01-24', 3)).toEqual({ due: '2025-02-05', provisional: false });
  });

  it('spans 春节 2026 and both adjusted Saturdays', () => {
    // From Thu 2026-02-12:
    //   Fri 02-13 → 1; Sat 02-14 调休上班 → 2;
    //   02-15 … 02-23 春节 off;
    //   Tue 02-24 → 3; Wed 02-25 → 4; Thu 02-26 → 5; Fri 02-27 → 6; Sat 02-28 调休上班 → 7; Sun 03-01 rest;
    //   Mon 03-02 → 8; Tue 03-03 → 9; Wed 03-04 → 10.
    expect(addWorkingDays(cal, '2026-02-12', 10)).toEqual({ due: '2026-03-04', provisional: false });
    expect(addWorkingDays(cal, '2026-02-12', 2)).toEqual({ due: '2026-02-14', provisional: false });
    expect(addWorkingDays(cal, '2026-02-12', 3)).toEqual({ due: '2026-02-24', provisional: false });
  });

  it('counts plain weeks from a Friday', () => {
    // From Fri 2026-11-27: Mon 11-30 → 1, Tue 12-01 → 2, Wed 12-02 → 3, Thu 12-03 → 4, Fri 12-04 → 5,
    // Mon 12-07 → 6, Tue 12-08 → 7, Wed 12-09 → 8, Thu 12-10 → 9, Fri 12-11 → 10.
    expect(addWorkingDays(cal, '2026-11-27', 10)).toEqual({ due: '2026-12-11', provisional: false });
    // One working day after a Friday is the Monday.
    expect(addWorkingDays(cal, '2026-11-27', 1)).toEqual({ due: '2026-11-30', provisional: false });
  });

  it('starts from the day before 国庆 2026', () => {
    // From Wed 2026-09-30: 10-01 … 10-07 国庆节 off; Thu 10-08 → 1; Fri 10-09 → 2; Sat 10-10 调休上班 → 3;
    // Sun 10-11 rest; Mon 10-12 → 4 … Fri 10-16 → 8; Mon 10-19 → 9; Tue 10-20 → 10.
    expect(addWorkingDays(cal, '2026-09-30', 10)).toEqual({ due: '2026-10-20', provisional: false });
    expect(addWorkingDays(cal, '2026-09-30', 1)).toEqual({ due: '2026-10-08', provisional: false });
    expect(addWorkingDays(cal, '2026-09-30', 3)).toEqual({ due: '2026-10-10', provisional: false });
  });

  it('starts on a holiday', () => {
    // From Sat 2026-10-03 (国庆节 day off): 10-04 … 10-07 off; Thu 10-08 → 1; Fri 10-09 → 2;
    // Sat 10-10 调休上班 → 3; Mon 10-12 → 4; Tue 10-13 → 5.
    expect(addWorkingDays(cal, '2026-10-03', 1)).toEqual({ due: '2026-10-08', provisional: false });
    expect(addWorkingDays(cal, '2026-10-03', 5)).toEqual({ due: '2026-10-13', provisional: false });
    // From Wed 2025-10-01 (国庆节、中秋节 day off): 10-02 … 10-08 off; Thu 10-09 → 1; Fri 10-10 → 2;
    // Sat 10-11 调休上班 → 3.
    expect(addWorkingDays(cal, '2025-10-01', 3)).toEqual({ due: '2025-10-11', provisional: false });
    // From the last day off of 劳动节 2026 (Tue 05-05): Wed 05-06 → 1 … Fri 05-08 → 3; Sat 05-09 调休上班 → 4.
    expect(addWorkingDays(cal, '2026-05-05', 4)).toEqual({ due: '2026-05-09', provisional: false });
  });

  it('counts weekends only, provisionally, into a year without schedule', () => {
    // From Thu 2026-12-24: Fri 12-25 → 1; Mon 12-28 → 2; Tue 12-29 → 3; Wed 12-30 → 4; Thu 12-31 → 5;
    // 2027 has no schedule, so Mon–Fri count: Fri 2027-01-01 → 6 (元旦 is not known yet);
    // Mon 01-04 → 7; Tue 01-05 → 8; Wed 01-06 → 9; Thu 01-07 → 10.
    expect(addWorkingDays(cal, '2026-12-24', 10)).toEqual({ due: '2027-01-07', provisional: true });
    // Staying within 2026 is final.
    expect(addWorkingDays(cal, '2026-12-24', 5)).toEqual({ due: '2026-12-31', provisional: false });
    // Only weekends skipped in 2027: the Saturday 2027-01-02 and Sunday 2027-01-03 are passed over.
    expect(addWorkingDays(cal, '2026-12-31', 2)).toEqual({ due: '2027-01-04', provisional: true });
  });

  it('is provisional when starting in an unscheduled year, even if it ends in a scheduled one', () => {
    // From Tue 2024-12-31: 2025-01-01 is 元旦 (known); Thu 01-02 → 1. Only 2025 days were consulted.
    expect(addWorkingDays(cal, '2024-12-31', 1)).toEqual({ due: '2025-01-02', provisional: false });
    // From Mon 2024-12-30: Tue 12-31 (2024, unknown) → 1 — provisional.
    expect(addWorkingDays(cal, '2024-12-30', 2)).toEqual({ due: '2025-01-02', provisional: true });
  });

  it('guards its period argument', () => {
    for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 3651]) {
      expect(() => addWorkingDays(cal, '2026-01-05', n), String(n)).toThrow(RangeError);
    }
    expect(() => addWorkingDays(cal, '2026-13-05', 1)).toThrow(RangeError);
    expect(addWorkingDays(EMPTY, '2026-01-02', 3650).provisional).toBe(true);
  });
});

describe('addCalendarDays', () => {
  it('rolls a last day that is a holiday forward to the next working day', () => {
    // 2026-09-01 + 30 = 2026-10-01 (September has 30 days): 国庆节 off through Wed 10-07 → Thu 10-08.
    expect(addCalendarDays(cal, '2026-09-01', 30)).toEqual({ due: '2026-10-08', provisional: false });
    // 2025-01-01 + 30 = 2025-01-31 (春节 off through Tue 02-04) → Wed 2025-02-05.
    expect(addCalendarDays(cal, '2025-01-01', 30)).toEqual({ due: '2025-02-05', provisional: false });
  });

  it('does not roll a last day that is an adjusted Saturday workday', () => {
    // 2026-09-10 + 30 = Sat 2026-10-10, 调休上班.
    expect(addCalendarDays(cal, '2026-09-10', 30)).toEqual({ due: '2026-10-10', provisional: false });
    // 2026-01-29 + 30 = Sat 2026-02-28, 调休上班.
    expect(addCalendarDays(cal, '2026-01-29', 30)).toEqual({ due: '2026-02-28', provisional: false });
  });

  it('rolls a plain weekend to the Monday', () => {
    // 2026-10-29 + 30 = Sat 2026-11-28 (Oct 29 + 2 = Oct 31, + 28 = Nov 28) → Mon 2026-11-30.
    expect(addCalendarDays(cal, '2026-10-29', 30)).toEqual({ due: '2026-11-30', provisional: false });
    // + 31 = Sun 11-29 → Mon 11-30.
    expect(addCalendarDays(cal, '2026-10-29', 31)).toEqual({ due: '2026-11-30', provisional: false });
  });

  it('keeps a last day that is a working day', () => {
    // 2026-11-01 + 30 = Tue 2026-12-01.
    expect(addCalendarDays(cal, '2026-11-01', 30)).toEqual({ due: '2026-12-01', provisional: false });
  });

  it('is provisional when the last day is in a year without schedule', () => {
    // 2026-12-15 + 30 = Thu 2027-01-14 (Dec 15 + 16 = Dec 31, + 14 = Jan 14); 2027 unknown.
    expect(addCalendarDays(cal, '2026-12-15', 30)).toEqual({ due: '2027-01-14', provisional: true });
    // 2026-12-03 + 30 = Sat 2027-01-02 → Mon 2027-01-04, provisional.
    expect(addCalendarDays(cal, '2026-12-03', 30)).toEqual({ due: '2027-01-04', provisional: true });
    // Starting in unknown 2024 does not matter: only the last day (and any roll-over) is consulted.
    // 2024-12-29 + 30 = Tue 2025-01-28, 春节 off through 02-04 → Wed 2025-02-05.
    expect(addCalendarDays(cal, '2024-12-29', 30)).toEqual({ due: '2025-02-05', provisional: false });
  });

  it('guards its period argument', () => {
    for (const n of [0, -30, 2.5, 3651]) {
      expect(() => addCalendarDays(cal, '2026-01-05', n), String(n)).toThrow(RangeError);
    }
  });
});

describe('workingDaysLeft', () => {
  it('counts working days after today up to and including the due date', () => {
    expect(workingDaysLeft(cal, '2026-11-27', '2026-12-11')).toEqual({ days: 10, provisional: false });
    expect(workingDaysLeft(cal, '2026-11-27', '2026-11-30')).toEqual({ days: 1, provisional: false });
    // Due on a Saturday that is not worked: the Saturday itself does not count (Fri → Sat: 0).
    expect(workingDaysLeft(cal, '2026-11-27', '2026-11-28')).toEqual({ days: 0, provisional: false });
    // Across 春节 2026 (see addWorkingDays).
    expect(workingDaysLeft(cal, '2026-02-12', '2026-03-04')).toEqual({ days: 10, provisional: false });
    // Across 国庆 2026: 10-08, 10-09, 10-10 (调休上班).
    expect(workingDaysLeft(cal, '2026-09-30', '2026-10-10')).toEqual({ days: 3, provisional: false });
  });

  it('is 0 on the due date', () => {
    expect(workingDaysLeft(cal, '2026-12-11', '2026-12-11')).toEqual({ days: 0, provisional: false });
    expect(workingDaysLeft(cal, '2026-10-03', '2026-10-03')).toEqual({ days: 0, provisional: false });
  });

  it('is negative when overdue', () => {
    // Due Mon 2026-11-30, today Wed 12-02: Tue 12-01 and Wed 12-02 overdue → -2.
    expect(workingDaysLeft(cal, '2026-12-02', '2026-11-30')).toEqual({ days: -2, provisional: false });
    // Due Wed 2026-09-30, today Thu 10-08: only 10-08 is a working day after the due date → -1.
    expect(workingDaysLeft(cal, '2026-10-08', '2026-09-30')).toEqual({ days: -1, provisional: false });
    // Due Fri 2026-12-11, today Sun 12-13: past the date but no working day lost yet → 0 (not -0).
    const weekend = workingDaysLeft(cal, '2026-12-13', '2026-12-11');
    expect(Object.is(weekend.days, 0)).toBe(true);
    // Due Fri 2026-12-11, today Mon 12-14 → -1.
    expect(workingDaysLeft(cal, '2026-12-14', '2026-12-11')).toEqual({ days: -1, provisional: false });
  });

  it('is provisional into a year without schedule', () => {
    expect(workingDaysLeft(cal, '2026-12-24', '2027-01-07')).toEqual({ days: 10, provisional: true });
    expect(workingDaysLeft(cal, '2027-01-07', '2026-12-24')).toEqual({ days: -10, provisional: true });
    expect(workingDaysLeft(cal, '2026-12-24', '2026-12-31')).toEqual({ days: 5, provisional: false });
  });

  it('agrees with a day-by-day count and inverts addWorkingDays', () => {
    const naive = (today: string, due: string): { days: number; provisional: boolean } => {
      const [a, b, sign] = compareDates(today, due) <= 0 ? [today, due, 1] : [due, today, -1];
      let days = 0;
      let provisional = false;
      for (let d = addDays(a, 1); compareDates(d, b) <= 0; d = addDays(d, 1)) {
        const info = dayInfo(cal, d);
        if (info.working) days += 1;
        if (info.provisional) provisional = true;
      }
      return { days: days === 0 ? 0 : sign * days, provisional };
    };
    for (let from = '2024-12-20'; compareDates(from, '2027-01-10') <= 0; from = addDays(from, 3)) {
      for (const span of [0, 1, 2, 6, 7, 8, 13, 30, 45]) {
        const later = addDays(from, span);
        expect(workingDaysLeft(cal, from, later), `${from}→${later}`).toEqual(naive(from, later));
        expect(workingDaysLeft(cal, later, from), `${later}→${from}`).toEqual(naive(later, from));
      }
      for (const n of [1, 5, 10, 20]) {
        const { due, provisional } = addWorkingDays(cal, from, n);
        const left = workingDaysLeft(cal, from, due);
        expect(left.days, `${from}+${n}`).toBe(n);
        expect(left.provisional).toBe(provisional);
      }
    }
  });
});
