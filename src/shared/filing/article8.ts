/**
 * Article 8: a platform must be filed (approved) before it goes live; one already online when the measures took
 * effect (setting, Art. 10) had 10 working days from that date, and is flagged late after that. For a platform not
 * yet online, staff watch the planned launch date: near or past while the filing is not approved.
 */
import { addDays, addWorkingDays, type CalendarData } from '../calendar/index.js';
import type { FilingDraft } from './schema.js';

export const ARTICLE8_WORKING_DAYS = 10;

/** Judged at the first submission: late when the platform went live after the effective date, or filed too late. */
export function isLate(cal: CalendarData, draft: FilingDraft, today: string, effectiveDate: string): boolean {
  const op = draft.operation;
  if (!op?.alreadyOnline || !op.launchDate) return false;
  if (op.launchDate >= effectiveDate) return true;
  return today > addWorkingDays(cal, effectiveDate, ARTICLE8_WORKING_DAYS).due;
}

export type Article8State =
  /** Online, filed late (the flag). */
  | 'online_late'
  /** Online, filed in time. */
  | 'online_on_time'
  /** Not online yet, approved: it may launch. */
  | 'may_launch'
  /** Not online, not approved, planned launch already past. */
  | 'launch_past'
  /** Not online, not approved, launch within the warning window. */
  | 'launch_near'
  /** Not online, not approved, launch later (or not given). */
  | 'launch_planned';

export const ARTICLE8_LABELS: Record<Article8State, string> = {
  online_late: '逾期备案：已上线运行的平台应在办法施行之日起 10 个工作日内备案（第八条）',
  online_on_time: '已上线运行，按期备案（第八条）',
  may_launch: '已完成备案，平台可以上线运行（第八条）',
  launch_past: '计划上线日期已过但尚未完成备案：平台应在上线前完成备案（第八条）',
  launch_near: '计划上线日期临近且尚未完成备案：平台须在备案通过后方可上线（第八条）',
  launch_planned: '平台尚未上线：须在备案通过后方可上线（第八条）',
};

export function article8State(
  draft: FilingDraft,
  f: { late: boolean; approved: boolean },
  today: string,
  warningDays: number,
): Article8State | null {
  const op = draft.operation;
  if (op?.alreadyOnline === undefined) return null;
  if (op.alreadyOnline) return f.late ? 'online_late' : 'online_on_time';
  if (f.approved) return 'may_launch';
  if (!op.launchDate) return 'launch_planned';
  if (op.launchDate < today) return 'launch_past';
  return op.launchDate <= addDays(today, warningDays) ? 'launch_near' : 'launch_planned';
}

export function article8View(
  draft: FilingDraft,
  f: { late: boolean; approved: boolean },
  today: string,
  warningDays: number,
) {
  const state = article8State(draft, f, today, warningDays);
  return state
    ? {
        state,
        label: ARTICLE8_LABELS[state],
        alreadyOnline: !!draft.operation?.alreadyOnline,
        launchDate: draft.operation?.launchDate ?? null,
      }
    : null;
}
