/**
 * Fills a database with N published records for `bench:public`, straight into the registry's projection and public
 * history (the tables services/publicEvents.ts keeps), in batches: synthetic Chinese platform and company names,
 * domains, individuals (masked), filing numbers over four years. The grams are computed by the same SQL functions
 * the live path uses. Used when `vcp demo seed` is not available.
 *
 *   tsx bench/seedPublic.ts <N>   (DATA_DIR or DATABASE_URL as for the server)
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import { migrateDatabase, openDatabase, queryRows } from '../src/server/db/client.js';
import type { PublicRecord } from '../src/shared/filing/publicRecord.js';

export const BRANDS = [
  '白帽',
  '天穹',
  '星河',
  '蓝盾',
  '长亭',
  '玄武',
  '青藤',
  '零域',
  '破晓',
  '极光',
  '深蓝',
  '磐石',
  '赤霄',
  '烽火',
  '云图',
  '明鉴',
];
export const LATIN = [
  'baimao',
  'tianqiong',
  'xinghe',
  'landun',
  'changting',
  'xuanwu',
  'qingteng',
  'lingyu',
  'poxiao',
  'jiguang',
  'shenlan',
  'panshi',
  'chixiao',
  'fenghuo',
  'yuntu',
  'mingjian',
];
const KINDS = ['漏洞', '安全', '众测', '威胁情报', '应急响应', '漏洞奖励'];
const ENDS = ['平台', '中心', '社区', '响应中心'];
const CITIES = ['北京', '上海', '深圳', '杭州', '成都', '武汉', '南京', '西安', '广州', '合肥'];
const FIRMS = ['网络科技有限公司', '信息技术有限公司', '安全技术有限公司', '数据服务有限公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const TLDS = ['com', 'cn', 'com.cn', 'net'];

export function syntheticRecord(i: number): PublicRecord {
  const pick = <T>(xs: readonly T[], k: number) => xs[k % xs.length] as T;
  const b = i % BRANDS.length;
  const host = `${pick(LATIN, b)}${i}.${pick(TLDS, i >> 4)}`;
  const individual = i % 20 === 7;
  const year = 2023 + (i % 4);
  const seq = Math.floor(i / 4) + 1;
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    filingNumber: `工信漏备${year}${String(seq).padStart(5, '0')}号`,
    platformName: `${pick(BRANDS, b)}${pick(KINDS, i >> 3)}${pick(ENDS, i >> 5)}${i}`,
    homepageUrl: `https://www.${host}/`,
    icpNumber: `京ICP备${16000000 + i}号`,
    publishUrls: [`https://src.${host}/bugs`],
    socialAccounts: [{ app: '微信', account: `${pick(BRANDS, b)}安全` }],
    sponsorName: individual
      ? `${pick(SURNAMES, i)}*`
      : `${pick(CITIES, i >> 2)}${pick(BRANDS, b)}${pick(CITIES, i >> 6)}${pick(FIRMS, i >> 1)}`,
    sponsorType: individual ? 'individual' : 'enterprise',
    sponsorTypeLabel: individual ? '个人' : '企业',
    filingDate: `${year}-${month}-${day}`,
    lastChangeDate: null,
    status: i % 50 === 3 ? 'deregistered' : i % 97 === 5 ? 'revoked' : 'valid',
  };
}

async function main() {
  const n = Number(process.argv[2] ?? 100_000);
  const database = await openDatabase(loadConfig());
  try {
    await migrateDatabase(database);
    const { db } = database;
    const [filed] = await queryRows<{ n: string }>(db, sql`select count(*) as n from filings`);
    if (Number(filed?.n) > 0) throw new Error('this database holds real filings: seed a fresh one');
    const [have] = await queryRows<{ n: string }>(db, sql`select count(*) as n from public_registry`);
    if (Number(have?.n) >= n) return;
    await db.execute(sql`truncate public_registry, public_events, public_registry_counts, public_search_gram_counts`);
    const batch = 2000;
    for (let start = 0; start < n; start += batch) {
      const rows = [];
      for (let i = start; i < Math.min(n, start + batch); i++) {
        const record = syntheticRecord(i);
        rows.push({ id: randomUUID(), seq: i + 1, at: `${record.filingDate}T02:00:00Z`, record });
      }
      const json = JSON.stringify(rows);
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into public_events (seq, type, filing_id, filing_number, at, record)
          select x.seq, 'filing.approved', x.id, x.record->>'filingNumber', x.at, x.record
          from jsonb_to_recordset(${json}::jsonb) as x(id uuid, seq bigint, at timestamptz, record jsonb)`);
        await tx.execute(sql`insert into public_registry (filing_id, filing_number, status, filing_date, approved_at,
            record, search_text, grams, last_event_seq)
          select x.id, x.record->>'filingNumber', x.record->>'status', (x.record->>'filingDate')::date, x.at, x.record,
            array_to_string(public_search_fields(x.record), E'\n'), public_search_grams(public_search_fields(x.record)), x.seq
          from jsonb_to_recordset(${json}::jsonb) as x(id uuid, seq bigint, at timestamptz, record jsonb)`);
      });
    }
    await db.execute(sql`insert into public_registry_counts (status, n)
      select status, count(*) from public_registry group by status
      on conflict (status) do update set n = excluded.n`);
    await db.execute(sql`insert into public_search_gram_counts (gram, n)
      select g, count(*) from public_registry, unnest(grams) as g group by g`);
    await db.execute(sql`vacuum analyze public_registry`);
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
