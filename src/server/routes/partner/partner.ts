/**
 * The partner agencies' read-only pull API (SPEC §1): the same events they are pushed, as a feed they page through
 * by outbox id. Authenticated by a bearer token an admin issued (routes/admin/partners.ts), never by a cookie;
 * the table holds only the token's SM3 hash.
 */
import { timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { sm3Hex } from '../../crypto/sm3.js';
import { outbox, partners } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { optionalInt } from '../../lib/queryParams.js';
import { outboxAad } from '../../services/outbox.js';

const tags = ['通报接收方 Partner API'];

const eventsQuery = z.strictObject({
  after: optionalInt(0, Number.MAX_SAFE_INTEGER).describe('上一页的 nextAfter；从头读取时为 0'),
  limit: optionalInt(1, 200).describe('每页条数，1–200，默认 100'),
});

const invalidToken = () => new AppError(401, 'invalid_token', '拉取令牌无效或缺失');

function bearerToken(req: FastifyRequest): string | null {
  const m = /^Bearer ([A-Za-z0-9._~+/-]{16,200}=*)$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ?? null;
}

/** The partner whose token hash matches, compared in constant time. */
async function partnerForToken(ctx: AppContext, token: string) {
  const hash = Buffer.from(sm3Hex(token), 'hex');
  const rows = await ctx.db
    .select({ id: partners.id, enabled: partners.enabled, hash: partners.pullTokenHash })
    .from(partners)
    .where(isNotNull(partners.pullTokenHash));
  return rows.find((p) => {
    const stored = Buffer.from(p.hash ?? '', 'hex');
    return stored.length === hash.length && timingSafeEqual(stored, hash);
  });
}

export const partnerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const authenticated = new WeakMap<FastifyRequest, string>();

  app.addHook('preValidation', async (req) => {
    const token = bearerToken(req);
    const partner = token ? await partnerForToken(ctx, token) : undefined;
    if (!partner) throw invalidToken();
    if (!partner.enabled) throw new AppError(403, 'partner_disabled', '该接收方已停用');
    authenticated.set(req, partner.id);
  });

  app.get(
    '/events',
    {
      schema: {
        tags,
        summary: '拉取备案事件（只读，Authorization: Bearer <令牌>），按编号递增',
        description: '返回 id 大于 after 的事件，payload 为完整备案信息（含个人信息）。下一页以 nextAfter 作为 after。',
        querystring: eventsQuery,
      },
      config: {
        rateLimit: {
          max: ctx.config.rateLimits.partnerPull,
          timeWindow: '1 minute',
          keyGenerator: (req: FastifyRequest) => {
            const token = bearerToken(req);
            return token ? `partner:${sm3Hex(token)}` : `ip:${req.ip}`;
          },
        },
      },
    },
    async (req, reply) => {
      const partnerId = authenticated.get(req) as string;
      const { after = 0, limit = 100 } = req.query;
      const rows = await ctx.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipient, partnerId), eq(outbox.channel, 'feed'), gt(outbox.id, after)))
        .orderBy(asc(outbox.id))
        .limit(limit);
      reply.header('cache-control', 'no-store');
      return {
        items: rows.map((r) => ({
          id: r.id,
          eventType: r.eventType,
          idempotencyKey: r.idempotencyKey,
          createdAt: r.createdAt.toISOString(),
          payload: ctx.cipher.openJson<unknown>(r.payloadEnc, outboxAad(r.idempotencyKey)),
        })),
        nextAfter: rows.at(-1)?.id ?? after,
      };
    },
  );
};
