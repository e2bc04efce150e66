/**
 * After approval, the applicant's side (Articles 6, 7; SPEC §5): deregistration now or on a future date, cancelling a
 * scheduled one, and the list of approved versions. Changes have their own routes (routes/changes).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deregistrationBody, deregistrationResponse } from '../../../shared/api/deregistration.js';
import { versionsResponse } from '../../../shared/api/versions.js';
import { cancelDeregistration } from '../../commands/cancelDeregistration.js';
import { deregisterFiling } from '../../commands/deregisterFiling.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeFiling } from '../../policies/filing.js';
import { presentDeregistration } from '../../presenters/deregistration.js';
import { presentVersionSummary } from '../../presenters/version.js';
import { loadFiling } from '../../services/filingRecords.js';
import { listVersions } from '../../services/filingVersions.js';
import { filingParams } from './schema.js';

const tags = ['注销与版本 Deregistration & versions'];

export const filingLifecycleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post(
    '/:id/deregistration',
    {
      schema: {
        tags,
        summary: '注销备案：终止日为今天或更早立即注销，将来的日期于当日 0 时（北京时间）注销',
        params: filingParams,
        body: deregistrationBody,
        response: { 200: deregistrationResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await deregisterFiling(ctx, { user, filingId: req.params.id, ...req.body });
      return { deregistration: presentDeregistration(row) };
    },
  );

  app.post(
    '/:id/deregistration/cancel',
    {
      schema: {
        tags,
        summary: '取消预约的注销',
        params: filingParams,
        response: { 200: deregistrationResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await cancelDeregistration(ctx, { user, filingId: req.params.id });
      return { deregistration: presentDeregistration(row) };
    },
  );

  app.get(
    '/:id/versions',
    { schema: { tags, summary: '备案的各个已生效版本', params: filingParams, response: { 200: versionsResponse } } },
    async (req) => {
      const user = requireUser(req);
      const filing = await loadFiling(ctx.db, req.params.id);
      authorizeFiling(user, 'read', filing);
      const versions = await listVersions(ctx.db, filing.id);
      return { versions: versions.map((v) => presentVersionSummary(v, filing.recordVersion)) };
    },
  );
};
