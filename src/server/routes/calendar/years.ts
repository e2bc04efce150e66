/**
 * The calendar years (admins; SPEC §3 "Deadlines", issue 15 item 2): the years held and those open deadlines reach
 * without a schedule, one year's days, the preview of an import (the notice's plain text or the year as JSON) with
 * the deadlines it would move, and the save (commands/saveCalendarYear.ts). Mounted at /api/admin/calendar.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  calendarPreviewBody,
  calendarPreviewResponse,
  calendarSaveBody,
  calendarSaveResponse,
  calendarYearParams,
  calendarYearResponse,
  calendarYearsResponse,
} from '../../../shared/api/calendar.js';
import {
  type NoticeProblem,
  parseHolidayNotice,
  renderCalendarProblem,
  type YearSchedule,
} from '../../../shared/calendar/index.js';
import { assertSchedule, saveCalendarYear } from '../../commands/saveCalendarYear.js';
import { queryRows } from '../../db/client.js';
import { calendarDays, calendarYears } from '../../db/schema.js';
import { unprocessable } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeAdmin } from '../../policies/admin.js';
import { missingYears } from '../../services/calendarCoverage.js';
import { planYear, presentMove } from '../../services/calendarImpact.js';

const tags = ['工作日 Calendar'];

export const calendarYearRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.addHook('preValidation', async (req) => {
    authorizeAdmin(requireUser(req), 'calendar');
  });

  app.get(
    '/years',
    {
      schema: {
        tags,
        summary: '日历年份：已录入的年份，以及期限已涉及但尚未录入的年份',
        response: { 200: calendarYearsResponse },
      },
    },
    async () => {
      const rows = await queryRows<{
        year: number;
        source: string;
        imported_at: Date;
        holidays: number;
        workdays: number;
      }>(
        ctx.db,
        sql`select y.year, y.source, y.imported_at,
          (select count(*)::int from calendar_days d where d.kind = 'holiday' and extract(year from d.date) = y.year) as holidays,
          (select count(*)::int from calendar_days d where d.kind = 'workday' and extract(year from d.date) = y.year) as workdays
          from calendar_years y order by y.year`,
      );
      const cal = await ctx.calendar.get();
      return {
        items: rows.map((r) => ({
          year: r.year,
          source: r.source,
          importedAt: new Date(r.imported_at).toISOString(),
          holidays: r.holidays,
          workdays: r.workdays,
        })),
        missing: await missingYears(ctx.db, cal),
      };
    },
  );

  app.get(
    '/years/:year',
    {
      schema: {
        tags,
        summary: '一年的放假日和调休上班日（未录入的年份：schedule 为 null）',
        params: calendarYearParams,
        response: { 200: calendarYearResponse },
      },
    },
    async (req) => {
      const { year } = req.params;
      const [row] = await ctx.db.select().from(calendarYears).where(eq(calendarYears.year, year));
      if (!row) return { year, schedule: null, importedAt: null };
      const days = await ctx.db
        .select()
        .from(calendarDays)
        .where(sql`${calendarDays.date} between ${`${year}-01-01`} and ${`${year}-12-31`}`)
        .orderBy(asc(calendarDays.date));
      const pick = (kind: string) => days.filter((d) => d.kind === kind).map((d) => ({ date: d.date, name: d.name }));
      return {
        year,
        schedule: { year, source: row.source, holidays: pick('holiday'), workdays: pick('workday') },
        importedAt: row.importedAt.toISOString(),
      };
    },
  );

  app.post(
    '/preview',
    {
      schema: {
        tags,
        summary: '预览导入：解析通知全文或 JSON，列出将重新计算的期限（不保存）',
        body: calendarPreviewBody,
        response: { 200: calendarPreviewResponse },
      },
    },
    async (req) => {
      const body = req.body;
      let schedule: YearSchedule;
      let warnings: NoticeProblem[] = [];
      if (body.text !== undefined) {
        const parsed = parseHolidayNotice(body.text, { year: body.year });
        if (!parsed.ok) {
          // The line goes into the parameters, so the page says "line N: …" in its language.
          const errors = parsed.errors.map((e) => {
            const params = { ...e.params, line: e.line };
            return { field: 'text', code: e.code, params, message: renderCalendarProblem({ code: e.code, params }) };
          });
          throw unprocessable(errors[0]?.message ?? '无法解析通知', errors);
        }
        schedule = parsed.schedule;
        warnings = parsed.warnings;
      } else {
        schedule = body.schedule as YearSchedule;
        if (schedule.year !== body.year) {
          throw unprocessable('schedule.year 与所选年份不一致', [
            { field: 'schedule.year', message: `应为 ${body.year}` },
          ]);
        }
        assertSchedule(schedule, 'schedule.');
      }
      const [existing] = await ctx.db
        .select({ year: calendarYears.year })
        .from(calendarYears)
        .where(eq(calendarYears.year, schedule.year));
      const moves = await planYear(ctx.db, await ctx.calendar.read(ctx.db), schedule);
      return { schedule, replaces: !!existing, warnings, moves: moves.map(presentMove) };
    },
  );

  app.put(
    '/years/:year',
    {
      schema: {
        tags,
        summary: '保存一年的日历：替换该年，重新计算涉及该年的未结期限，并通知相关人员',
        params: calendarYearParams,
        body: calendarSaveBody,
        response: { 200: calendarSaveResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { schedule, via } = req.body;
      if (schedule.year !== req.params.year) {
        throw unprocessable('schedule.year 与地址中的年份不一致', [
          { field: 'schedule.year', message: `应为 ${req.params.year}` },
        ]);
      }
      return saveCalendarYear(ctx, { actor: user, schedule, via: via ?? 'json' });
    },
  );
};
