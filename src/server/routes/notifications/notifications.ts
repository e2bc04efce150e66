/** The applicant's in-app messages: decisions on their filings. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notificationListResponse } from '../../../shared/api/notifications.js';
import { notifications } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';

const tags = ['消息 Notifications'];

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/',
    { schema: { tags, summary: '我的消息（最近 100 条）', response: { 200: notificationListResponse } } },
    async (req) => {
      const user = requireUser(req);
      const rows = await ctx.db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, user.id))
        .orderBy(desc(notifications.createdAt))
        .limit(100);
      return {
        unread: rows.filter((r) => !r.readAt).length,
        items: rows.map((r) => ({
          id: r.id,
          filingId: r.filingId,
          kind: r.kind,
          title: r.title,
          body: r.body,
          message: r.message ?? null,
          read: !!r.readAt,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/:id/read',
    { schema: { tags, summary: '标为已读', params: z.strictObject({ id: z.uuid() }) } },
    async (req, reply) => {
      const user = requireUser(req);
      const [row] = await ctx.db
        .update(notifications)
        .set({ readAt: ctx.now() })
        .where(
          and(eq(notifications.id, req.params.id), eq(notifications.userId, user.id), isNull(notifications.readAt)),
        )
        .returning({ id: notifications.id });
      if (!row) {
        const [exists] = await ctx.db
          .select({ id: notifications.id })
          .from(notifications)
          .where(and(eq(notifications.id, req.params.id), eq(notifications.userId, user.id)));
        if (!exists) throw notFound('未找到该消息');
      }
      return reply.code(204).send();
    },
  );
};
