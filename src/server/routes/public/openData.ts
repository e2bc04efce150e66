/**
 * Open data (SPEC §5, §11; Article 5 向社会公布): every public record as JSON and as CSV (UTF-8 with BOM, described
 * by a Frictionless `datapackage.json`), and an Atom feed of the public events. Read from the registry's projection
 * and history only, through the public presenter: nothing personal can be in them.
 *
 * The ETag is the sequence number of the last public event (every change of the data appends one), so a client's
 * revalidation answers 304 without reading the records; the bodies are streamed in pages of the number index.
 */
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { publicFilingUrl } from '../../../shared/filing/publicRecord.js';
import { type Executor, queryRows } from '../../db/client.js';
import { type PublicFiling, presentPublicFiling } from '../../presenters/publicFiling.js';
import type { RegistryRow } from '../../services/publicRegistry.js';
import { escapeHtml } from '../../ssr/html.js';
import { etagOf, matchesEtag } from '../../ssr/respond.js';

const CACHE = 'public, max-age=300';
const BATCH = 2000;

/** The CSV's columns, in order, with their Frictionless types: datapackage.json is built from this list. */
export const CSV_FIELDS: { name: keyof PublicFiling; type: string; title: string }[] = [
  { name: 'filingNumber', type: 'string', title: '备案编号' },
  { name: 'platformName', type: 'string', title: '漏洞收集平台名称' },
  { name: 'homepageUrl', type: 'string', title: '网站首页网址' },
  { name: 'icpNumber', type: 'string', title: 'ICP备案号' },
  { name: 'publishUrls', type: 'string', title: '发布漏洞的相关网址（以空格分隔）' },
  { name: 'socialAccounts', type: 'string', title: '社交软件公众号（“软件：账号”，以分号分隔）' },
  { name: 'sponsorName', type: 'string', title: '主办单位或主办个人（个人已脱敏）' },
  { name: 'sponsorType', type: 'string', title: '主办类型代码' },
  { name: 'sponsorTypeLabel', type: 'string', title: '主办类型' },
  { name: 'filingDate', type: 'date', title: '备案日期' },
  { name: 'lastChangeDate', type: 'date', title: '最近变更日期' },
  { name: 'status', type: 'string', title: '状态代码（valid/deregistered/revoked）' },
  { name: 'statusLabel', type: 'string', title: '状态' },
];

async function lastEvent(db: Executor): Promise<{ seq: number; at: Date | null }> {
  const [row] = await queryRows<{ seq: string | number | null; at: Date | string | null }>(
    db,
    sql`select seq, at from public_events order by seq desc limit 1`,
  );
  return { seq: Number(row?.seq ?? 0), at: row?.at ? new Date(row.at) : null };
}

