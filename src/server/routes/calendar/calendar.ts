/** The working-day calculator (SPEC §3, §5): GET /api/calendar/deadline. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarCoverageResponse } from '../../../shared/api/calendar.js';
import { addCalendarDays, addWorkingDays, toChinaDate } from '../../../shared/calendar/index.js';
import { says } from '../../../shared/validation/issues.js';
import { badRequest, forbidden, said } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';
import { hasRole, isReviewer } from '../../policies/utils.js';
import { missingYears } from '../../services/calendarCoverage.js';

/** Years a deadline may start in: far beyond any filing, and far within what date arithmetic can reach. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

const count = z.coerce.number().int(says('api.int')).min(1, says('api.min1')).max(3650, says('api.max3650'));

const deadlineQuery = z
  .strictObject({
    from: z.string().min(1).max(40).describe('A date YYYY-MM-DD, or an ISO timestamp with its zone'),
    workingDays: count.optional(),
    calendarDays: count.optional(),
  })
  .refine((q) => (q.workingDays === undefined) !== (q.calendarDays === undefined), {
    ...says('api.workingOrCalendarDays'),
    path: ['workingDays'],
  });

const deadlineResponse = z.object({
  from: z.string(),
  due: z.string(),
  provisional: z.boolean(),
  workingDays: z.number().optional(),
  calendarDays: z.number().optional(),
});

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  // Staff's warning (SPEC §3): open deadlines reaching into a year the calendar does not hold are provisional.
  app.get(
    '/coverage',
    {
      schema: {
        tags: ['工作日 Calendar'],
        summary: '未结期限涉及但尚未录入节假日安排的年份（工作人员）',
        response: { 200: calendarCoverageResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (!isReviewer(user) && !hasRole(user, 'complaints')) throw forbidden('仅工作人员可以访问');
      return { missing: await missingYears(ctx.db, await ctx.calendar.get()) };
    },
  );
  app.get(
    '/deadline',
    {
      schema: {
        tags: ['工作日 Calendar'],
        summary: '计算期限：起算日次日开始计算的第 N 个工作日，或 N 个自然日（末日遇休息日顺延）',
        querystring: deadlineQuery,
        response: { 200: deadlineResponse },
      },
    },
    async (req) => {
      const q = req.query;
      let from: string;
      try {
        from = toChinaDate(q.from);
      } catch {
        throw badRequest('from：应为 YYYY-MM-DD 日期或带时区的 ISO 时间', [said('from', 'api.fromFormat')]);
      }
      const year = Number(from.slice(0, 4));
      if (year < MIN_YEAR || year > MAX_YEAR) {
        const message = `起算日须在 ${MIN_YEAR} 至 ${MAX_YEAR} 年之间`;
        throw badRequest(`from：${message}`, [said('from', 'api.fromYear', { min: MIN_YEAR, max: MAX_YEAR })]);
      }
      const cal = await ctx.calendar.get();
      const result =
        q.workingDays !== undefined
          ? addWorkingDays(cal, from, q.workingDays)
          : addCalendarDays(cal, from, q.calendarDays as number);
      return {
        from,
        ...result,
        ...(q.workingDays !== undefined ? { workingDays: q.workingDays } : { calendarDays: q.calendarDays }),
      };
    },
  );
};
