/**
 * What is wrong with a year's schedule (shared/calendar/checkSchedule.ts) or with a pasted State Council notice
 * (shared/calendar/noticeParser.ts), by code. The server keeps the Chinese text as `message`; the admin page renders
 * the code in its language. Dates in the parameters are ISO dates (`2026-01-04`), years and counts numbers.
 */
import { defineCatalog } from '../index.js';

export const calendarProblemsCatalog = defineCatalog(
  'calendarProblems',
  {
    atLine: '第 {{line}} 行：{{text}}',
    schedule: {
      invalidDate: '不是有效的日期',
      outsideYear: '{{date}} 不在 {{year}} 年',
      duplicate: '{{date}} 重复',
      workdayNotWeekend: '{{date}} 不是周六或周日：调休上班日只会是周末',
      workdayAlsoHoliday: '{{date}} 已列为放假日，不能同时是上班日',
    },
    notice: {
      noMonth: '“{{text}}”没有月份',
      invalidDate: '{{year}}年{{month}}月{{day}}日不是有效的日期',
      wrongWeekday: '{{year}}年{{month}}月{{day}}日是{{realWeekday}}，通知写的是{{statedWeekday}}：年份或日期有误',
      rangeBackwards: '{{last}} 早于 {{first}}',
      rangeTooLong: '{{first}} 至 {{last}} 超过 31 天，不像一个假期',
      totalMismatch: '写明共 {{stated}} 天，但日期范围是 {{days}} 天',
      offTotalMismatch: '写明放假 {{stated}} 天，但日期范围是 {{days}} 天',
      workdayNotWeekend: '调休上班日 {{date}} 不是周六或周日',
      unclearRange: '“{{text}}”：无法确定放假的日期范围',
      neitherOffNorOn: '“{{text}}”：有日期，但既不是放假也不是上班',
      noHolidays: '这一项没有找到放假日期',
      yearMismatch: '通知是 {{noticeYear}} 年的，所选年份是 {{year}} 年',
      noYear: '没有找到年份：请粘贴含标题“国务院办公厅关于××××年部分节假日安排的通知”的全文，或先选择年份',
      unreadableLine: '这一行有放假或上班日期，但不是“一、节日名：……”的格式，无法识别',
      holidayTwice: '{{date}} 已在“{{holiday}}”中列为放假日',
      workdayTwice: '{{date}} 已列为调休上班日',
      noHeadings: '没有找到“一、元旦：……”这样的放假安排',
      offAndOn: '{{date}} 同时列为放假日和上班日',
      weekendOutsideYear: '{{date}} 不在 {{year}} 年，是周末，已略去（不影响工作日计算）',
      holidayOutsideYear: '{{date}} 不在 {{year}} 年：请在 {{otherYear}} 年的日历中录入',
      workdayOutsideYear: '调休上班日 {{date}} 不在 {{year}} 年：请在 {{otherYear}} 年的日历中录入',
    },
  },
  {
    atLine: 'Line {{line}}: {{text}}',
    schedule: {
      invalidDate: 'Not a valid date',
      outsideYear: '{{date}} is not in {{year}}',
      duplicate: '{{date}} is listed twice',
      workdayNotWeekend: '{{date}} is not a Saturday or Sunday: an adjusted working day is always at a weekend',
      workdayAlsoHoliday: '{{date}} is already a day off and cannot also be a working day',
    },
    notice: {
      noMonth: '“{{text}}” has no month',
      invalidDate: '{{year}}-{{month}}-{{day}} is not a valid date',
      wrongWeekday:
        '{{year}}-{{month}}-{{day}} is a {{realWeekday}}, the notice says {{statedWeekday}}: the year or the date is wrong',
      rangeBackwards: '{{last}} is before {{first}}',
      rangeTooLong: '{{first}} to {{last}} is longer than 31 days, which is not a holiday',
      totalMismatch: 'It says {{stated}} days in all, but the dates cover {{days}} days',
      offTotalMismatch: 'It says {{stated}} days off, but the dates cover {{days}} days',
      workdayNotWeekend: 'The adjusted working day {{date}} is not a Saturday or Sunday',
      unclearRange: '“{{text}}”: the days off cannot be told',
      neitherOffNorOn: '“{{text}}”: has dates, but says neither day off nor working day',
      noHolidays: 'No day off found in this item',
      yearMismatch: 'The notice is for {{noticeYear}}, the chosen year is {{year}}',
      noYear:
        'No year found: paste the whole notice with its title (the General Office of the State Council on the holidays of a year), or choose the year first',
      unreadableLine:
        'This line has days off or working days but is not a numbered holiday item of the notice, so it cannot be read',
      holidayTwice: '{{date}} is already a day off under “{{holiday}}”',
      workdayTwice: '{{date}} is already an adjusted working day',
      noHeadings: 'No numbered holiday item (such as New Year’s Day) found',
      offAndOn: '{{date}} is listed both as a day off and as a working day',
      weekendOutsideYear:
        '{{date}} is not in {{year}} and is a weekend day, so it was left out (no effect on working days)',
      holidayOutsideYear: '{{date}} is not in {{year}}: enter it in the calendar of {{otherYear}}',
      workdayOutsideYear:
        'The adjusted working day {{date}} is not in {{year}}: enter it in the calendar of {{otherYear}}',
    },
  },
);
