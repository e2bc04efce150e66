/**
 * The calendar years' API (SPEC §3 "Deadlines", issue 15 item 2): the years the working-day calendar holds, one
 * year's holidays and adjusted working days (调休上班), the preview of an import (the State Council's notice as JSON
 * or as its plain text, or a year entered by hand) with the deadlines it would move, the save, and the staff's
 * warning about deadlines that reach into a year without a schedule. Used by routes/calendar and
 * web/features/calendar alike.
 */
import { z } from 'zod';
import { says } from '../validation/issues.js';
import { isoDate } from './common.js';

export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;
const year = z
  .number()
  .int(says('api.int'))
  .min(CALENDAR_MIN_YEAR, says('api.yearEarly'))
  .max(CALENDAR_MAX_YEAR, says('api.yearLate'));

export const calendarDaySchema = z.strictObject({
  date: isoDate,
  name: z.string().trim().min(1, says('api.holidayName')).max(50, says('api.holidayNameTooLong')),
});

/** One year as the notice gives it: every day off (weekends included) and every adjusted working day. */
export const yearScheduleSchema = z.strictObject({
  year,
  source: z.string().trim().min(1, says('api.calendarSource')).max(200, says('api.max200')),
  holidays: z.array(calendarDaySchema).min(1, says('api.holidaysMin')).max(80, says('api.holidaysMax')),
  workdays: z.array(calendarDaySchema).max(30, says('api.workdaysMax')),
});
export type YearScheduleInput = z.infer<typeof yearScheduleSchema>;

export const calendarYearParams = z.strictObject({
  year: z.coerce.number().int(says('api.int')).min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR),
});

export const calendarYearSummarySchema = z.object({
  year: z.number(),
  source: z.string(),
  importedAt: z.string(),
  holidays: z.number(),
  workdays: z.number(),
});

/** A year reached by open deadlines without a schedule: they are provisional (暂定) until it is entered. */
export const missingYearSchema = z.object({
  year: z.number(),
  deadlines: z.number().describe('未定的期限个数（审核、变更、投诉）'),
  earliest: z.string().describe('最早的一个暂定期限'),
});

export const calendarYearsResponse = z.object({
  items: z.array(calendarYearSummarySchema),
  missing: z.array(missingYearSchema),
});

export const calendarYearResponse = z.object({
  year: z.number(),
  /** null: the year has no schedule yet (working days are weekdays, every deadline in it provisional). */
  schedule: yearScheduleSchema.nullable(),
  importedAt: z.string().nullable(),
});

/** An import to preview: the notice's plain text, or the year as JSON (a file, or entered by hand). */
export const calendarPreviewBody = z
  .strictObject({
    year,
    text: z.string().max(20_000, says('api.noticeTooLong')).optional(),
    schedule: yearScheduleSchema.optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.schedule === undefined), {
    ...says('api.textOrSchedule'),
    path: ['text'],
  });
export type CalendarPreviewBody = z.infer<typeof calendarPreviewBody>;

export const DEADLINE_KINDS = ['filing_review', 'change_review', 'change_deadline', 'complaint'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** One open deadline the import moves or makes final. */
export const deadlineMoveSchema = z.object({
  kind: z.enum(DEADLINE_KINDS),
  /** The filing, change or complaint. */
  id: z.string(),
  /** The filing's id (the link) for filings and changes; null for complaints. */
  filingId: z.string().nullable(),
  label: z.string().describe('平台名称或投诉编号：不含个人信息'),
  before: z.object({ due: z.string(), provisional: z.boolean() }),
  after: z.object({ due: z.string(), provisional: z.boolean() }),
});
export type DeadlineMove = z.infer<typeof deadlineMoveSchema>;

/** A warning about one line of a notice: its calendarProblems code and parameters, and its Chinese text. */
export const noticeWarningSchema = z.object({
  line: z.number(),
  text: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});

export const calendarPreviewResponse = z.object({
  schedule: yearScheduleSchema,
  /** The year already has a schedule, which the save replaces. */
  replaces: z.boolean(),
  warnings: z.array(noticeWarningSchema),
  moves: z.array(deadlineMoveSchema),
});

export const calendarSaveBody = z.strictObject({
  schedule: yearScheduleSchema,
  /** How the admin entered it (kept in the audit entry). */
  via: z.enum(['text', 'json', 'manual']).optional(),
});
export type CalendarSaveBody = z.infer<typeof calendarSaveBody>;

export const calendarSaveResponse = z.object({
  year: z.number(),
  moves: z.array(deadlineMoveSchema),
  /** How many people were told (in-app and by email). */
  notified: z.number(),
});

export const calendarCoverageResponse = z.object({ missing: z.array(missingYearSchema) });
