/**
 * "Due soon" and "overdue" as date bounds (SPEC §3: every open item shows its due date and the working days left;
 * overdue items stand out on the staff dashboard). The bounds are plain dates, so a database can count items by
 * comparing their due dates, with the same answer `workingDaysLeft` gives item by item:
 * - overdue: `workingDaysLeft(today, due) < 0`  ⇔  `due < overdueBefore`;
 * - due soon (`0 ≤ workingDaysLeft ≤ soonDays`)  ⇔  `overdueBefore ≤ due < soonBefore`.
 */
import { addDays, type IsoDate } from './dates.js';
import { addWorkingDays, type CalendarData, dayInfo } from './workingDays.js';

export interface DueWindow {
  /** A due date before this day is overdue: the last working day on or before today. */
  overdueBefore: IsoDate;
  /** A due date from `overdueBefore` up to (not including) this day is due soon: the (soonDays + 1)th working day after today. */
  soonBefore: IsoDate;
}

/** Longest look-back for the last working day (the longest run of days off is well under a month). */
const MAX_LOOKBACK = 60;

export function dueWindow(cal: CalendarData, today: IsoDate, soonDays = 2): DueWindow {
  let last = today;
  for (let i = 0; i < MAX_LOOKBACK && !dayInfo(cal, last).working; i++) last = addDays(last, -1);
  return { overdueBefore: last, soonBefore: addWorkingDays(cal, today, soonDays + 1).due };
}
