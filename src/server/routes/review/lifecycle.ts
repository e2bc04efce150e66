/**
 * After approval, the staff side (Articles 6–8; SPEC §5 "After approval", §8): reviewing changes, revocation (admins),
 * every approved version and the diff between any two, and the list of deregistrations (scheduled ones included).
 */
import { and, count, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changeAttachmentParams, changeParams, reviewChangeResponse } from '../../../shared/api/changes.js';
import { deregistrationsQuery, deregistrationsResponse } from '../../../shared/api/deregistration.js';
import { revokeBody, revokeResponse } from '../../../shared/api/revocation.js';
import {
  versionDiffQuery,
  versionDiffResponse,
  versionParams,
  versionResponse,
  versionsResponse,
} from '../../../shared/api/versions.js';
import { diffForms } from '../../../shared/filing/diff.js';
import { approveChange } from '../../commands/approveChange.js';
import { readChangeAttachment } from '../../commands/attachments.js';
import { requestChangeCorrection } from '../../commands/requestChangeCorrection.js';
import { revokeFiling } from '../../commands/revokeFiling.js';
import type { AppContext } from '../../context.js';
import { deregistrations, filings } from '../../db/schema.js';
import { requireUser } from '../../plugins/auth.js';
import { allowedChangeReviewActions, authorizeChangeReview } from '../../policies/change.js';
import { authorizeReview, requireReviewStaff } from '../../policies/review.js';
import { presentReviewChange } from '../../presenters/change.js';
import { presentDeregistration } from '../../presenters/deregistration.js';
import { presentVersion, presentVersionSummary } from '../../presenters/version.js';
import { type ChangeRow, listVersionAttachments, loadChange, loadFiling } from '../../services/filingRecords.js';
import { listVersions, loadVersion, openVersionDraft } from '../../services/filingVersions.js';
import { changeViewInput, latestCorrection } from '../../services/lifecycleQueries.js';
import type { SessionUser } from '../../services/sessions.js';
import { sendAttachment } from '../filings/attachments.js';
import { downloadQuery, filingParams } from '../filings/schema.js';
import { correctionBody } from './schema.js';

const tags = ['审核 Review'];

async function reviewChangeView(ctx: AppContext, user: SessionUser, change: ChangeRow) {
  const filing = await loadFiling(ctx.db, change.filingId);
  const input = await changeViewInput(ctx, change, filing, allowedChangeReviewActions(user, change));
  return presentReviewChange({ ...input, correction: latestCorrection(input.decisions) }, input.decisions);
}

