/**
 * The partner agencies' endpoints (Article 5: the filing goes to 公安部 and 国家网信办): webhook address and its
 * signing secret, notice email, and a read-only pull token. Secrets are write-only: stored sealed (the webhook
 * secret) or as an SM3 hash (the token), and never sent back. The work is in commands/admin/updatePartner.ts and
 * issuePullToken.ts; the schemas are shared with the settings page (shared/api/adminPartners.ts).
 */
import { asc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type Partner,
  partnerBody,
  partnerListResponse,
  partnerParams,
  partnerResponse,
  pullTokenResponse,
} from '../../../shared/api/adminPartners.js';
import { issuePullToken } from '../../commands/admin/issuePullToken.js';
import { type PartnerRow, updatePartner } from '../../commands/admin/updatePartner.js';
import { partners } from '../../db/schema.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeAdmin } from '../../policies/admin.js';

const tags = ['管理 Admin'];

function presentPartner(p: PartnerRow): Partner {
  return {
    id: p.id,
    name: p.name,
    webhookUrl: p.webhookUrl,
    hasWebhookSecret: !!p.webhookSecretEnc,
    email: p.email,
    hasPullToken: !!p.pullTokenHash,
    enabled: p.enabled,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export const partnerAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.addHook('preValidation', async (req) => {
    authorizeAdmin(requireUser(req), 'partners');
  });

  app.get(
    '/partners',
    { schema: { tags, summary: '通报接收方（公安部、国家网信办）', response: { 200: partnerListResponse } } },
    async () => {
      const rows = await ctx.db.select().from(partners).orderBy(asc(partners.id));
      return { items: rows.map(presentPartner) };
    },
  );

  app.put(
    '/partners/:id',
    {
      schema: {
        tags,
        summary: '修改接收方的 webhook 地址、签名密钥、邮箱或启用状态',
        params: partnerParams,
        body: partnerBody,
        response: { 200: partnerResponse },
      },
    },
    async (req) => {
      const row = await updatePartner(ctx, { actor: requireUser(req), id: req.params.id, body: req.body });
      return { partner: presentPartner(row) };
    },
  );

  app.post(
    '/partners/:id/token',
    {
      schema: {
        tags,
        summary: '生成新的只读拉取令牌（只显示这一次，旧令牌随即失效）',
        params: partnerParams,
        response: { 200: pullTokenResponse },
      },
    },
    async (req) => ({ token: await issuePullToken(ctx, { actor: requireUser(req), id: req.params.id }) }),
  );
};
