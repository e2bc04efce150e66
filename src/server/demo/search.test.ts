/**
 * SPEC §6, §7: the demo seed writes the public registry in bulk (search text and grams computed in JavaScript,
 * services/searchGrams.ts). A second database receives the same public events one by one through
 * `recordPublicEvent`, the path every approval, change, deregistration and revocation takes; both must hold the same
 * registry rows and per-gram counts, and answer public search the same: a 2-character Chinese term, a domain, a
 * partial filing number and a sponsor's name.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import { queryRows } from '../db/client.js';
import { type PublicEventType, recordPublicEvent } from '../services/publicEvents.js';
import { searchIndexOf } from '../services/searchGrams.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { seedDemo } from './seed.js';

let seeded: TestServer;
let normal: TestServer;

interface EventRow {
  type: PublicEventType;
  filing_id: string;
  filing_number: string;
  at: Date;
  record: PublicRecord;
}

beforeAll(async () => {
  [seeded, normal] = await Promise.all([startTestServer(), startTestServer()]);
  await seedDemo(seeded.ctx, { filings: 250, seed: 'search1', batchSize: 100 });
  const events = await queryRows<EventRow>(
    seeded.ctx.db,
    sql`select type, filing_id, filing_number, at, record from public_events order by seq`,
  );
  for (const e of events) {
    await normal.ctx.db.transaction((tx) =>
      recordPublicEvent(tx, {
        type: e.type,
        filingId: e.filing_id,
        filingNumber: e.filing_number,
        at: new Date(e.at),
        record: e.record,
      }),
    );
  }
}, 180_000);
afterAll(async () => {
  await seeded?.close();
  await normal?.close();
});

const registry = (server: TestServer) =>
  queryRows<Record<string, unknown>>(
    server.ctx.db,
    sql`select filing_id, filing_number, status, filing_date, record, search_text, grams, last_event_seq
        from public_registry order by filing_number`,
  );

const search = async (server: TestServer, q: string) => {
  const res = await server.client().get(`/api/public/filings?q=${encodeURIComponent(q)}&pageSize=100`);
  expect(res.status, q).toBe(200);
  return { total: res.body.total, numbers: res.body.items.map((i: { filingNumber: string }) => i.filingNumber) };
};

describe('the public registry the demo seed writes', () => {
  it('holds the rows and per-gram counts the one-by-one path writes', async () => {
    const rows = await registry(seeded);
    expect(rows.length).toBeGreaterThan(150);
    expect(rows).toEqual(await registry(normal));
    const counts = (server: TestServer) =>
      queryRows(server.ctx.db, sql`select gram, n from public_search_gram_counts where n <> 0 order by gram`);
    expect(await counts(seeded)).toEqual(await counts(normal));
    const statuses = (server: TestServer) =>
      queryRows(server.ctx.db, sql`select status, n from public_registry_counts where n <> 0 order by status`);
    expect(await statuses(seeded)).toEqual(await statuses(normal));
    // And the JavaScript rules gave what the database's own functions give for each stored record.
    const differ = await queryRows<{ n: number }>(
      seeded.ctx.db,
      sql`select count(*)::int as n from public_registry
          where search_text <> array_to_string(public_search_fields(record), E'\n')
             or grams <> public_search_grams(public_search_fields(record))`,
    );
    expect(differ[0]?.n).toBe(0);
  });

  it('answers a 2-character Chinese term, a domain, a partial number and a sponsor name as the one-by-one path does', async () => {
    const [sample] = await queryRows<{ record: PublicRecord }>(
      seeded.ctx.db,
      sql`select record from public_registry where record->>'sponsorType' <> 'individual' and status = 'valid'
          order by filing_number limit 1`,
    );
    const record = sample?.record as PublicRecord;
    const chinese = [...record.platformName].find(
      (c, i, all) => /\p{Script=Han}/u.test(c) && /\p{Script=Han}/u.test(all[i + 1] ?? ''),
    );
    const at = [...record.platformName].indexOf(chinese as string);
    const terms = {
      twoChinese: [...record.platformName].slice(at, at + 2).join(''),
      domain: new URL(record.homepageUrl).host,
      partialNumber: record.filingNumber.slice(4, 11),
      sponsor: record.sponsorName.slice(0, 4),
    };
    expect(terms.twoChinese).toMatch(/^\p{Script=Han}{2}$/u);
    for (const [what, q] of Object.entries(terms)) {
      const got = await search(seeded, q);
      expect(got.total, `${what} ${q}`).toBeGreaterThan(0);
      expect(got.numbers, `${what} ${q}`).toContain(record.filingNumber);
      expect(got, `${what} ${q}`).toEqual(await search(normal, q));
    }
  });
});

describe('searchIndexOf', () => {
  it('leaves to SQL a record with a cased letter outside ASCII', () => {
    const base = {
      filingNumber: '工信漏备202600001号',
      platformName: 'Ab 平台',
      homepageUrl: 'HTTPS://Src.Example.CN/x',
      icpNumber: '',
      publishUrls: ['https://pub.example.cn/a', 'mailto:x'],
      socialAccounts: [],
      sponsorName: '示例公司',
      sponsorType: 'enterprise',
      sponsorTypeLabel: '企业',
      filingDate: '2026-01-01',
      lastChangeDate: null,
      status: 'valid',
    } satisfies PublicRecord;
    expect(searchIndexOf(base)?.text).toBe('ab 平台\n工信漏备202600001号\nsrc.example.cn\npub.example.cn\n示例公司');
    expect(searchIndexOf({ ...base, platformName: 'ÉCOLE 平台' })).toBeNull();
  });
});
