/**
 * The staff dashboard (issue 15 item 5; SPEC §3, §8–§10): `GET /api/dashboard`, the figures of the review and
 * complaint work counted in the database for today (China time), due-soon and overdue judged by the working-day
 * calendar. Every figure is the size of a list the console opens with query parameters (shared/api/dashboard.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardResponse } from '../../../shared/api/dashboard.js';
import { DUE_SOON_DAYS } from '../../../shared/api/listFilters.js';
import { chinaToday, dueWindow } from '../../../shared/calendar/index.js';
import { requireUser } from '../../plugins/auth.js';
import { dashboardSections } from '../../policies/dashboard.js';
import { complaintFigures } from '../../services/dashboard/complaintFigures.js';
import { reviewFigures } from '../../services/dashboard/reviewFigures.js';

const tags = ['工作台 Dashboard'];

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/',
    {
      schema: {
        tags,
        summary:
          '工作台：各状态备案数、即将到期（≤2 个工作日）与已逾期的审核、变更和投诉、审核用时（10 个工作日时限）、逾期备案（第六条、第八条）、投诉分类与状态、首页备案编号展示率',
        response: { 200: dashboardResponse },
      },
    },
    async (req) => {
      const sections = dashboardSections(requireUser(req));
      const today = chinaToday(ctx.now());
      const window = dueWindow(await ctx.calendar.get(), today, DUE_SOON_DAYS);
      const [review, complaints] = await Promise.all([
        sections.review ? reviewFigures(ctx, window) : null,
        sections.complaints ? complaintFigures(ctx, window) : null,
      ]);
      return { today, window, review, complaints };
    },
  );
};
