/**
 * Reading the State Council's yearly notice (国务院办公厅关于××××年部分节假日安排的通知) from its plain text
 * (SPEC §3 "Deadlines": an admin can enter or import a new year).
 *
 * The notice has one numbered heading a holiday, e.g.
 *   一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
 * Each heading is split into sentences (。) and clauses (，；). A clause with 放假 gives a day off or a range of days
 * off, one with 补休 a single day off, one with 上班 the adjusted working days (调休上班); "共N天" and "放假N天" are
 * checked against the range, and every weekday in brackets (周四, 星期四) against the real date, which catches a
 * notice pasted under the wrong year. Encouragements (鼓励…休息) and clauses without dates are passed over.
 *
 * Robust means refusing rather than guessing: a heading line that cannot be read, a date that does not exist, a
 * weekday that does not match, an adjusted working day on a weekday, a date line outside a heading: each is an error
 * naming the line. Pure and isomorphic (the admin page previews with the server's answer, the tests run it alone).
 */
import { dayOfWeek, fromDayNumber, type IsoDate, isIsoDate, isWeekend, toDayNumber } from './dates.js';
import {
  type CalendarProblem,
  type CalendarProblemCode,
  type CalendarProblemParams,
  renderCalendarProblem,
} from './problems.js';
import type { YearSchedule } from './schedules.js';

/** A problem of one line: its code and parameters (calendarProblems catalog) and its Chinese text. */
export interface NoticeProblem extends CalendarProblem {
  /** 1-based line of the pasted text. */
  line: number;
  /** The line as pasted (trimmed, at most 120 characters). */
  text: string;
  params: CalendarProblemParams;
  message: string;
}

export type NoticeParseResult =
  | { ok: true; schedule: YearSchedule; warnings: NoticeProblem[] }
  | { ok: false; errors: NoticeProblem[] };

const HEADING_RE = /^([一二三四五六七八九十]+)、\s*([^：:]{1,30})[：:](.*)$/;
const TITLE_RE = /关于\s*(\d{4})\s*年.{0,6}节假日安排的通知/;
const DOC_NUMBER_RE = /国办发明电\s*[〔［[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号/;
/** A date: optional year, optional month, a day; then an optional bracket (weekday, lunar date). */
const DATE_RE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:[（(]([^）)]{0,30})[）)])?/g;
const WEEKDAY_RE = /(?:周|星期|礼拜)([一二三四五六日天])/;
const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** Full-width digits, letters and punctuation to ASCII where it matters; the ideographic space and NBSP to spaces. */
function normalise(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0\t]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface FoundDate {
  date: IsoDate;
  /** What the bracket says about the weekday, 0–6, if anything. */
  weekday?: number;
  /** Where it stood in the clause: `至` between two dates makes a range. */
  index: number;
  end: number;
}

function chineseCount(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? (CN_DIGITS[m[1]] ?? 0) : 1) * 10 + (m[2] ? (CN_DIGITS[m[2]] ?? 0) : 0);
  return CN_DIGITS[s];
}

type NoticeCode = CalendarProblemCode & `notice.${string}`;

class LineError extends Error {
  constructor(
    readonly code: NoticeCode,
    readonly params: CalendarProblemParams = {},
  ) {
    super(renderCalendarProblem({ code, params }));
  }
}

/** Dates of one clause; a day without a month takes the month of the date before it (至3日). */
function datesOf(clause: string, year: number, lastMonth: { value: number | undefined }): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of clause.matchAll(DATE_RE)) {
    const y = m[1] ? Number(m[1]) : year;
    const month = m[2] ? Number(m[2]) : lastMonth.value;
    if (month === undefined) throw new LineError('notice.noMonth', { text: m[0] });
    lastMonth.value = month;
    const date = `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Number(m[3])).padStart(2, '0')}`;
    if (!isIsoDate(date)) throw new LineError('notice.invalidDate', { year: y, month, day: Number(m[3]) });
    const found: FoundDate = { date, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    const wd = m[4] ? WEEKDAY_RE.exec(m[4]) : null;
    if (wd?.[1]) {
      found.weekday = WEEKDAYS[wd[1]] as number;
      if (dayOfWeek(date) !== found.weekday) {
        throw new LineError('notice.wrongWeekday', {
          year: y,
          month,
          day: Number(m[3]),
          realWeekday: dayOfWeek(date),
          statedWeekday: found.weekday,
        });
      }
    }
    out.push(found);
  }
  return out;
}

