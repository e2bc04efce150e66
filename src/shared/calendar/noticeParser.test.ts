import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type NoticeProblem, parseHolidayNotice } from './noticeParser.js';
import { renderCalendarProblem } from './problems.js';
import { OFFICIAL_SCHEDULES } from './schedules.js';

const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const official = (year: number) => OFFICIAL_SCHEDULES.find((s) => s.year === year);

describe('parseHolidayNotice on the real notices', () => {
  it.each([2025, 2026])('reads the %i notice into exactly the shipped schedule', (year) => {
    const result = parseHolidayNotice(fixture(`notice-${year}.txt`));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const expected = official(year);
    expect(result.schedule.year).toBe(year);
    expect(result.schedule.holidays).toEqual(expected?.holidays);
    expect(result.schedule.workdays).toEqual(expected?.workdays);
    expect(result.schedule.source).toContain(`${year}年部分节假日安排的通知`);
    expect(result.warnings).toEqual([]);
  });

  it('keeps the document number in the source', () => {
    const result = parseHolidayNotice(fixture('notice-2025.txt'));
    expect(result.ok && result.schedule.source).toBe(
      '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    );
  });

  it('reads the 2026 Spring Festival as nine days and its two adjusted Saturdays', () => {
    const result = parseHolidayNotice(fixture('notice-2026.txt'));
    if (!result.ok) throw new Error('not parsed');
    const spring = result.schedule.holidays.filter((h) => h.name === '春节').map((h) => h.date);
    expect(spring).toHaveLength(9);
    expect(spring[0]).toBe('2026-02-15');
    expect(spring[8]).toBe('2026-02-23');
    expect(result.schedule.workdays.filter((w) => w.name === '春节').map((w) => w.date)).toEqual([
      '2026-02-14',
      '2026-02-28',
    ]);
  });

  it('takes the heading lines alone, with full-width digits and without the title when the year is given', () => {
    const text =
      '一、元旦：１月１日（周五）至３日（周日）放假调休，共３天。\n二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。';
    const result = parseHolidayNotice(text, { year: 2027 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.schedule.holidays.slice(0, 3).map((h) => h.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect(result.schedule.workdays).toEqual([{ date: '2027-02-20', name: '春节' }]);
    expect(result.schedule.source).toBe('国务院办公厅关于2027年部分节假日安排的通知');
  });

  it('reads 补休 and passes over encouragements', () => {
    const text = [
      '国务院办公厅关于2017年部分节假日安排的通知',
      '一、元旦：1月1日放假，1月2日（星期一）补休。',
      '二、春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。鼓励各单位安排职工在除夕（1月27日）休息。',
    ].join('\n');
    const result = parseHolidayNotice(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.schedule.holidays.map((h) => h.date).slice(0, 2)).toEqual(['2017-01-01', '2017-01-02']);
    expect(result.schedule.holidays).toHaveLength(9);
    expect(result.schedule.workdays.map((w) => w.date)).toEqual(['2017-01-22', '2017-02-04']);
  });

  it('drops a weekend day off of the year before with a warning (2023: from 31 December 2022)', () => {
    const text = '国务院办公厅关于2023年部分节假日安排的通知\n一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。';
    const result = parseHolidayNotice(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.schedule.holidays.map((h) => h.date)).toEqual(['2023-01-01', '2023-01-02']);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        line: 2,
        message: expect.stringContaining('2022-12-31'),
        code: 'notice.weekendOutsideYear',
        params: { date: '2022-12-31', year: 2023 },
      }),
    ]);
  });
});

describe('parseHolidayNotice refuses what it cannot read, naming the line', () => {
  const title = '国务院办公厅关于2026年部分节假日安排的通知';
  const refused = (text: string, opts?: { year?: number }) => {
    const r = parseHolidayNotice(text, opts);
    if (r.ok) throw new Error('parsed what it should have refused');
    return r.errors;
  };

  it('a weekday that does not match the date (the notice of another year)', () => {
    const errors = refused(`${title}\n\n一、元旦：1月1日（周三）放假1天，不调休。`);
    expect(errors).toEqual([
      expect.objectContaining({
        line: 3,
        text: '一、元旦：1月1日（周三）放假1天，不调休。',
        message: expect.stringContaining('周四'),
        code: 'notice.wrongWeekday',
        params: { year: 2026, month: 1, day: 1, realWeekday: 4, statedWeekday: 3 },
      }),
    ]);
    expect(renderCalendarProblem(errors[0] as NoticeProblem, 'en')).toBe(
      '2026-1-1 is a Thursday, the notice says Wednesday: the year or the date is wrong',
    );
  });

  it('a day count that disagrees with the range', () => {
    const errors = refused(`${title}\n一、元旦：1月1日（周四）至3日（周六）放假调休，共4天。`);
    expect(errors[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('4'),
      code: 'notice.totalMismatch',
      params: { stated: 4, days: 3 },
    });
  });

  it('an adjusted working day on a weekday', () => {
    const errors = refused(`${title}\n一、元旦：1月1日至3日放假调休，共3天。1月5日上班。`);
    expect(errors[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('不是周六或周日'),
      code: 'notice.workdayNotWeekend',
      params: { date: '2026-01-05' },
    });
  });

  it('a date that does not exist', () => {
    expect(refused(`${title}\n一、春节：2月30日至3月2日放假。`)[0]).toMatchObject({ line: 2 });
  });

  it('a line with dates that is not a numbered heading', () => {
    const errors = refused(`${title}\n一、元旦：1月1日至3日放假调休，共3天。\n春节 2月15日至23日放假调休`);
    expect(errors).toEqual([expect.objectContaining({ line: 3, code: 'notice.unreadableLine' })]);
  });

  it('a clause with a date but neither 放假 nor 上班', () => {
    expect(refused(`${title}\n一、元旦：1月1日至3日放假调休，1月4日另行通知。`)[0]).toMatchObject({ line: 2 });
  });

  it('a year it cannot find, and a title of another year than the one chosen', () => {
    expect(refused('一、元旦：1月1日放假。')[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('年份'),
      code: 'notice.noYear',
    });
    expect(refused(`${title}\n一、元旦：1月1日放假。`, { year: 2027 })[0]).toMatchObject({
      line: 1,
      code: 'notice.yearMismatch',
      params: { noticeYear: 2026, year: 2027 },
      message: '通知是 2026 年的，所选年份是 2027 年',
    });
  });

  it('text without any holiday heading', () => {
    expect(refused(`${title}\n\n各省、自治区、直辖市人民政府：`)[0]?.message).toContain('放假安排');
  });
});
