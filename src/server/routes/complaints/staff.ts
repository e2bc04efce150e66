/**
 * The complaint handlers' API (SPEC §5 `GET/POST /api/complaints`, `GET /api/complaints/:id`; §9; Article 9): the
 * queue by due date with overdue first, one complaint (contact masked, evidence, timeline, duplicates, allowed
 * actions), intake of phone calls and emails (JSON or multipart with evidence; `.eml` import), and every step of the
 * workflow; for `number_not_shown` complaints, the homepage checks linked to it (a fresh one on demand) and their
 * evidence packages. Handlers only (`complaints` role, or admin); each step is a command with its audit entry.
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assignComplaintBody,
  closeComplaintBody,
  complaintHandlersResponse,
  complaintMeasureBody,
  complaintQueueQuery,
  complaintQueueResponse,
  complaintResponse,
  emlImportFields,
  emlImportResponse,
  revealContactBody,
  revealContactResponse,
  staffComplaintBody,
  startVerificationBody,
  verifyComplaintBody,
} from '../../../shared/api/complaints.js';
import { homepageCheckResponse } from '../../../shared/api/homepageChecks.js';
import { chinaToday, dueWindow } from '../../../shared/calendar/index.js';
import { readBlob } from '../../attachments/blobStore.js';
import { appendAudit } from '../../audit/auditLog.js';
import { assignComplaint } from '../../commands/complaints/assignComplaint.js';
import { closeComplaint } from '../../commands/complaints/closeComplaint.js';
import { importEml } from '../../commands/complaints/importEml.js';
import { receiveComplaint } from '../../commands/complaints/receiveComplaint.js';
import { type ComplaintRow, loadComplaint, openContact } from '../../commands/complaints/records.js';
import { revealContact } from '../../commands/complaints/revealContact.js';
import { takeMeasure } from '../../commands/complaints/takeMeasure.js';
import { startVerification, verifyComplaint } from '../../commands/complaints/verifyComplaint.js';
import type { AppContext } from '../../context.js';
import { homepageChecks as homepageChecksTable } from '../../db/schema.js';
import { AppError, badRequest, notFound, said } from '../../lib/errors.js';
import { runHomepageCheck } from '../../monitor/runCheck.js';
import { sendEvidencePackage } from '../../monitor/sendEvidence.js';
import { requireUser } from '../../plugins/auth.js';
import { requireComplaintHandler } from '../../policies/complaint.js';
import { presentComplaintSummary, presentStaffComplaint } from '../../presenters/complaint.js';
import { presentHomepageCheck } from '../../presenters/homepageCheck.js';
import {
  complaintEvidenceList,
  complaintHomepageChecks,
  complaintTimeline,
  duplicatesOf,
  listComplaints,
  listHandlers,
  targetCounts,
} from '../../services/complaintQueries.js';
import type { SessionUser } from '../../services/sessions.js';
import { parseOr400, readComplaintRequest } from './form.js';

const tags = ['投诉处理 Complaint handling'];
const idParams = z.strictObject({ id: z.string().max(64) });
const evidenceParams = z.strictObject({ id: z.string().max(64), evidenceId: z.string().max(64) });
const checkParams = z.strictObject({ id: z.string().max(64), checkId: z.string().max(64) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Article 5 evidence for a `number_not_shown` complaint about a filing: the handler may run a fresh check. */
const canCheckHomepage = (row: ComplaintRow) =>
  row.category === 'number_not_shown' && row.targetFilingId !== null && row.status !== 'closed';

function handler(req: Parameters<typeof requireUser>[0]): SessionUser {
  const user = requireUser(req);
  requireComplaintHandler(user);
  return user;
}

async function detail(ctx: AppContext, user: SessionUser, row: ComplaintRow) {
  const [events, evidence, duplicates, cal, handlers, homepageChecks] = await Promise.all([
    complaintTimeline(ctx.db, row.id),
    complaintEvidenceList(ctx.db, row.id),
    duplicatesOf(ctx.db, row),
    ctx.calendar.get(),
    listHandlers(ctx.db),
    complaintHomepageChecks(ctx.db, row.id),
  ]);
  const handlerName = handlers.find((h) => h.id === row.assignedHandlerId)?.displayName ?? null;
  return {
    complaint: {
      ...presentStaffComplaint(user, row, events, evidence, duplicates, {
        contact: openContact(ctx.cipher, row),
        calendar: cal,
        today: chinaToday(ctx.now()),
        handlerName,
      }),
      homepageChecks,
      canCheckHomepage: canCheckHomepage(row),
    },
  };
}