/** Every public record in filing-number order, a page at a time (keyset on the unique number index). */
async function* allRecords(db: Executor): AsyncGenerator<PublicFiling> {
  let after = '';
  for (;;) {
    const rows = await queryRows<RegistryRow & { filing_number: string }>(
      db,
      sql`select filing_number, status, record from public_registry where filing_number > ${after}
          order by filing_number limit ${BATCH}`,
    );
    for (const r of rows) yield presentPublicFiling({ status: r.status, publicRecord: r.record });
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]?.filing_number ?? after;
  }
}

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP). */
export function csvCell(value: string | null): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvRow(f: PublicFiling): string {
  const cells = CSV_FIELDS.map(({ name }) => {
    if (name === 'publishUrls') return f.publishUrls.join(' ');
    if (name === 'socialAccounts') return f.socialAccounts.map((s) => `${s.app}：${s.account}`).join('; ');
    return f[name] as string | null;
  });
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function conditional(req: FastifyRequest, reply: FastifyReply, etag: string, type: string): boolean {
  reply.header('etag', etag).header('cache-control', CACHE).type(type);
  if (!matchesEtag(req, etag)) return false;
  void reply.code(304).send();
  return true;
}

export const openDataRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const max = ctx.config.rateLimits.public;
  const opts = {
    schema: { tags: ['公示 Public registry'], hide: false },
    config: { rateLimit: max > 0 ? { max, timeWindow: '1 minute' } : (false as const) },
  };

  app.get(
    '/filings.json',
    { ...opts, schema: { ...opts.schema, summary: '全部公示备案信息（JSON）' } },
    async (req, reply) => {
      const last = await lastEvent(ctx.db);
      if (conditional(req, reply, `"filings-${last.seq}-json"`, 'application/json; charset=utf-8')) return reply;
      const [{ n }] = (await queryRows<{ n: string | number }>(
        ctx.db,
        sql`select count(*) as n from public_registry`,
      )) as [{ n: string | number }];
      const generatedAt = (last.at ?? new Date(0)).toISOString();
      async function* body() {
        yield `{"generatedAt":${JSON.stringify(generatedAt)},"count":${Number(n)},"items":[`;
        let first = true;
        for await (const f of allRecords(ctx.db)) {
          yield (first ? '' : ',') + JSON.stringify(f);
          first = false;
        }
        yield ']}';
      }
      return reply.send(Readable.from(body()));
    },
  );

  app.get(
    '/filings.csv',
    { ...opts, schema: { ...opts.schema, summary: '全部公示备案信息（CSV，UTF-8 带 BOM）' } },
    async (req, reply) => {
      const last = await lastEvent(ctx.db);
      if (conditional(req, reply, `"filings-${last.seq}-csv"`, 'text/csv; charset=utf-8; header=present')) return reply;
      reply.header('content-disposition', 'attachment; filename="filings.csv"');
      async function* body() {
        yield `\ufeff${CSV_FIELDS.map((f) => f.name).join(',')}\r\n`;
        for await (const f of allRecords(ctx.db)) yield csvRow(f);
      }
      return reply.send(Readable.from(body()));
    },
  );

  app.get(
    '/datapackage.json',
    { ...opts, schema: { ...opts.schema, summary: '数据说明（Frictionless Data Package）' } },
    async (req, reply) => {
      const base = `${ctx.config.publicBaseUrl}/api/public/open-data`;
      const descriptor = {
        profile: 'tabular-data-package',
        name: 'vcp-filings',
        title: '漏洞收集平台备案公示信息 · Public records of filed vulnerability collection platforms',
        description: '依据《网络产品安全漏洞收集平台备案管理办法》第五条向社会公布的备案信息；个人主办者姓名已脱敏。',
        homepage: `${ctx.config.publicBaseUrl}/open-data`,
        licenses: [{ name: 'public-information', title: '政府公开信息' }],
        resources: [
          {
            name: 'filings',
            path: `${base}/filings.csv`,
            profile: 'tabular-data-resource',
            format: 'csv',
            mediatype: 'text/csv',
            encoding: 'utf-8-sig',
            dialect: { delimiter: ',', lineTerminator: '\r\n', header: true, doubleQuote: true },
            schema: {
              fields: CSV_FIELDS.map((f) => ({ name: f.name, type: f.type, title: f.title })),
              primaryKey: 'filingNumber',
              missingValues: [''],
            },
          },
          { name: 'filings-json', path: `${base}/filings.json`, format: 'json', mediatype: 'application/json' },
          { name: 'events', path: `${base}/events.atom`, format: 'atom', mediatype: 'application/atom+xml' },
        ],
      };
      const body = JSON.stringify(descriptor, null, 2);
      if (conditional(req, reply, etagOf(body), 'application/json; charset=utf-8')) return reply;
      return reply.send(body);
    },
  );

  app.get(
    '/events.atom',
    { ...opts, schema: { ...opts.schema, summary: '公示事项（Atom 1.0，最近 100 条）' } },
    async (req, reply) => {
      const last = await lastEvent(ctx.db);
      if (conditional(req, reply, `"events-${last.seq}"`, 'application/atom+xml; charset=utf-8')) return reply;
      const rows = await queryRows<{
        seq: string | number;
        type: string;
        at: Date | string;
        filing_number: string;
        record: PublicFiling;
      }>(ctx.db, sql`select seq, type, at, filing_number, record from public_events order by seq desc limit 100`);
      return reply.send(atomFeed(ctx.config.publicBaseUrl, last.at, rows));
    },
  );
};

const EVENT_TITLES: Record<string, string> = {
  'filing.approved': '予以备案',
  'filing.changed': '变更备案',
  'filing.deregistered': '注销备案',
  'filing.revoked': '撤销备案',
};

function atomFeed(
  baseUrl: string,
  updated: Date | null,
  rows: { seq: string | number; type: string; at: Date | string; filing_number: string; record: PublicFiling }[],
): string {
  const x = escapeHtml;
  const feedUrl = `${baseUrl}/api/public/open-data/events.atom`;
  const entries = rows.map((r) => {
    const f = presentPublicFiling({ status: r.record.status ?? 'valid', publicRecord: r.record });
    const link = publicFilingUrl(baseUrl, r.filing_number);
    const title = `${EVENT_TITLES[r.type] ?? r.type}：${r.filing_number} ${f.platformName}`;
    const summary = `${f.platformName}（${f.homepageUrl}），主办：${f.sponsorName}，状态：${f.statusLabel}`;
    return `<entry><id>${x(`${feedUrl}#${r.seq}`)}</id><title>${x(title)}</title><updated>${new Date(r.at).toISOString()}</updated><link rel="alternate" type="text/html" href="${x(link)}"/><category term="${x(r.type)}"/><summary>${x(summary)}</summary></entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${x(feedUrl)}</id><title>漏洞收集平台备案公示事项</title><updated>${(updated ?? new Date(0)).toISOString()}</updated><link rel="self" type="application/atom+xml" href="${x(feedUrl)}"/><link rel="alternate" type="text/html" href="${x(`${baseUrl}/open-data`)}"/><author><name>漏洞收集平台备案管理系统</name></author>${entries.join('')}</feed>
`;
}
