/**
 * Years that open deadlines reach into without a schedule (SPEC §3: staff are warned to enter them). Such a deadline
 * is counted on weekends alone and marked provisional (暂定); the years are those of its due dates that the
 * calendar does not hold.
 */
import type { CalendarData } from '../../shared/calendar/index.js';
import type { Executor } from '../db/client.js';
import { listOpenDeadlines } from './openDeadlines.js';

export interface MissingYear {
  year: number;
  deadlines: number;
  earliest: string;
}

export async function missingYears(db: Executor, cal: CalendarData): Promise<MissingYear[]> {
  const open = await listOpenDeadlines(db, { provisionalOnly: true });
  const byYear = new Map<number, MissingYear>();
  for (const d of open) {
    const first = Number(d.from.slice(0, 4));
    const last = Number(d.due.slice(0, 4));
    for (let y = first; y <= last; y++) {
      if (cal.years.has(y)) continue;
      const m = byYear.get(y) ?? { year: y, deadlines: 0, earliest: d.due };
      m.deadlines += 1;
      if (d.due < m.earliest) m.earliest = d.due;
      byYear.set(y, m);
    }
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
