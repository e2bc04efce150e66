/**
 * Delivery state of the outbox (SPEC §7: visible delivery state): webhooks and emails with their attempts, and a
 * manual resend. Payloads are never shown here: only where a message goes, what happened, and when.
 */
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deliveriesResponse, deliveryDetailResponse } from '../../../shared/api/adminDeliveries.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { Executor } from '../../db/client.js';
import { filings, outbox, outboxAttempts, partners } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeAdmin } from '../../policies/admin.js';
import { PUSH_CHANNELS } from '../../services/outbox.js';
import { deliveriesQuery, deliveryParams } from './schema.js';

const tags = ['管理 Admin'];

const columns = {
  id: outbox.id,
  channel: outbox.channel,
  recipient: outbox.recipient,
  partnerName: partners.name,
  eventType: outbox.eventType,
  filingId: outbox.filingId,
  filingNumber: filings.filingNumber,
  status: outbox.status,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  lastError: outbox.lastError,
  deliveredAt: outbox.deliveredAt,
  createdAt: outbox.createdAt,
};

function selectDeliveries(db: Executor, where: SQL | undefined) {
  return db
    .select(columns)
    .from(outbox)
    .leftJoin(partners, eq(partners.id, outbox.recipient))
    .leftJoin(filings, eq(filings.id, outbox.filingId))
    .where(and(inArray(outbox.channel, [...PUSH_CHANNELS]), where));
}

type DeliveryRow = Awaited<ReturnType<typeof selectDeliveries>>[number];

function presentDelivery(r: DeliveryRow) {
  return {
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    recipientName: r.partnerName ?? (r.recipient === 'applicant' ? '申请人' : r.recipient),
    eventType: r.eventType,
    filingId: r.filingId,
    filingNumber: r.filingNumber,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

async function deliveryDetail(db: Executor, id: number) {
  const [row] = await selectDeliveries(db, eq(outbox.id, id));
  if (!row) throw notFound('未找到该投递记录');
  const attempts = await db
    .select({ at: outboxAttempts.at, ok: outboxAttempts.ok, detail: outboxAttempts.detail })
    .from(outboxAttempts)
    .where(eq(outboxAttempts.outboxId, id))
    .orderBy(asc(outboxAttempts.id));
  const item = presentDelivery(row);
  // The item's fields with `attempts` as the history; the item itself (with the count) also under `delivery`.
  return {
    ...item,
    attempts: attempts.map((a) => ({ at: a.at.toISOString(), ok: a.ok, detail: a.detail })),
    delivery: item,
  };
}

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  // Before the input is validated: a stranger learns nothing about the parameters.
  app.addHook('preValidation', async (req) => {
    authorizeAdmin(requireUser(req), 'deliveries');
  });

  app.get(
    '/deliveries',
    {
      schema: {
        tags,
        summary: '通报投递记录（webhook、邮件），新的在前',
        querystring: deliveriesQuery,
        response: { 200: deliveriesResponse },
      },
    },
    async (req) => {
      const { status, recipient, channel, page = 1, pageSize = 50 } = req.query;
      const where = and(
        status ? eq(outbox.status, status) : undefined,
        recipient ? eq(outbox.recipient, recipient) : undefined,
        channel ? eq(outbox.channel, channel) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        selectDeliveries(ctx.db, where)
          .orderBy(desc(outbox.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        ctx.db
          .select({ n: count() })
          .from(outbox)
          .where(and(inArray(outbox.channel, [...PUSH_CHANNELS]), where)),
      ]);
      return { total: total?.n ?? 0, page, pageSize, items: rows.map(presentDelivery) };
    },
  );

  app.get(
    '/deliveries/:id',
    {
      schema: {
        tags,
        summary: '一条投递记录及每次尝试',
        params: deliveryParams,
        response: { 200: deliveryDetailResponse },
      },
    },
    async (req) => deliveryDetail(ctx.db, req.params.id),
  );

  app.post(
    '/deliveries/:id/resend',
    {
      schema: {
        tags,
        summary: '重新投递（已送达的也再送一次，幂等键不变）',
        description: '状态改为 pending、立即到期，重试次数从零开始；接收方可凭 Idempotency-Key 识别重复。',
        params: deliveryParams,
        response: { 200: deliveryDetailResponse },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const id = req.params.id;
      await ctx.db.transaction(async (tx) => {
        const [updated] = await tx
          .update(outbox)
          .set({ status: 'pending', nextAttemptAt: sql`now()`, attempts: 0 })
          .where(and(eq(outbox.id, id), inArray(outbox.channel, [...PUSH_CHANNELS])))
          .returning({ id: outbox.id });
        if (!updated) throw notFound('未找到该投递记录');
        await appendAudit(tx, {
          action: 'outbox.resend',
          actorId: user.id,
          subjectType: 'system',
          subjectId: `outbox:${id}`,
          details: { outboxId: id },
        });
      });
      return deliveryDetail(ctx.db, id);
    },
  );
};
