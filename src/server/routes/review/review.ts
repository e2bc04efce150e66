/** The regulator's review (SPEC §5, Article 5): queue, the review page, claims, checks and decisions. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  approveResponse,
  revealResponse,
  reviewersResponse,
  reviewFilingResponse,
} from '../../../shared/api/review.js';
import { queueQuery, queueResponse } from '../../../shared/api/reviewQueue.js';
import { chinaToday } from '../../../shared/calendar/index.js';
import { article8View } from '../../../shared/filing/article8.js';
import { type AttachmentFile, diffForms } from '../../../shared/filing/diff.js';
import { mergePersonal, type PersonalPart } from '../../../shared/filing/personal.js';
import type { FilingDraft } from '../../../shared/filing/schema.js';
import { approveFiling } from '../../commands/approveFiling.js';
import { readStaffAttachment } from '../../commands/attachments.js';
import { requestCorrection } from '../../commands/requestCorrection.js';
import { assignReviewer, recordCheck, revealPersonal } from '../../commands/reviewWork.js';
import type { AppContext } from '../../context.js';
import { reviewChecks, reviewDecisions, users } from '../../db/schema.js';
import { requireUser } from '../../plugins/auth.js';
import { allowedReviewActions, authorizeReview, requireReviewStaff } from '../../policies/review.js';
import { presentQueueItem, presentReviewFiling } from '../../presenters/reviewFiling.js';
import {
  type AttachmentMeta,
  type FilingRow,
  listAttachmentMeta,
  loadFiling,
  openChangeDraft,
  openDraft,
} from '../../services/filingRecords.js';
import { openChangeOf } from '../../services/lifecycleQueries.js';
import { queryQueue } from '../../services/reviewQueue.js';
import type { SessionUser } from '../../services/sessions.js';
import { sendAttachment } from '../filings/attachments.js';
import { attachmentParams, downloadQuery, filingParams } from '../filings/schema.js';
import { assignBody, checkBody, checkParams, correctionBody, revealBody } from './schema.js';

const tags = ['审核 Review'];

async function reviewView(ctx: AppContext, user: SessionUser, row: FilingRow) {
  const [attachments, checks, decisions, openChange] = await Promise.all([
    listAttachmentMeta(ctx.db, row.id),
    ctx.db.select().from(reviewChecks).where(eq(reviewChecks.filingId, row.id)),
    ctx.db
      .select()
      .from(reviewDecisions)
      .where(and(eq(reviewDecisions.filingId, row.id), isNull(reviewDecisions.changeId)))
      .orderBy(desc(reviewDecisions.createdAt)),
    openChangeOf(ctx.db, row.id),
  ]);
  const draft = openDraft(ctx.cipher, row);
  return presentReviewFiling({
    row,
    draft,
    attachments,
    checks,
    decisions,
    sinceCorrection: correctionDiff(ctx, row, draft, attachments, decisions[0]),
    allowedActions: allowedReviewActions(user, row),
    openChangeId: openChange?.id ?? null,
    cal: await ctx.calendar.get(),
    now: ctx.now(),
    allowPrivateHomepage: ctx.config.monitorAllowPrivate,
  });
}

/**
 * What the applicant changed since the latest correction notice (the form it sent back against the form now), once
 * the filing is resubmitted; personal values masked by the diff.
 */
