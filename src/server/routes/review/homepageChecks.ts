/**
 * The homepage monitor on the staff side (Article 5; SPEC §5 "Homepage monitor", §10): run a check of a filing's
 * homepage now, its history with the evidence and the bottom screenshot, a check's evidence package (zip), and the
 * filings flagged after 3 misses.
 */
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  checkAllResponse,
  flaggedFilingsResponse,
  homepageCheckParams,
  homepageCheckResponse,
  homepageChecksResponse,
} from '../../../shared/api/homepageChecks.js';
import { filings, homepageChecks, homepageMonitor } from '../../db/schema.js';
import { scheduleChecks } from '../../jobs/monitorJobs.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { runHomepageCheck } from '../../monitor/runCheck.js';
import { closeMonitorRuntime } from '../../monitor/runtime.js';
import { sendEvidencePackage } from '../../monitor/sendEvidence.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeReview, requireReviewStaff } from '../../policies/review.js';
import { hasRole } from '../../policies/utils.js';
import { presentHomepageCheck } from '../../presenters/homepageCheck.js';
import { loadFiling } from '../../services/filingRecords.js';
import { filingParams } from '../filings/schema.js';

const tags = ['首页监测 Homepage monitor'];

export const homepageCheckRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.addHook('onClose', () => closeMonitorRuntime(ctx));
  app.addHook('preValidation', async (req) => {
    requireReviewStaff(requireUser(req));
  });

  app.post(
    '/filings/:id/homepage-checks',
    {
      schema: {
        tags,
        summary: '立即检查该备案平台首页底部是否展示备案编号（第五条），保存证据',
        params: filingParams,
        response: { 201: homepageCheckResponse },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeReview(user, 'read', await loadFiling(ctx.db, req.params.id));
      const row = await runHomepageCheck(ctx, { filingId: req.params.id, trigger: 'staff', requestedBy: user.id });
      return reply.code(201).send({ check: presentHomepageCheck(row) });
    },
  );

  app.get(
    '/filings/:id/homepage-checks',
    {
      schema: {
        tags,
        summary: '首页检查历史（新的在前），含证据',
        params: filingParams,
        response: { 200: homepageChecksResponse },
      },
    },
    async (req) => {
      authorizeReview(requireUser(req), 'read', await loadFiling(ctx.db, req.params.id));
      const rows = await ctx.db
        .select()
        .from(homepageChecks)
        .where(eq(homepageChecks.filingId, req.params.id))
        .orderBy(desc(homepageChecks.checkedAt), desc(homepageChecks.id))
        .limit(200);
      const [state] = await ctx.db.select().from(homepageMonitor).where(eq(homepageMonitor.filingId, req.params.id));
      return {
        checks: rows.map(presentHomepageCheck),
        monitor: state
          ? {
              consecutiveMisses: state.consecutiveMisses,
              flaggedAt: state.flaggedAt?.toISOString() ?? null,
              lastCheckedAt: state.lastCheckedAt.toISOString(),
              lastResult: state.lastResult,
            }
          : null,
      };
    },
  );

  app.get(
    '/filings/:id/homepage-checks/:checkId/screenshot',
    { schema: { tags, summary: '渲染检查时页面底部的截图（PNG）', params: homepageCheckParams } },
    async (req, reply) => {
      authorizeReview(requireUser(req), 'read', await loadFiling(ctx.db, req.params.id));
      const [row] = await ctx.db
        .select({ screenshot: homepageChecks.screenshot })
        .from(homepageChecks)
        .where(and(eq(homepageChecks.id, req.params.checkId), eq(homepageChecks.filingId, req.params.id)));
      if (!row?.screenshot) throw notFound('该检查没有截图');
      return reply
        .header('content-type', 'image/png')
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(row.screenshot);
    },
  );

  app.get(
    '/filings/:id/homepage-checks/:checkId/evidence',
    {
      schema: {
        tags,
        summary: '下载该次检查的证据包（zip：原始页面、响应头、截图、SM3 清单 manifest.json）',
        params: homepageCheckParams,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      authorizeReview(user, 'read', await loadFiling(ctx.db, req.params.id));
      const [row] = await ctx.db
        .select()
        .from(homepageChecks)
        .where(and(eq(homepageChecks.id, req.params.checkId), eq(homepageChecks.filingId, req.params.id)));
      if (!row) throw notFound('未找到该检查记录');
      return sendEvidencePackage(ctx, reply, row, user.id);
    },
  );

  app.get(
    '/homepage-monitor/flagged',
    { schema: { tags, summary: '连续 3 次未展示备案编号而被标记的备案', response: { 200: flaggedFilingsResponse } } },
    async () => {
      const rows = await ctx.db
        .select({
          filingId: homepageMonitor.filingId,
          filingNumber: filings.filingNumber,
          platformName: filings.platformName,
          consecutiveMisses: homepageMonitor.consecutiveMisses,
          flaggedAt: homepageMonitor.flaggedAt,
          lastCheckedAt: homepageMonitor.lastCheckedAt,
          lastResult: homepageMonitor.lastResult,
        })
        .from(homepageMonitor)
        .innerJoin(filings, eq(filings.id, homepageMonitor.filingId))
        .where(and(isNotNull(homepageMonitor.flaggedAt), eq(filings.status, 'approved')))
        .orderBy(desc(homepageMonitor.flaggedAt))
        .limit(500);
      return {
        items: rows.map((r) => ({
          ...r,
          flaggedAt: (r.flaggedAt as Date).toISOString(),
          lastCheckedAt: r.lastCheckedAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/homepage-checks/check-all',
    {
      schema: {
        tags,
        summary: '管理员：立即检查所有有效备案的首页（排入后台任务，按主机礼貌间隔执行）',
        response: { 202: checkAllResponse },
      },
    },
    async (req, reply) => {
      if (!hasRole(requireUser(req), 'admin')) throw forbidden('仅管理员可以检查全部备案');
      const now = ctx.now();
      const scheduled = await scheduleChecks(ctx, {
        start: now,
        // Due at once: the scheduler runs them one after another per instance, which is the politeness.
        spreadMs: 0,
        trigger: 'admin_all',
        keyPrefix: `all:${now.toISOString().slice(0, 13)}`,
      });
      return reply.code(202).send({ scheduled });
    },
  );
};