function daysFrom(first: IsoDate, last: IsoDate): IsoDate[] {
  const a = toDayNumber(first);
  const b = toDayNumber(last);
  if (b < a) throw new LineError('notice.rangeBackwards', { first, last });
  if (b - a > 30) throw new LineError('notice.rangeTooLong', { first, last });
  const out: IsoDate[] = [];
  for (let n = a; n <= b; n++) out.push(fromDayNumber(n));
  return out;
}

interface HeadingResult {
  holidays: IsoDate[];
  workdays: IsoDate[];
}

function parseHeading(body: string, year: number): HeadingResult {
  const result: HeadingResult = { holidays: [], workdays: [] };
  const lastMonth = { value: undefined as number | undefined };
  let lastRange: IsoDate[] | null = null;
  for (const sentence of body.split(/[。.]/)) {
    if (/鼓励|倡导/.test(sentence)) continue; // "鼓励…安排职工在除夕休息": advice, not a day off
    for (const clause of sentence.split(/[，,；;]/)) {
      const c = clause.trim();
      if (!c) continue;
      const dates = datesOf(c, year, lastMonth);
      const total =
        /共\s*([\d一二两三四五六七八九十]+)\s*天/.exec(c) ?? /放假\s*([\d一二两三四五六七八九十]+)\s*天/.exec(c);
      if (dates.length === 0) {
        if (total?.[1] !== undefined && lastRange) {
          const n = chineseCount(total[1]);
          if (n !== lastRange.length) {
            throw new LineError('notice.totalMismatch', { stated: n ?? total[1], days: lastRange.length });
          }
        }
        continue;
      }
      if (/上班/.test(c)) {
        for (const d of dates) {
          if (!isWeekend(d.date)) throw new LineError('notice.workdayNotWeekend', { date: d.date });
          result.workdays.push(d.date);
        }
        continue;
      }
      if (/补休/.test(c)) {
        for (const d of dates) result.holidays.push(d.date);
        continue;
      }
      if (/放假/.test(c)) {
        let range: IsoDate[];
        const [a, b] = dates;
        if (dates.length === 1 && a) range = [a.date];
        else if (dates.length === 2 && a && b && /^\s*(?:至|到|—|-|～|~)\s*$/.test(c.slice(a.end, b.index))) {
          range = daysFrom(a.date, b.date);
        } else {
          throw new LineError('notice.unclearRange', { text: c });
        }
        const stated = total?.[1] === undefined ? undefined : (chineseCount(total[1]) ?? total[1]);
        if (stated !== undefined && stated !== range.length) {
          throw new LineError('notice.offTotalMismatch', { stated, days: range.length });
        }
        result.holidays.push(...range);
        lastRange = range;
        continue;
      }
      throw new LineError('notice.neitherOffNorOn', { text: c });
    }
  }
  if (result.holidays.length === 0) throw new LineError('notice.noHolidays');
  return result;
}

/**
 * Parses the notice's text. `year` may be given (the page's chosen year); otherwise it comes from the title, and
 * when both are there they must agree.
 */
