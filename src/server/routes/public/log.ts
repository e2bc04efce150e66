/**
 * The transparency log (SPEC §5, §11): the signed head, the leaves, inclusion and consistency proofs (RFC 6962
 * §2.1.1–2.1.2, SM3, lowercase hex) and the SM2 public key. No session. What a range or a proof of a size the log
 * has reached answers never changes (the log only grows), so those answers are cached for good.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { says } from '../../../shared/validation/issues.js';
import { badRequest } from '../../lib/errors.js';
import { etagOf, matchesEtag } from '../../ssr/respond.js';
import { publishHead } from '../../transparency/heads.js';
import { consistencyProofAt, inclusionProofAt, leavesBetween, logSize } from '../../transparency/logStore.js';

const tags = ['透明日志 Transparency log'];
/** The most leaves one entries request returns; a longer range is cut to this many. */
export const MAX_ENTRIES = 1000;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const int = (min: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number(says('zod.int')).int(says('zod.int')).min(min).max(Number.MAX_SAFE_INTEGER),
  );

const hex = z.string().regex(/^[0-9a-f]{64}$/);
export const treeHeadSchema = z.object({
  treeSize: z.number().int().describe('树中叶子数'),
  rootHash: hex.describe('根哈希（SM3，小写十六进制）'),
  timestamp: z.string().describe('签名时间（ISO 8601，UTC）'),
  signature: z
    .string()
    .describe('SM2 签名（SM3 摘要），base64 DER，签名内容为 treeSize.rootHash.timestamp（以点连接）'),
});

function cached(req: FastifyRequest, reply: FastifyReply, body: unknown, cacheControl: string): boolean {
  const etag = etagOf(JSON.stringify(body));
  reply.header('etag', etag).header('cache-control', cacheControl);
  if (!matchesEtag(req, etag)) return false;
  void reply.code(304).send();
  return true;
}

const outside = (field: string, message: string) => badRequest(message, [{ field, message }]);

export const logRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const max = ctx.config.rateLimits.public;
  const config = { rateLimit: max > 0 ? { max, timeWindow: '1 minute' } : (false as const) };

  app.get(
    '/head',
    {
      schema: {
        tags,
        summary: '最新的已签名树头（树有新叶子时当即签发）',
        response: { 200: treeHeadSchema },
      },
      config,
    },
    async (req, reply) => {
      const head = await publishHead(ctx);
      if (cached(req, reply, head, 'no-cache')) return reply;
      return head;
    },
  );

  app.get(
    '/entries',
    {
      schema: {
        tags,
        summary: `叶子 [start, end)（end 不含；每次至多 ${MAX_ENTRIES} 个）：leaf 为规范 JSON 文本`,
        querystring: z.strictObject({ start: int(0), end: int(1) }),
        response: {
          200: z.object({ entries: z.array(z.object({ index: z.number().int(), leaf: z.string() })) }),
        },
      },
      config,
    },
    async (req, reply) => {
      const { start, end } = req.query;
      if (end <= start) throw outside('end', 'end 须大于 start');
      const size = await logSize(ctx.db);
      if (start >= size) throw outside('start', `start 须小于树的大小 ${size}`);
      const stop = Math.min(end, start + MAX_ENTRIES, size);
      const body = { entries: await leavesBetween(ctx.db, start, stop) };
      // A range the log has reached in full never changes; one cut at the tree's end grows.
      if (cached(req, reply, body, stop === end || stop === start + MAX_ENTRIES ? IMMUTABLE : 'no-cache')) return reply;
      return body;
    },
  );

  app.get(
    '/proof/inclusion',
    {
      schema: {
        tags,
        summary: '包含证明（RFC 6962 §2.1.1）：叶子 index 在大小为 treeSize 的树中的审计路径',
        querystring: z.strictObject({ index: int(0), treeSize: int(1) }),
        response: { 200: z.object({ auditPath: z.array(hex) }) },
      },
      config,
    },
    async (req, reply) => {
      const { index, treeSize } = req.query;
      const size = await logSize(ctx.db);
      if (treeSize > size) throw outside('treeSize', `treeSize 不能超过树的大小 ${size}`);
      if (index >= treeSize) throw outside('index', 'index 须小于 treeSize');
      const body = { auditPath: (await inclusionProofAt(ctx.db, index, treeSize)).map((h) => h.toString('hex')) };
      if (cached(req, reply, body, IMMUTABLE)) return reply;
      return body;
    },
  );

  app.get(
    '/proof/consistency',
    {
      schema: {
        tags,
        summary: '一致性证明（RFC 6962 §2.1.2）：大小为 first 的树是大小为 second 的树的前缀',
        querystring: z.strictObject({ first: int(1), second: int(1) }),
        response: { 200: z.object({ proof: z.array(hex) }) },
      },
      config,
    },
    async (req, reply) => {
      const { first, second } = req.query;
      const size = await logSize(ctx.db);
      if (second > size) throw outside('second', `second 不能超过树的大小 ${size}`);
      if (first > second) throw outside('first', 'first 不能大于 second');
      const body = { proof: (await consistencyProofAt(ctx.db, first, second)).map((h) => h.toString('hex')) };
      if (cached(req, reply, body, IMMUTABLE)) return reply;
      return body;
    },
  );

  app.get(
    '/key',
    {
      schema: { tags, summary: '签署树头的 SM2 公钥（PEM，text/plain）' },
      config,
    },
    async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(ctx.logSigner.publicKeyPem),
  );
};
