/**
 * The public registry (SPEC §4, §5; Article 5 向社会公布): search and verify filings that were given a number.
 * No session is needed. Only `filings.public_record` (fixed at approval) and the status are read: nothing is
 * decrypted, and the presenter sends only the public fields.
 */
import { and, count, desc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filings } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { optionalInt } from '../../lib/queryParams.js';
import { presentPublicFiling, publicFilingSchema } from '../../presenters/publicFiling.js';

const tags = ['公示 Public registry'];

const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(100, '检索词不能超过 100 个字符')
    .optional()
    .describe('平台名称、备案编号、域名或主办单位名称（不区分大小写）'),
  page: optionalInt(1, 10_000, '页码'),
  pageSize: optionalInt(1, 100, '每页条数'),
});

const numberParams = z.strictObject({ filingNumber: z.string().trim().min(1).max(100) });

const listResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(publicFilingSchema),
});

/** `%`, `_` and the escape character itself match literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The host (with any port) of an http(s) URL held in a text expression. */
const hostOf = (url: SQL) => sql`substring(${url} from '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)')`;

const record = sql`${filings.publicRecord}`;

/**
 * Platform name, filing number, the host of the homepage or of a publishing URL, and an organisation's name.
 * An individual's name is stored masked and is not matched at all, so the real name finds nothing.
 * The costly host extraction only runs on rows whose whole URL text already matches (left-to-right `and`).
 */
function matches(pattern: string): SQL {
  const publishUrls = sql`${record}->'publishUrls'`;
  return sql`(
    ${record}->>'platformName' ilike ${pattern}
    or ${filings.filingNumber} ilike ${pattern}
    or (${record}->>'homepageUrl' ilike ${pattern} and ${hostOf(sql`${record}->>'homepageUrl'`)} ilike ${pattern})
    or (${record}->>'publishUrls' ilike ${pattern}
        and exists (select 1 from jsonb_array_elements_text(case when jsonb_typeof(${publishUrls}) = 'array'
                      then ${publishUrls} else '[]'::jsonb end) as u(url)
                    where ${hostOf(sql`u.url`)} ilike ${pattern}))
    or (${record}->>'sponsorType' <> 'individual' and ${record}->>'sponsorName' ilike ${pattern})
  )`;
}

/** Newest filing date first; within a day, the latest approval first. */
const newestFirst = [sql`${record}->>'filingDate' desc`, desc(filings.approvedAt), desc(filings.id)];

/** Filings the public may see: those given a number (approved, under change, deregistered or revoked). */
const published = and(isNotNull(filings.filingNumber), isNotNull(filings.publicRecord));

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
      config: { rateLimit },
    },
    async (req) => {
      const { q = '', page = 1, pageSize = 20 } = req.query;
      const where = q ? and(published, matches(`%${escapeLike(q)}%`)) : published;
      const offset = (page - 1) * pageSize;
      const columns = { status: filings.status, publicRecord: filings.publicRecord };
      const countAll = async () => (await ctx.db.select({ n: count() }).from(filings).where(where))[0]?.n ?? 0;
      if (!q) {
        // Without a term the count is a cheap scan of its own.
        const [rows, total] = await Promise.all([
          ctx.db
            .select(columns)
            .from(filings)
            .where(where)
            .orderBy(...newestFirst)
            .limit(pageSize)
            .offset(offset),
          countAll(),
        ]);
        return { total, page, pageSize, items: rows.map(presentPublicFiling) };
      }
      // With a term every row is matched anyway: one pass gives the page and the total (past the end, a count).
      const rows = await ctx.db
        .select({ ...columns, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(filings)
        .where(where)
        .orderBy(...newestFirst)
        .limit(pageSize)
        .offset(offset);
      const total = rows[0]?.total ?? (page > 1 ? await countAll() : 0);
      return { total, page, pageSize, items: rows.map(presentPublicFiling) };
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
      config: { rateLimit },
    },
    async (req) => {
      const [row] = await ctx.db
        .select({ status: filings.status, publicRecord: filings.publicRecord })
        .from(filings)
        .where(and(published, eq(filings.filingNumber, req.params.filingNumber)))
        .orderBy(desc(filings.approvedAt))
        .limit(1);
      if (!row) throw notFound('未找到该备案编号');
      return { filing: presentPublicFiling(row) };
    },
  );
};
