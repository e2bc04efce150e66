/**
 * The public complaint API (SPEC §5 paths and fields; §9; Article 9). No session. Submission needs a solved ALTCHA
 * challenge (accepted once), has a per-address rate limit and size limits; the status by tracking code shows the
 * state, due date, public steps and reply, never anything about the complainant.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  altchaChallengeSchema,
  createdComplaintResponse,
  publicComplaintBody,
  publicComplaintResponse,
  trackingCodeParam,
} from '../../../shared/api/complaints.js';
import { receiveComplaint } from '../../commands/complaints/receiveComplaint.js';
import { normaliseTrackingCode } from '../../commands/complaints/records.js';
import { notFound } from '../../lib/errors.js';
import { presentPublicComplaint } from '../../presenters/complaint.js';
import { newChallenge } from '../../services/altcha.js';
import { complaintTimeline, findByTrackingCode } from '../../services/complaintQueries.js';
import { readComplaintRequest } from './form.js';

const tags = ['投诉举报 Complaints'];

export const publicComplaintRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const perHour = ctx.config.rateLimits.complaints;
  const submitLimit = perHour > 0 ? { max: perHour, timeWindow: '1 hour' } : (false as const);
  const readMax = ctx.config.rateLimits.public;
  const readLimit = readMax > 0 ? { max: readMax, timeWindow: '1 minute' } : (false as const);

  app.get(
    '/challenge',
    {
      schema: { tags, summary: 'ALTCHA 人机验证挑战（工作量证明，v1 协议）', response: { 200: altchaChallengeSchema } },
      config: { rateLimit: readLimit },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return newChallenge(ctx);
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: '提交投诉举报（JSON，或 multipart 加至多 5 个 evidence 文件：PDF、JPEG、PNG）',
        consumes: ['application/json', 'multipart/form-data'],
        response: { 201: createdComplaintResponse },
      },
      config: { rateLimit: submitLimit },
    },
    async (req, reply) => {
      const { body, evidence } = await readComplaintRequest(req, ctx, publicComplaintBody);
      const { altcha, ...fields } = body;
      const row = await receiveComplaint(ctx, { channel: 'web', fields, evidence, altcha });
      return reply.code(201).send({ trackingCode: row.trackingCode });
    },
  );

  app.get(
    '/:trackingCode',
    {
      schema: {
        tags,
        summary: '按查询码查看投诉办理进度（不含投诉人信息）',
        params: z.strictObject({ trackingCode: z.string().max(64) }),
        response: { 200: publicComplaintResponse },
      },
      config: { rateLimit: readLimit },
    },
    async (req, reply) => {
      const code = normaliseTrackingCode(req.params.trackingCode);
      const row = trackingCodeParam.safeParse(code).success ? await findByTrackingCode(ctx.db, code) : undefined;
      if (!row) throw notFound('未找到该查询码对应的投诉');
      reply.header('cache-control', 'no-store');
      return { complaint: presentPublicComplaint(row, await complaintTimeline(ctx.db, row.id)) };
    },
  );
};
