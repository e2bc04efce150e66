/**
 * Change filings, the applicant's side (Article 6; SPEC §5 "After approval": these paths and fields are fixed):
 * POST /api/filings/:id/changes · GET|PUT /api/changes/:changeId · POST /api/changes/:changeId/attachments ·
 * POST /api/changes/:changeId/submit · POST /api/changes/:changeId/cancel; files of a change by id.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CHANGE_UPLOAD_MODES,
  changeAttachmentParams,
  changeAttachmentResponse,
  changeParams,
  changeResponse,
  saveChangeBody,
  startChangeBody,
} from '../../../shared/api/changes.js';
import { discardBlob } from '../../attachments/blobStore.js';
import {
  authorizeChangeUpload,
  readChangeAttachment,
  removeChangeAttachment,
  uploadChangeAttachment,
} from '../../commands/attachments.js';
import { cancelChange } from '../../commands/cancelChange.js';
import { saveChange } from '../../commands/saveChange.js';
import { startChange } from '../../commands/startChange.js';
import { submitChange } from '../../commands/submitChange.js';
import type { AppContext } from '../../context.js';
import { badRequest, said } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';
import { allowedChangeActions, authorizeChange } from '../../policies/change.js';
import { presentChangeDetail } from '../../presenters/change.js';
import { presentAttachment } from '../../presenters/filing.js';
import { type ChangeRow, loadChange, loadFiling } from '../../services/filingRecords.js';
import { changeViewInput, latestCorrection } from '../../services/lifecycleQueries.js';
import type { SessionUser } from '../../services/sessions.js';
import { readUpload, sendAttachment } from '../filings/attachments.js';
import { downloadQuery, filingParams } from '../filings/schema.js';

const tags = ['变更备案 Changes'];

async function view(ctx: AppContext, user: SessionUser, change: ChangeRow) {
  const filing = await loadFiling(ctx.db, change.filingId);
  const input = await changeViewInput(ctx, change, filing, allowedChangeActions(user, filing, change));
  return presentChangeDetail({ ...input, correction: latestCorrection(input.decisions) }, 'owner');
}

export const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post(
    '/filings/:id/changes',
    {
      schema: {
        tags,
        summary: '发起变更备案：复制现行有效备案信息与附件（每个备案同时只能有一项未完成的变更）',
        params: filingParams,
        body: startChangeBody,
        response: { 201: changeResponse },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const change = await startChange(ctx, { user, filingId: req.params.id, changeDate: req.body.changeDate });
      return reply.code(201).send({ change: await view(ctx, user, change) });
    },
  );

  app.get(
    '/changes/:changeId',
    {
      schema: { tags, summary: '变更详情：表单与逐字段对比', params: changeParams, response: { 200: changeResponse } },
    },
    async (req) => {
      const user = requireUser(req);
      const change = await loadChange(ctx.db, req.params.changeId);
      authorizeChange(user, 'read', await loadFiling(ctx.db, change.filingId), change);
      return { change: await view(ctx, user, change) };
    },
  );

  app.put(
    '/changes/:changeId',
    {
      schema: {
        tags,
        summary: '保存变更（整表替换，可更正变更日期）',
        params: changeParams,
        body: saveChangeBody,
        response: { 200: changeResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { changeDate, ...draft } = req.body;
      const change = await saveChange(ctx, { user, changeId: req.params.changeId, draft, changeDate });
      return { change: await view(ctx, user, change) };
    },
  );

  app.post(
    '/changes/:changeId/attachments',
    {
      schema: {
        tags,
        summary: '上传变更附件（multipart：kind, file, mode=replace|add；默认替换该类附件）',
        params: changeParams,
        consumes: ['multipart/form-data'],
        response: { 201: changeAttachmentResponse },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await authorizeChangeUpload(ctx, user, req.params.changeId);
      const upload = await readUpload(req, ctx, await ctx.settings.get('upload.maxBytes'));
      const mode = upload.fields.mode ?? 'replace';
      const refusal = !upload.kind
        ? badRequest('kind：请指定附件类别', [said('kind', 'api.kindMissing')])
        : !(CHANGE_UPLOAD_MODES as readonly string[]).includes(mode)
          ? badRequest('mode：应为 replace 或 add', [said('mode', 'api.uploadMode')])
          : undefined;
      if (refusal || !upload.kind) {
        await discardBlob(ctx.db, upload.blob.blobId);
        throw refusal;
      }
      const row = await uploadChangeAttachment(ctx, {
        user,
        changeId: req.params.changeId,
        kind: upload.kind,
        fileName: upload.fileName,
        blob: upload.blob,
        mode: mode as 'replace' | 'add',
      });
      return reply.code(201).send({ attachment: presentAttachment(row) });
    },
  );

  app.get(
    '/changes/:changeId/attachments/:attachmentId',
    { schema: { tags, summary: '下载变更附件', params: changeAttachmentParams, querystring: downloadQuery } },
    async (req, reply) => {
      const user = requireUser(req);
      const file = await readChangeAttachment(ctx, { user, ...req.params, audience: 'owner' });
      return sendAttachment(reply, file, req.query.inline === '1');
    },
  );

  app.delete(
    '/changes/:changeId/attachments/:attachmentId',
    { schema: { tags, summary: '删除变更附件', params: changeAttachmentParams } },
    async (req, reply) => {
      const user = requireUser(req);
      await removeChangeAttachment(ctx, { user, ...req.params });
      return reply.code(204).send();
    },
  );

  app.post(
    '/changes/:changeId/submit',
    {
      schema: {
        tags,
        summary: '提交变更：通过完整性核查后进入审核队列（10 个工作日）',
        params: changeParams,
        response: { 200: changeResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const change = await submitChange(ctx, { user, changeId: req.params.changeId });
      return { change: await view(ctx, user, change) };
    },
  );

  app.post(
    '/changes/:changeId/cancel',
    { schema: { tags, summary: '取消变更（现行备案不变）', params: changeParams, response: { 200: changeResponse } } },
    async (req) => {
      const user = requireUser(req);
      const change = await cancelChange(ctx, { user, changeId: req.params.changeId });
      return { change: await view(ctx, user, change) };
    },
  );
};
