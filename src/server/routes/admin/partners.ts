/**
 * The partner agencies' endpoints (Article 5: the filing goes to 公安部 and 国家网信办): webhook address and its
 * signing secret, notice email, and a read-only pull token. Secrets are write-only: stored sealed (the webhook
 * secret) or as an SM3 hash (the token), and never sent back.
 */
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit } from '../../audit/auditLog.js';
import { sm3Hex } from '../../crypto/sm3.js';
import type { Tx } from '../../db/client.js';
import { partners } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeAdmin } from '../../policies/admin.js';
import { partnerSecretAad } from '../../services/outbox.js';
import { partnerBody, partnerParams } from './schema.js';

const tags = ['管理 Admin'];

type PartnerRow = typeof partners.$inferSelect;

function presentPartner(p: PartnerRow) {
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

async function lockPartner(tx: Tx, id: string): Promise<PartnerRow> {
  const [row] = await tx.select().from(partners).where(eq(partners.id, id)).for('update');
  if (!row) throw notFound('未找到该接收方');
  return row;
}

export const partnerAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.addHook('preValidation', async (req) => {
    authorizeAdmin(requireUser(req), 'partners');
  });

  app.get('/partners', { schema: { tags, summary: '通报接收方（公安部、国家网信办）' } }, async () => {
    const rows = await ctx.db.select().from(partners).orderBy(asc(partners.id));
    return { items: rows.map(presentPartner) };
  });

  app.put(
    '/partners/:id',
    {
      schema: {
        tags,
        summary: '修改接收方的 webhook 地址、签名密钥、邮箱或启用状态',
        params: partnerParams,
        body: partnerBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { id } = req.params;
      const body = req.body;
      const updated = await ctx.db.transaction(async (tx) => {
        const row = await lockPartner(tx, id);
        const set: Partial<typeof partners.$inferInsert> = {};
        const fields: string[] = [];
        if (body.webhookUrl !== undefined && body.webhookUrl !== row.webhookUrl) {
          set.webhookUrl = body.webhookUrl;
          fields.push('webhookUrl');
        }
        if (body.webhookSecret !== undefined) {
          set.webhookSecretEnc = ctx.cipher.sealText(body.webhookSecret, partnerSecretAad(id));
          fields.push('webhookSecret');
        }
        if (body.email !== undefined && body.email !== row.email) {
          set.email = body.email;
          fields.push('email');
        }
        if (body.enabled !== undefined && body.enabled !== row.enabled) {
          set.enabled = body.enabled;
          fields.push('enabled');
        }
        if (!fields.length) return row;
        const [next] = await tx
          .update(partners)
          .set({ ...set, updatedAt: ctx.now() })
          .where(eq(partners.id, id))
          .returning();
        await appendAudit(tx, {
          action: 'partner.update',
          actorId: user.id,
          subjectType: 'system',
          subjectId: `partner:${id}`,
          details: { partnerId: id, fields },
        });
        return next as PartnerRow;
      });
      return { partner: presentPartner(updated) };
    },
  );

  app.post(
    '/partners/:id/token',
    {
      schema: {
        tags,
        summary: '生成新的只读拉取令牌（只显示这一次，旧令牌随即失效）',
        params: partnerParams,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { id } = req.params;
      const token = `vcp_${randomBytes(32).toString('base64url')}`;
      await ctx.db.transaction(async (tx) => {
        await lockPartner(tx, id);
        await tx
          .update(partners)
          .set({ pullTokenHash: sm3Hex(token), updatedAt: ctx.now() })
          .where(eq(partners.id, id));
        await appendAudit(tx, {
          action: 'partner.update',
          actorId: user.id,
          subjectType: 'system',
          subjectId: `partner:${id}`,
          details: { partnerId: id, fields: ['pullToken'] },
        });
      });
      return { token };
    },
  );
};