export const reviewLifecycleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  // Strangers get 401/403 before the body is looked at (as routes/review/review.ts).
  app.addHook('preValidation', async (req) => {
    requireReviewStaff(requireUser(req));
  });

  app.get(
    '/changes/:changeId',
    {
      schema: {
        tags,
        summary: '变更审核页：表单（个人信息脱敏）与逐字段对比',
        params: changeParams,
        response: { 200: reviewChangeResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const change = await loadChange(ctx.db, req.params.changeId);
      authorizeChangeReview(user, 'read', change);
      return { change: await reviewChangeView(ctx, user, change) };
    },
  );

  app.post(
    '/changes/:changeId/approve',
    {
      schema: {
        tags,
        summary: '通过变更：生成新版本，编号不变，通报并更新公开信息',
        params: changeParams,
        response: { 200: reviewChangeResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { change } = await approveChange(ctx, { user, changeId: req.params.changeId });
      return { change: await reviewChangeView(ctx, user, change) };
    },
  );

  app.post(
    '/changes/:changeId/request-correction',
    {
      schema: {
        tags,
        summary: '变更通知补正（逐字段说明原因）',
        params: changeParams,
        body: correctionBody,
        response: { 200: reviewChangeResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const change = await requestChangeCorrection(ctx, { user, changeId: req.params.changeId, ...req.body });
      return { change: await reviewChangeView(ctx, user, change) };
    },
  );

  app.get(
    '/changes/:changeId/attachments/:attachmentId',
    { schema: { tags, summary: '查看变更附件', params: changeAttachmentParams, querystring: downloadQuery } },
    async (req, reply) => {
      const user = requireUser(req);
      const file = await readChangeAttachment(ctx, { user, ...req.params, audience: 'staff' });
      return sendAttachment(reply, file, req.query.inline === '1');
    },
  );

  app.post(
    '/filings/:id/revoke',
    {
      schema: {
        tags,
        summary: '撤销备案（管理员）',
        params: filingParams,
        body: revokeBody,
        response: { 200: revokeResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await revokeFiling(ctx, { user, filingId: req.params.id, ...req.body });
      return {
        filing: {
          id: row.id,
          filingNumber: row.filingNumber,
          status: row.status,
          revokedAt: row.revokedAt?.toISOString() ?? null,
          revocationReason: row.revocationReason,
          revocationComplaintId: row.revocationComplaintId,
        },
      };
    },
  );

  app.get(
    '/filings/:id/versions',
    { schema: { tags, summary: '备案的全部已生效版本', params: filingParams, response: { 200: versionsResponse } } },
    async (req) => {
      const user = requireUser(req);
      const filing = await loadFiling(ctx.db, req.params.id);
      authorizeReview(user, 'read', filing);
      const versions = await listVersions(ctx.db, filing.id);
      return { versions: versions.map((v) => presentVersionSummary(v, filing.recordVersion)) };
    },
  );

  app.get(
    '/filings/:id/versions/diff',
    {
      schema: {
        tags,
        summary: '任意两个版本之间的逐字段对比（个人信息脱敏）',
        params: filingParams,
        querystring: versionDiffQuery,
        response: { 200: versionDiffResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const filing = await loadFiling(ctx.db, req.params.id);
      authorizeReview(user, 'read', filing);
      const [a, b] = await Promise.all([
        loadVersion(ctx.db, filing.id, req.query.from),
        loadVersion(ctx.db, filing.id, req.query.to),
      ]);
      const [fa, fb] = await Promise.all([
        listVersionAttachments(ctx.db, filing.id, a.version.changeId),
        listVersionAttachments(ctx.db, filing.id, b.version.changeId),
      ]);
      const diff = diffForms(openVersionDraft(ctx.cipher, a.version), openVersionDraft(ctx.cipher, b.version), {
        before: fa,
        after: fb,
      });
      return { from: req.query.from, to: req.query.to, diff };
    },
  );

  app.get(
    '/filings/:id/versions/:version',
    {
      schema: {
        tags,
        summary: '某一版本的全部内容（个人信息脱敏）',
        params: versionParams,
        response: { 200: versionResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const filing = await loadFiling(ctx.db, req.params.id);
      authorizeReview(user, 'read', filing);
      const v = await loadVersion(ctx.db, filing.id, req.params.version);
      const files = await listVersionAttachments(ctx.db, filing.id, v.version.changeId);
      return { version: presentVersion(v, filing.recordVersion, openVersionDraft(ctx.cipher, v.version), files) };
    },
  );

  app.get(
    '/deregistrations',
    {
      schema: {
        tags,
        summary: '注销申请（含预约注销），按终止日期排序',
        querystring: deregistrationsQuery,
        response: { 200: deregistrationsResponse },
      },
    },
    async (req) => {
      const { status = 'scheduled', page = 1, pageSize = 50 } = req.query;
      const where = status === 'all' ? undefined : eq(deregistrations.status, status);
      const [rows, [total]] = await Promise.all([
        ctx.db
          .select({ d: deregistrations, filingNumber: filings.filingNumber, platformName: filings.platformName })
          .from(deregistrations)
          .innerJoin(filings, eq(filings.id, deregistrations.filingId))
          .where(and(where))
          .orderBy(status === 'scheduled' ? deregistrations.terminationDate : desc(deregistrations.requestedAt))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        ctx.db.select({ n: count() }).from(deregistrations).where(where),
      ]);
      return {
        total: total?.n ?? 0,
        page,
        pageSize,
        items: rows.map((r) => ({
          ...presentDeregistration(r.d),
          filingNumber: r.filingNumber,
          platformName: r.platformName,
        })),
      };
    },
  );
};
