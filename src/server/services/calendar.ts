/**
 * The working-day calendar as stored in the database, cached in memory and reloaded when a year is imported.
 * The arithmetic itself is pure and shared (shared/calendar).
 */
import { and, eq, gte, lte } from 'drizzle-orm';
import { type CalendarData, OFFICIAL_SCHEDULES, type YearSchedule } from '../../shared/calendar/index.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Db, Executor, Tx } from '../db/client.js';
import { calendarDays, calendarYears } from '../db/schema.js';

/**
 * How long an instance trusts its copy: a year saved on another instance (several behind one PostgreSQL) is seen
 * within this time; the daily reminders run recounts what was counted meanwhile (jobs/reminders.ts).
 */
const CACHE_MS = 10_000;

export class CalendarService {
  private cache: Promise<CalendarData> | undefined;
  private loadedAt = 0;

  constructor(private readonly db: Db) {}

  get(): Promise<CalendarData> {
    if (this.cache && Date.now() - this.loadedAt > CACHE_MS) this.cache = undefined;
    if (!this.cache) {
      this.loadedAt = Date.now();
      this.cache = this.load().catch((err) => {
        this.cache = undefined;
        throw err;
      });
    }
    return this.cache;
  }

  invalidate(): void {
    this.cache = undefined;
  }

  private load(): Promise<CalendarData> {
    return this.read(this.db);
  }

  /** The calendar as `db` sees it now (inside a transaction: with what it has written), bypassing the cache. */
  async read(db: Executor): Promise<CalendarData> {
    const years = await db.select({ year: calendarYears.year }).from(calendarYears);
    const days = await db.select().from(calendarDays);
    const holidays = new Map<string, string>();
    const workdays = new Map<string, string>();
    for (const d of days) (d.kind === 'holiday' ? holidays : workdays).set(d.date, d.name);
    return { years: new Set(years.map((y) => y.year)), holidays, workdays };
  }

  /** Replaces one year's schedule (an admin import, or the shipped official data). */
  async importYear(
    tx: Tx,
    schedule: YearSchedule,
    actorId: string | null,
    extra: { replaced?: boolean; moved?: number; via?: 'text' | 'json' | 'manual' | 'cli' | 'seed' } = {},
  ): Promise<void> {
    await tx
      .delete(calendarDays)
      .where(and(gte(calendarDays.date, `${schedule.year}-01-01`), lte(calendarDays.date, `${schedule.year}-12-31`)));
    const rows = [
      ...schedule.holidays.map((h) => ({ date: h.date, kind: 'holiday', name: h.name })),
      ...schedule.workdays.map((w) => ({ date: w.date, kind: 'workday', name: w.name })),
    ];
    if (rows.length) await tx.insert(calendarDays).values(rows);
    await tx.delete(calendarYears).where(eq(calendarYears.year, schedule.year));
    await tx.insert(calendarYears).values({ year: schedule.year, source: schedule.source });
    await appendAudit(tx, {
      action: 'calendar.import',
      actorId,
      subjectType: 'calendar',
      subjectId: String(schedule.year),
      details: {
        year: schedule.year,
        source: schedule.source,
        holidays: schedule.holidays.length,
        workdays: schedule.workdays.length,
        ...extra,
      },
    });
    this.invalidate();
  }

  /** Loads the shipped official schedules for the years the database does not have yet. */
  async seedOfficial(): Promise<void> {
    const have = new Set((await this.db.select({ year: calendarYears.year }).from(calendarYears)).map((y) => y.year));
    const missing = OFFICIAL_SCHEDULES.filter((s) => !have.has(s.year));
    if (missing.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const s of missing) await this.importYear(tx, s, null);
    });
  }
}
