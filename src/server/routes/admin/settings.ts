/**
 * The settings page's API (SPEC §1 admin): every setting grouped as `{ group: { name } }`, and a partial update.
 * Bad values answer 400 naming the setting (`complaints.email`), and nothing is written.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DEFAULT_COMPLAINT_LIMIT,
  groupSettings,
  settingsResponse,
  settingsUpdateBody,
} from '../../../shared/api/adminSettings.js';
import { chinaToday } from '../../../shared/calendar/dates.js';
import { updateSettings } from '../../commands/admin/updateSettings.js';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeAdmin } from '../../policies/admin.js';

const tags = ['管理 Admin'];

async function settingsView(ctx: AppContext) {
  const year = Number(chinaToday(ctx.now()).slice(0, 4));
  const [values, [counter]] = await Promise.all([
    ctx.settings.all(),
    queryRows<{ last: number }>(ctx.db, sql`select last from filing_number_counters where year = ${year}`),
  ]);
  return {
    settings: groupSettings(values),
    numbering: { year, nextSeq: Number(counter?.last ?? 0) + 1 },
    defaults: { complaintLimitWorkingDays: DEFAULT_COMPLAINT_LIMIT },
  };
}

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.addHook('preValidation', async (req) => {
    authorizeAdmin(requireUser(req), 'settings');
  });

  app.get(
    '/settings',
    {
      schema: {
        tags,
        summary: '系统设置（生效日期、编号格式、上传上限、投诉渠道与时限、首页检查计划）',
        response: { 200: settingsResponse },
      },
    },
    async () => settingsView(ctx),
  );

  app.put(
    '/settings',
    {
      schema: {
        tags,
        summary: '修改系统设置（只改给出的项；每次修改记入审计日志）',
        body: settingsUpdateBody,
        response: { 200: settingsResponse },
      },
    },
    async (req) => {
      await updateSettings(ctx, { actor: requireUser(req), body: req.body });
      return settingsView(ctx);
    },
  );
};
