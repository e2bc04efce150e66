/**
 * The public registry (SPEC §4, §5; Article 5 向社会公布): search and verify filings that were given a number.
 * No session is needed. Only the registry's projection (services/publicRegistry.ts) is read: nothing is decrypted,
 * and the presenter sends only the public fields.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { says } from '../../../shared/validation/issues.js';
import { notFound } from '../../lib/errors.js';
import { optionalInt } from '../../lib/queryParams.js';
import { presentPublicFiling, publicFilingSchema } from '../../presenters/publicFiling.js';
import type { RegistryRow } from '../../services/publicRegistry.js';

const tags = ['公示 Public registry'];

const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(100, says('api.queryTooLong'))
    .optional()
    .describe('平台名称、备案编号、域名或主办单位名称（不区分大小写）'),
  page: optionalInt(1, 10_000),
  pageSize: optionalInt(1, 100),
});

const numberParams = z.strictObject({ filingNumber: z.string().trim().min(1).max(100) });

const listResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(publicFilingSchema),
});

const presentRow = (r: RegistryRow) => presentPublicFiling({ status: r.status, publicRecord: r.record });

export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const max = ctx.config.rateLimits.public;
  const rateLimit = max > 0 ? { max, timeWindow: '1 minute' } : false;

  app.get(
    '/filings',
    {
      schema: {
        tags,
        summary: '备案公示查询：按平台名称、备案编号、域名或主办单位检索，备案日期新者在前',
        querystring: searchQuery,
        response: { 200: listResponse },
      },
      config: { rateLimit, publicCache: true },
    },
    async (req) => {
      const { q = '', page = 1, pageSize = 20 } = req.query;
      const result = await ctx.registry.search({ q, page, pageSize });
      return { total: result.total, page, pageSize, items: result.items.map(presentRow) };
    },
  );

  app.get(
    '/filings/:filingNumber',
    {
      schema: {
        tags,
        summary: '按备案编号核验',
        params: numberParams,
        response: { 200: z.object({ filing: publicFilingSchema }) },
      },
      config: { rateLimit, publicCache: true },
    },
    async (req) => {
      const row = await ctx.registry.record(req.params.filingNumber.trim());
      if (!row) throw notFound('未找到该备案编号');
      return { filing: presentRow(row) };
    },
  );
};