export const staffComplaintRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: '投诉队列：未办结的按期限排列（逾期在前），其后为已办结；可按状态、类别、期限（即将到期/已逾期）筛选',
        querystring: complaintQueueQuery,
        response: { 200: complaintQueueResponse },
      },
    },
    async (req) => {
      const user = handler(req);
      const [cal, today] = [await ctx.calendar.get(), chinaToday(ctx.now())];
      const { due } = req.query;
      const rows = await listComplaints(ctx.db, {
        status: req.query.status,
        mine: req.query.mine ? user.id : undefined,
        category: req.query.category,
        due: due ? { filter: due, window: dueWindow(cal, today) } : undefined,
      });
      const counts = await targetCounts(ctx.db, [...new Set(rows.map((r) => r.targetKey))]);
      return {
        items: rows.map((r) => ({
          ...presentComplaintSummary(r, { calendar: cal, today }),
          sameTarget: (counts.get(r.targetKey) ?? 1) - 1,
        })),
      };
    },
  );

  app.get(
    '/handlers',
    { schema: { tags, summary: '可指派的投诉处理人员', response: { 200: complaintHandlersResponse } } },
    async (req) => {
      handler(req);
      return { handlers: await listHandlers(ctx.db) };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: '受理电话、邮件投诉（channel: phone | email；JSON，或 multipart 加至多 5 个 evidence 文件）',
        consumes: ['application/json', 'multipart/form-data'],
        response: { 201: complaintResponse },
      },
    },
    async (req, reply) => {
      const user = handler(req);
      const { body, evidence } = await readComplaintRequest(req, ctx, staffComplaintBody);
      const { channel, ...fields } = body;
      const row = await receiveComplaint(ctx, { channel, fields, evidence, recordedBy: user.id });
      return reply.code(201).send(await detail(ctx, user, row));
    },
  );

  app.post(
    '/import-eml',
    {
      schema: {
        tags,
        summary: '导入 .eml 邮件为投诉（multipart：eml 文件，可选 category 与被投诉对象）',
        consumes: ['multipart/form-data'],
        response: { 201: emlImportResponse },
      },
    },
    async (req, reply) => {
      const user = handler(req);
      if (!req.isMultipart())
        throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 上传 .eml 文件');
      const fields: Record<string, string> = {};
      let eml: Buffer | undefined;
      try {
        for await (const part of req.parts({ limits: { files: 1, fileSize: 30 * 1024 * 1024 } })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'eml') {
              part.file.resume();
              continue;
            }
            eml = await part.toBuffer();
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
      } catch (err) {
        // The multipart parser throws plain errors on a malformed body (no boundary, truncated data): the client's.
        if (err instanceof AppError || (err as { statusCode?: number }).statusCode !== undefined) throw err;
        throw new AppError(400, 'invalid_multipart', '请求体不是有效的 multipart/form-data');
      }
      if (!eml?.length) throw badRequest('eml：请选择 .eml 邮件文件', [said('eml', 'api.emlMissing')]);
      const chosen = parseOr400(emlImportFields, fields);
      const { complaint, skipped } = await importEml(ctx, { user, eml, ...chosen });
      return reply.code(201).send({ ...(await detail(ctx, user, complaint)), skipped });
    },
  );

  app.get(
    '/:id',
    { schema: { tags, summary: '投诉详情（联系方式脱敏）', params: idParams, response: { 200: complaintResponse } } },
    async (req) => {
      const user = handler(req);
      return detail(ctx, user, await loadComplaint(ctx.db, req.params.id));
    },
  );

  app.post(
    '/:id/assign',
    {
      schema: {
        tags,
        summary: '指派处理人',
        params: idParams,
        body: assignComplaintBody,
        response: { 200: complaintResponse },
      },
    },
    async (req) => {
      const user = handler(req);
      const row = await assignComplaint(ctx, { user, complaintId: req.params.id, handlerId: req.body.handlerId });
      return detail(ctx, user, row);
    },
  );

  app.post(
    '/:id/start-verification',
    {
      schema: {
        tags,
        summary: '开始核查（已受理 → 核查中）',
        params: idParams,
        body: startVerificationBody,
        response: { 200: complaintResponse },
      },
    },
    async (req) => {
      const user = handler(req);
      const row = await startVerification(ctx, { user, complaintId: req.params.id, note: req.body?.note });
      return detail(ctx, user, row);
    },
  );

  app.post(
    '/:id/verify',
    {
      schema: {
        tags,
        summary: '核查结论（核查中 → 属实 | 不属实）',
        params: idParams,
        body: verifyComplaintBody,
        response: { 200: complaintResponse },
      },
    },
    async (req) => {
      const user = handler(req);
      const row = await verifyComplaint(ctx, { user, complaintId: req.params.id, ...req.body });
      return detail(ctx, user, row);
    },
  );

  app.post(
    '/:id/measures',
    {
      schema: {
        tags,
        summary:
          '处理措施（属实时）：interview 约谈 · rectify 责令整改 · revoke 撤销备案（管理员）· refer 移送公安机关',
        params: idParams,
        body: complaintMeasureBody,
        response: { 200: complaintResponse },
      },
    },
    async (req) => {
      const user = handler(req);
      const row = await takeMeasure(ctx, { user, complaintId: req.params.id, ...req.body });
      return detail(ctx, user, row);
    },
  );

  app.post(
    '/:id/close',
    {
      schema: {
        tags,
        summary: '办结并答复投诉人（有邮箱时发送邮件）',
        params: idParams,
        body: closeComplaintBody,
        response: { 200: complaintResponse },
      },
    },
    async (req) => {
      const user = handler(req);
      const row = await closeComplaint(ctx, { user, complaintId: req.params.id, reply: req.body.reply });
      return detail(ctx, user, row);
    },
  );

  app.post(
    '/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看未脱敏的投诉人联系方式（记录原因）',
        params: idParams,
        body: revealContactBody,
        response: { 200: revealContactResponse },
      },
    },
    async (req, reply) => {
      const user = handler(req);
      reply.header('cache-control', 'no-store');
      return { contact: await revealContact(ctx, { user, complaintId: req.params.id, reason: req.body.reason }) };
    },
  );

  app.get(
    '/:id/evidence/:evidenceId',
    { schema: { tags, summary: '下载或预览证据材料（?inline=1 预览）', params: evidenceParams } },
    async (req, reply) => {
      const user = handler(req);
      const row = await loadComplaint(ctx.db, req.params.id);
      const file = UUID.test(req.params.evidenceId)
        ? (await complaintEvidenceList(ctx.db, row.id)).find((e) => e.id === req.params.evidenceId)
        : undefined;
      if (!file) throw notFound('未找到该证据材料');
      await ctx.db.transaction((tx) =>
        appendAudit(tx, {
          action: 'complaint.evidence_download',
          actorId: user.id,
          subjectType: 'complaint',
          subjectId: row.id,
          details: { evidenceId: file.id },
        }),
      );
      const inline = (req.query as { inline?: string }).inline === '1';
      return reply
        .header('content-type', file.mime)
        .header('content-length', file.size)
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('x-sm3-digest', file.sm3)
        .send(readBlob(ctx, file.blobId, file.size));
    },
  );

  app.post(
    '/:id/homepage-checks',
    {
      schema: {
        tags,
        summary: '“未在首页底部标明备案编号”投诉：立即检查被投诉平台的首页，检查记录关联到本投诉',
        params: idParams,
        response: { 201: homepageCheckResponse },
      },
    },
    async (req, reply) => {
      const user = handler(req);
      const row = await loadComplaint(ctx.db, req.params.id);
      if (!canCheckHomepage(row)) {
        throw new AppError(409, 'not_checkable', '仅“未在首页底部标明备案编号”且指向备案、未办结的投诉可以检查首页');
      }
      const check = await runHomepageCheck(ctx, {
        filingId: row.targetFilingId as string,
        trigger: 'complaint',
        requestedBy: user.id,
        complaintId: row.id,
      });
      return reply.code(201).send({ check: presentHomepageCheck(check) });
    },
  );

  app.get(
    '/:id/homepage-checks/:checkId/evidence',
    { schema: { tags, summary: '下载关联到本投诉的首页检查证据包（zip）', params: checkParams } },
    async (req, reply) => {
      const user = handler(req);
      const complaint = await loadComplaint(ctx.db, req.params.id);
      if (!UUID.test(req.params.checkId)) throw notFound('未找到关联到本投诉的检查记录');
      const [row] = await ctx.db
        .select()
        .from(homepageChecksTable)
        .where(and(eq(homepageChecksTable.id, req.params.checkId), eq(homepageChecksTable.complaintId, complaint.id)));
      if (!row) throw notFound('未找到关联到本投诉的检查记录');
      return sendEvidencePackage(ctx, reply, row, user.id, complaint.id);
    },
  );
};
