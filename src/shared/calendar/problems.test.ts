/**
 * Calendar problems by code: checkSchedule's broken rules carry their code and parameters beside the Chinese
 * `message`, and every code of the catalog renders in both languages with its parameters filled in.
 */
import { describe, expect, it } from 'vitest';
import { calendarProblemsCatalog } from '../i18n/locales/calendarProblems.js';
import { checkSchedule } from './checkSchedule.js';
import { type CalendarProblemCode, isCalendarProblemCode, renderCalendarProblem } from './problems.js';

describe('checkSchedule', () => {
  it('names each broken rule by its code, with the Chinese text as the message', () => {
    const errors = checkSchedule({
      year: 2026,
      source: 'test',
      holidays: [
        { date: '2026-01-01', name: '元旦' },
        { date: '2026-01-01', name: '元旦' },
        { date: '2025-12-31', name: '元旦' },
        { date: '2026-02-30', name: '春节' },
      ],
      workdays: [
        { date: '2026-01-05', name: '元旦' },
        { date: '2026-01-03', name: '元旦' },
      ],
    });
    expect(errors).toEqual([
      {
        field: 'holidays[1].date',
        code: 'schedule.duplicate',
        params: { date: '2026-01-01' },
        message: '2026-01-01 重复',
      },
      {
        field: 'holidays[2].date',
        code: 'schedule.outsideYear',
        params: { date: '2025-12-31', year: 2026 },
        message: '2025-12-31 不在 2026 年',
      },
      { field: 'holidays[3].date', code: 'schedule.invalidDate', params: {}, message: '不是有效的日期' },
      {
        field: 'workdays[0].date',
        code: 'schedule.workdayNotWeekend',
        params: { date: '2026-01-05' },
        message: '2026-01-05 不是周六或周日：调休上班日只会是周末',
      },
    ]);
    // 2026-01-03 is a Saturday and not a day off: no error for it.
    expect(renderCalendarProblem(errors[1] as (typeof errors)[number], 'en')).toBe('2025-12-31 is not in 2026');
  });

  it('refuses a working day that is also a day off', () => {
    const [e] = checkSchedule({
      year: 2026,
      source: 'test',
      holidays: [{ date: '2026-01-03', name: '元旦' }],
      workdays: [{ date: '2026-01-03', name: '元旦' }],
    });
    expect(e).toMatchObject({ field: 'workdays[0].date', code: 'schedule.workdayAlsoHoliday' });
    expect(renderCalendarProblem(e as NonNullable<typeof e>, 'en')).toBe(
      '2026-01-03 is already a day off and cannot also be a working day',
    );
  });
});

const codes = (['schedule', 'notice'] as const).flatMap((group) =>
  Object.keys(calendarProblemsCatalog.resources['zh-CN'][group]).map((k) => `${group}.${k}` as CalendarProblemCode),
);
const SAMPLE = {
  date: '2026-01-05',
  year: 2026,
  month: 1,
  day: 5,
  first: '2026-01-01',
  last: '2026-01-03',
  stated: 4,
  days: 3,
  noticeYear: 2025,
  otherYear: 2027,
  holiday: '元旦',
  text: '1月5日',
  realWeekday: 1,
  statedWeekday: 0,
};

describe('renderCalendarProblem', () => {
  it.each(codes)('%s renders in both languages with every parameter filled in', (code) => {
    expect(isCalendarProblemCode(code)).toBe(true);
    const zh = renderCalendarProblem({ code, params: SAMPLE });
    const en = renderCalendarProblem({ code, params: SAMPLE }, 'en');
    for (const text of [zh, en]) expect(text).not.toMatch(/\{\{|\}\}/);
    expect(zh).toMatch(/\p{Script=Han}/u);
    // Han characters in English only inside the data (the holiday's name, the pasted text).
    expect(en.replaceAll('元旦', '').replaceAll('1月5日', '')).not.toMatch(/\p{Script=Han}/u);
  });

  it('says weekdays in the language and puts the line first when it is given', () => {
    const p = { code: 'notice.wrongWeekday', params: { ...SAMPLE, line: 3 } } as const;
    expect(renderCalendarProblem(p)).toBe('第 3 行：2026年1月5日是周一，通知写的是周日：年份或日期有误');
    expect(renderCalendarProblem(p, 'en')).toBe(
      'Line 3: 2026-1-5 is a Monday, the notice says Sunday: the year or the date is wrong',
    );
  });

  it('knows its codes and no others', () => {
    expect(isCalendarProblemCode('schedule.duplicate')).toBe(true);
    expect(isCalendarProblemCode('schedule')).toBe(false);
    expect(isCalendarProblemCode('atLine')).toBe(false);
    expect(isCalendarProblemCode('zod.invalid')).toBe(false);
    expect(isCalendarProblemCode(undefined)).toBe(false);
  });
});