export function parseHolidayNotice(text: string, opts: { year?: number } = {}): NoticeParseResult {
  const lines = text.split(/\r\n|\r|\n/).map(normalise);
  const errors: NoticeProblem[] = [];
  const warnings: NoticeProblem[] = [];
  const problem = (i: number, code: NoticeCode, params: CalendarProblemParams = {}): NoticeProblem => ({
    line: i + 1,
    text: (lines[i] ?? '').slice(0, 120),
    code,
    params,
    message: renderCalendarProblem({ code, params }),
  });

  const titleLine = lines.findIndex((l) => TITLE_RE.test(l));
  const titleYear = titleLine >= 0 ? Number(TITLE_RE.exec(lines[titleLine] ?? '')?.[1]) : undefined;
  if (opts.year !== undefined && titleYear !== undefined && opts.year !== titleYear) {
    return {
      ok: false,
      errors: [problem(titleLine, 'notice.yearMismatch', { noticeYear: titleYear, year: opts.year })],
    };
  }
  const year = opts.year ?? titleYear;
  if (year === undefined) {
    return { ok: false, errors: [problem(0, 'notice.noYear')] };
  }

  const holidays = new Map<IsoDate, string>();
  const workdays = new Map<IsoDate, string>();
  let headings = 0;
  lines.forEach((line, i) => {
    if (!line) return;
    const h = HEADING_RE.exec(line);
    if (!h) {
      // A date with 放假 or 上班 outside a numbered heading: a heading we could not read, never to be skipped.
      if (/\d{1,2}月\d{1,2}日/.test(line) && /放假|上班|补休/.test(line) && !TITLE_RE.test(line)) {
        errors.push(problem(i, 'notice.unreadableLine'));
      }
      return;
    }
    headings++;
    const name = (h[2] ?? '').trim();
    try {
      const r = parseHeading(h[3] ?? '', year);
      for (const d of r.holidays) {
        if (holidays.has(d)) throw new LineError('notice.holidayTwice', { date: d, holiday: holidays.get(d) ?? '' });
        holidays.set(d, name);
      }
      for (const d of r.workdays) {
        if (workdays.has(d)) throw new LineError('notice.workdayTwice', { date: d });
        workdays.set(d, name);
      }
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      errors.push(problem(i, err.code, err.params));
    }
  });
  if (headings === 0 && errors.length === 0) {
    errors.push(problem(0, 'notice.noHeadings'));
  }
  for (const d of workdays.keys()) {
    if (holidays.has(d)) {
      const i = lines.findIndex((l) => HEADING_RE.test(l) && l.includes(workdays.get(d) ?? ''));
      errors.push(problem(Math.max(i, 0), 'notice.offAndOn', { date: d }));
    }
  }
  if (errors.length) return { ok: false, errors };

  // A day of the year before or after: harmless when it is a weekend day off (2023's 元旦 began on Saturday
  // 31 December 2022); anything else belongs in that year's own schedule.
  const inYear = (d: IsoDate) => d.startsWith(`${String(year).padStart(4, '0')}-`);
  for (const [d, name] of [...holidays]) {
    if (inYear(d)) continue;
    const i = lines.findIndex((l) => HEADING_RE.test(l) && l.includes(name));
    if (isWeekend(d)) {
      holidays.delete(d);
      warnings.push(problem(Math.max(i, 0), 'notice.weekendOutsideYear', { date: d, year }));
    } else {
      errors.push(problem(Math.max(i, 0), 'notice.holidayOutsideYear', { date: d, year, otherYear: d.slice(0, 4) }));
    }
  }
  for (const [d, name] of workdays) {
    if (inYear(d)) continue;
    const i = lines.findIndex((l) => HEADING_RE.test(l) && l.includes(name));
    errors.push(problem(Math.max(i, 0), 'notice.workdayOutsideYear', { date: d, year, otherYear: d.slice(0, 4) }));
  }
  if (errors.length) return { ok: false, errors };

  const title = titleLine >= 0 ? (/国务院办公厅关于.*?通知/.exec(lines[titleLine] ?? '')?.[0] ?? '') : '';
  const docNumber = lines.map((l) => DOC_NUMBER_RE.exec(l)?.[0]).find(Boolean);
  const source = [
    title || `国务院办公厅关于${year}年部分节假日安排的通知`,
    docNumber ? `（${docNumber.replace(/\s+/g, '')}）` : '',
  ]
    .join('')
    .slice(0, 200);
  const sorted = (m: Map<IsoDate, string>) =>
    [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, name]) => ({ date, name }));
  return { ok: true, schedule: { year, source, holidays: sorted(holidays), workdays: sorted(workdays) }, warnings };
}
