/**
 * Article 6: a change must be filed within 30 days of the day the information changed. Counted in calendar days from
 * the day after; a period ending on a rest day ends on the next working day (SPEC §3). Later is `late`.
 */
import { addCalendarDays, type CalendarData, type DueDate } from '../calendar/index.js';

export const CHANGE_DEADLINE_DAYS = 30;

export const CHANGE_LATE_LABEL = '逾期变更：备案信息发生变化的，应自变化之日起 30 日内变更备案（第六条）';

export function changeDeadline(cal: CalendarData, changeDate: string): DueDate {
  return addCalendarDays(cal, changeDate, CHANGE_DEADLINE_DAYS);
}

/** Filed on `filedOn` (China date of the first submission, or today while unsubmitted): late after the deadline. */
export const isChangeLate = (deadline: string, filedOn: string) => filedOn > deadline;
