/**
 * What entering a year does to open deadlines (SPEC §3: a provisional deadline is recomputed when its year is
 * entered): each open deadline whose counting touches that year, counted again with the year in place, kept when its
 * date or its provisional mark changes. The preview shows these; the save applies them.
 */

import type { DeadlineMove } from '../../shared/api/calendar.js';
import { type CalendarData, replaceYear, type YearSchedule } from '../../shared/calendar/index.js';
import type { Executor } from '../db/client.js';
import { listOpenDeadlines, type OpenDeadline, recount } from './openDeadlines.js';

export type PlannedMove = DeadlineMove & { deadline: OpenDeadline };

export async function planYear(db: Executor, current: CalendarData, schedule: YearSchedule): Promise<PlannedMove[]> {
  const next = replaceYear(current, schedule);
  const open = await listOpenDeadlines(db, { years: { from: schedule.year, to: schedule.year } });
  const moves: PlannedMove[] = [];
  for (const d of open) {
    const after = recount(next, d);
    if (after.due === d.due && after.provisional === d.provisional) continue;
    moves.push({
      kind: d.kind,
      id: d.id,
      filingId: d.filingId,
      label: d.label,
      before: { due: d.due, provisional: d.provisional },
      after,
      deadline: d,
    });
  }
  return moves;
}

/** The move as the API shows it (without the row behind it). */
export const presentMove = ({ deadline: _d, ...m }: PlannedMove): DeadlineMove => m;