function correctionDiff(
  ctx: AppContext,
  row: FilingRow,
  draft: FilingDraft,
  attachments: AttachmentMeta[],
  latest: typeof reviewDecisions.$inferSelect | undefined,
) {
  if (latest?.kind !== 'correction' || !latest.formData || row.status === 'correction_requested') return null;
  const personal = latest.formPersonalEnc
    ? ctx.cipher.openJson<PersonalPart>(latest.formPersonalEnc, `decision:${latest.id}`)
    : {};
  const before = mergePersonal(latest.formData as FilingDraft, personal);
  const files = (latest.formFiles ?? []) as AttachmentFile[];
  const now = attachments.map((a) => ({ kind: a.kind, fileName: a.fileName, sm3: a.sm3 }));
  return { correctedAt: latest.createdAt, diff: diffForms(before, draft, { before: files, after: now }) };
}

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  /**
   * Every review route needs review staff; the check runs before the body is looked at (preValidation, not
   * preHandler, which comes after validation), so strangers get 401/403 and never learn the body's rules.
   */
  app.addHook('preValidation', async (req) => {
    requireReviewStaff(requireUser(req));
  });

  app.get(
    '/queue',
    {
      schema: {
        tags,
        summary:
          '审核队列：首次备案与变更备案，按审核截止日期排序，超期在前；launch=due 列出临近或已过计划上线日期而未备案的平台（第八条）',
        querystring: queueQuery,
        response: { 200: queueResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { status = 'submitted', kind = 'all', assignee = 'any', page = 1, pageSize = 50 } = req.query;
      const rows = await queryQueue(ctx, user.id, { ...req.query, status, kind, assignee, page, pageSize });
      const [cal, warningDays] = await Promise.all([
        ctx.calendar.get(),
        ctx.settings.get('article8.launchWarningDays'),
      ]);
      const now = ctx.now();
      const today = chinaToday(now);
      return {
        total: rows[0]?.total ?? 0,
        page,
        pageSize,
        items: rows.map((row) => {
          // An organisation's name is in the open part; only an individual's needs decrypting (and is masked).
          const open = row.data as FilingDraft;
          const sealed = { id: row.change_id ?? row.filing_id, data: row.data, personalEnc: row.personal_enc };
          const d =
            open.sponsor?.type === 'individual'
              ? row.kind === 'change'
                ? openChangeDraft(ctx.cipher, sealed)
                : openDraft(ctx.cipher, sealed)
              : open;
          const a8 =
            row.kind === 'filing'
              ? article8View(open, { late: row.late, approved: !!row.filing_number }, today, warningDays)
              : null;
          return presentQueueItem(row, { name: d.sponsor?.name, type: d.sponsor?.type }, a8, cal, now);
        }),
      };
    },
  );

  app.get(
    '/reviewers',
    { schema: { tags, summary: '审核人员列表（分配用）', response: { 200: reviewersResponse } } },
    async () => {
      const staff = await ctx.db
        .select({ id: users.id, displayName: users.displayName, roles: users.roles })
        .from(users)
        .where(and(eq(users.disabled, false), sql`${users.roles} && array['reviewer','admin']::text[]`));
      return { items: staff.map((s) => ({ id: s.id, displayName: s.displayName ?? '审核员', roles: s.roles })) };
    },
  );

  app.get(
    '/filings/:id',
    {
      schema: {
        tags,
        summary: '审核页：全部字段（个人信息脱敏）',
        params: filingParams,
        response: { 200: reviewFilingResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await loadFiling(ctx.db, req.params.id);
      authorizeReview(user, 'read', row);
      return { filing: await reviewView(ctx, user, row) };
    },
  );

  app.post(
    '/filings/:id/approve',
    {
      schema: {
        tags,
        summary: '予以备案：发放备案编号、通报、公布',
        params: filingParams,
        response: { 200: approveResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await approveFiling(ctx, { user, filingId: req.params.id });
      return { filing: await reviewView(ctx, user, row), filingNumber: row.filingNumber };
    },
  );

  app.post(
    '/filings/:id/request-correction',
    {
      schema: {
        tags,
        summary: '通知补正（逐字段说明原因）',
        params: filingParams,
        body: correctionBody,
        response: { 200: reviewFilingResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await requestCorrection(ctx, { user, filingId: req.params.id, ...req.body });
      return { filing: await reviewView(ctx, user, row) };
    },
  );

  app.post(
    '/filings/:id/claim',
    { schema: { tags, summary: '认领', params: filingParams, response: { 200: reviewFilingResponse } } },
    async (req) => {
      const user = requireUser(req);
      await assignReviewer(ctx, { user, filingId: req.params.id });
      return { filing: await reviewView(ctx, user, await loadFiling(ctx.db, req.params.id)) };
    },
  );

  app.post(
    '/filings/:id/assign',
    {
      schema: {
        tags,
        summary: '分配给审核人员（管理员）',
        params: filingParams,
        body: assignBody,
        response: { 200: reviewFilingResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await assignReviewer(ctx, { user, filingId: req.params.id, reviewerId: req.body.reviewerId });
      return { filing: await reviewView(ctx, user, await loadFiling(ctx.db, req.params.id)) };
    },
  );

  app.put(
    '/filings/:id/checks/:section',
    {
      schema: {
        tags,
        summary: '记录真实性核查结果',
        params: checkParams,
        body: checkBody,
        response: { 200: reviewFilingResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await recordCheck(ctx, { user, filingId: req.params.id, section: req.params.section, ...req.body });
      return { filing: await reviewView(ctx, user, await loadFiling(ctx.db, req.params.id)) };
    },
  );

  app.post(
    '/filings/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看未脱敏的个人信息（记录原因）',
        params: filingParams,
        body: revealBody,
        response: { 200: revealResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return { personal: await revealPersonal(ctx, { user, filingId: req.params.id, reason: req.body.reason }) };
    },
  );

  app.get(
    '/filings/:id/attachments/:attachmentId',
    { schema: { tags, summary: '查看附件', params: attachmentParams, querystring: downloadQuery } },
    async (req, reply) => {
      const user = requireUser(req);
      const file = await readStaffAttachment(ctx, {
        user,
        filingId: req.params.id,
        attachmentId: req.params.attachmentId,
      });
      return sendAttachment(reply, file, req.query.inline === '1');
    },
  );
};
