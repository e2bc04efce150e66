import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { dueWindow } from './dueWindow.js';
import { OFFICIAL_SCHEDULES } from './schedules.js';
import { calendarFromSchedules, workingDaysLeft } from './workingDays.js';

const cal = calendarFromSchedules(OFFICIAL_SCHEDULES);

describe('dueWindow', () => {
  it('names the bounds around a weekend and the National Day holiday', () => {
    // Friday 2026-11-27: overdue before today; due soon up to Tuesday 1 December (Wednesday has 3 left).
    expect(dueWindow(cal, '2026-11-27')).toEqual({ overdueBefore: '2026-11-27', soonBefore: '2026-12-02' });
    // Saturday: Friday was the last working day, so a Friday due date is not overdue yet.
    expect(dueWindow(cal, '2026-11-28')).toEqual({ overdueBefore: '2026-11-27', soonBefore: '2026-12-02' });
    // 2026-10-01..07 off, Saturday 10 October worked (2026 notice): from 30 September, 2 working days reach 9 October.
    expect(dueWindow(cal, '2026-09-30')).toEqual({ overdueBefore: '2026-09-30', soonBefore: '2026-10-10' });
    expect(dueWindow(cal, '2026-10-05').overdueBefore).toBe('2026-09-30');
  });

  it('agrees with workingDaysLeft on every pair of days over two years', () => {
    for (let today = '2025-01-01'; today <= '2026-12-31'; today = addDays(today, 3)) {
      const w = dueWindow(cal, today);
      for (let i = -20; i <= 20; i++) {
        const due = addDays(today, i);
        const left = workingDaysLeft(cal, today, due).days;
        expect(due < w.overdueBefore, `${today} ${due}`).toBe(left < 0);
        expect(due >= w.overdueBefore && due < w.soonBefore, `${today} ${due}`).toBe(left >= 0 && left <= 2);
      }
    }
  });
});
