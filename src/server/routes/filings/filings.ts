/** The applicant's filings (SPEC §5): create, list, read, save the draft, submit, withdraw. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { filingListResponse, filingResponse, submitResponse } from '../../../shared/api/filings.js';
import { filingDraftInput } from '../../../shared/filing/schema.js';
import { discardDraft, findEmptyDraft } from '../../commands/discardDraft.js';
import { createFiling, saveFiling } from '../../commands/saveFiling.js';
import { submitFiling } from '../../commands/submitFiling.js';
import { withdrawFiling } from '../../commands/withdrawFiling.js';
import type { AppContext } from '../../context.js';
import { filings, reviewDecisions } from '../../db/schema.js';
import { requireUser } from '../../plugins/auth.js';
import { allowedChangeActions } from '../../policies/change.js';
import { allowedFilingActions, authorizeFiling } from '../../policies/filing.js';
import { presentChange } from '../../presenters/change.js';
import { presentDeregistration } from '../../presenters/deregistration.js';
import { presentFiling, presentFilingSummary } from '../../presenters/filing.js';
import { filingHistory } from '../../services/filingHistory.js';
import { type FilingRow, listAttachmentMeta, loadFiling, openDraft } from '../../services/filingRecords.js';
import { latestDeregistration, openChangeOf } from '../../services/lifecycleQueries.js';
import type { SessionUser } from '../../services/sessions.js';
import { createQuery, filingParams } from './schema.js';

const tags = ['备案 Filings'];

/** The latest correction notice, while the filing waits for the applicant's corrections. */
async function openCorrection(ctx: AppContext, row: FilingRow) {
  if (row.status !== 'correction_requested') return null;
  const [d] = await ctx.db
    .select()
    .from(reviewDecisions)
    .where(
      and(
        eq(reviewDecisions.filingId, row.id),
        eq(reviewDecisions.kind, 'correction'),
        isNull(reviewDecisions.changeId),
      ),
    )
    .orderBy(desc(reviewDecisions.createdAt))
    .limit(1);
  return d
    ? { summary: d.summary ?? '', items: d.items as { field: string; message: string }[], createdAt: d.createdAt }
    : null;
}

export async function view(ctx: AppContext, user: SessionUser, row: FilingRow) {
  const [change, dereg, cal, launchWarningDays, history] = await Promise.all([
    openChangeOf(ctx.db, row.id),
    latestDeregistration(ctx.db, row.id),
    ctx.calendar.get(),
    ctx.settings.get('article8.launchWarningDays'),
    filingHistory(ctx.db, row.id),
  ]);
  const now = ctx.now();
  return presentFiling({
    row,
    history,
    correction: await openCorrection(ctx, row),
    draft: openDraft(ctx.cipher, row),
    attachments: await listAttachmentMeta(ctx.db, row.id),
    allowedActions: allowedFilingActions(user, row, {
      openChange: !!change,
      scheduledDeregistration: dereg?.status === 'scheduled',
    }),
    openChange: change ? presentChange(change, row, allowedChangeActions(user, row, change), cal, now) : null,
    deregistration: dereg ? presentDeregistration(dereg) : null,
    launchWarningDays,
    cal,
    now,
    allowPrivateHomepage: ctx.config.monitorAllowPrivate,
  });
}

export const filingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post(
    '/',
    // A POST without a body reaches the validator as null: it starts an empty draft, like `{}`.
    {
      schema: {
        tags,
        summary: '新建备案草稿（可带部分表单）；reuseEmpty=1 且不带表单时，沿用本账号已有的空草稿（200）',
        body: filingDraftInput.nullish(),
        querystring: createQuery,
        response: { 200: filingResponse, 201: filingResponse },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const empty = !req.body || Object.keys(req.body).length === 0;
      if (req.query.reuseEmpty === '1' && empty) {
        const existing = await findEmptyDraft(ctx, user.id);
        if (existing) return reply.code(200).send({ filing: await view(ctx, user, existing) });
      }
      const row = await createFiling(ctx, { user, draft: req.body ?? {} });
      return reply.code(201).send({ filing: await view(ctx, user, row) });
    },
  );

  app.get('/', { schema: { tags, summary: '我的备案', response: { 200: filingListResponse } } }, async (req) => {
    const user = requireUser(req);
    const rows = await ctx.db
      .select()
      .from(filings)
      .where(eq(filings.ownerId, user.id))
      .orderBy(desc(filings.updatedAt));
    const cal = await ctx.calendar.get();
    return { items: rows.map((r) => presentFilingSummary(r, cal, ctx.now())) };
  });

  app.get(
    '/:id',
    { schema: { tags, summary: '备案详情', params: filingParams, response: { 200: filingResponse } } },
    async (req) => {
      const user = requireUser(req);
      const row = await loadFiling(ctx.db, req.params.id);
      authorizeFiling(user, 'read', row);
      return { filing: await view(ctx, user, row) };
    },
  );

  app.put(
    '/:id',
    {
      schema: {
        tags,
        summary: '保存草稿（整表替换）',
        params: filingParams,
        body: filingDraftInput,
        response: { 200: filingResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await saveFiling(ctx, { user, filingId: req.params.id, draft: req.body });
      return { filing: await view(ctx, user, row) };
    },
  );

  app.post(
    '/:id/submit',
    {
      schema: {
        tags,
        summary: '提交备案：通过完整性核查后开始 10 个工作日的审核期限',
        params: filingParams,
        response: { 200: submitResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await submitFiling(ctx, { user, filingId: req.params.id });
      const filing = await view(ctx, user, row);
      return {
        filing,
        dueDate: row.dueDate,
        provisional: row.dueProvisional,
        workingDaysLeft: filing.due?.workingDaysLeft ?? null,
      };
    },
  );

  app.delete(
    '/:id',
    { schema: { tags, summary: '删除草稿（仅限从未提交的草稿，其他状态 409）', params: filingParams } },
    async (req, reply) => {
      const user = requireUser(req);
      await discardDraft(ctx, { user, filingId: req.params.id });
      return reply.code(204).send();
    },
  );

  app.post(
    '/:id/withdraw',
    { schema: { tags, summary: '撤回备案申请', params: filingParams, response: { 200: filingResponse } } },
    async (req) => {
      const user = requireUser(req);
      const row = await withdrawFiling(ctx, { user, filingId: req.params.id });
      return { filing: await view(ctx, user, row) };
    },
  );
};
