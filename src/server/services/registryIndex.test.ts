/**
 * The registry held in memory (services/registryIndex.ts) answers as the SQL of services/publicRegistry.ts does —
 * the same records, in the same order, with the same totals — before and after public events, for the terms
 * people search (SPEC §7): 2-character words, domains, partial numbers, sponsor names.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { buildPublicRecord, insertPublicRecord } from '../test/publicRecords.js';
import { type PublicEventType, recordPublicEvent, recordPublicEvents } from './publicEvents.js';
import {
  findRecord,
  historyLineOf,
  normaliseTerm,
  publicHistory,
  registryCounts,
  searchRegistry,
} from './publicRegistry.js';
import { RegistryIndex } from './registryIndex.js';

let server: TestServer;
const held: { id: string; record: PublicRecord }[] = [];

const WORDS = ['安全', '漏洞', '响应', '白帽', '应急', '众测'];
const HOSTS = ['src.example.cn', 'bugs.sample.com', 'sec.demo.org.cn'];
const SPONSORS = ['北京安恒科技有限公司', '上海漏洞研究院', '深圳白帽网络有限公司'];

async function record(id: string, type: PublicEventType, rec: PublicRecord) {
  await server.ctx.db.transaction((tx) =>
    recordPublicEvent(tx, { type, filingId: id, filingNumber: rec.filingNumber, at: server.ctx.now(), record: rec }),
  );
}

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 0; i < 90; i++) {
    const host = HOSTS[i % HOSTS.length] as string;
    const rec = buildPublicRecord({
      platformName: `${WORDS[i % WORDS.length]}${WORDS[(i * 7) % WORDS.length]}平台${i}`,
      homepageUrl: `https://p${i}.${host}/`,
      publishUrls: i % 4 === 0 ? [`https://report${i}.${host}/x`] : [],
      sponsorName: i % 9 === 0 ? '张三' : (SPONSORS[i % SPONSORS.length] as string),
      sponsorType: i % 9 === 0 ? 'individual' : 'enterprise',
      // Few dates, so that many records share one and the approval time and id decide the order.
      filingDate: `2026-0${1 + (i % 5)}-1${i % 3}`,
      status: i % 11 === 0 ? 'deregistered' : 'valid',
    });
    const id = randomUUID();
    await record(id, 'filing.approved', rec);
    held.push({ id, record: rec });
  }
});

afterAll(async () => {
  await server?.close();
});

function terms(): string[] {
  const numbers = held.slice(0, 6).map((h) => h.record.filingNumber);
  return [
    ...WORDS,
    '安',
    '台',
    '平台1',
    ...HOSTS,
    'sample',
    'EXAMPLE.CN',
    'p1.',
    'p12.bugs',
    'ple.c',
    // Digits and letters have 3-character grams of their own (they narrow, SQL does not need them): runs of them
    // inside a number, across a field's end, and ones no record holds.
    ...held.slice(0, 3).map((h) => h.record.filingNumber.replace(/\D/g, '').slice(3, 8)),
    '999999',
    'xqz',
    ...numbers.map((n) => n.slice(4, 11)),
    ...numbers.map((n) => n.slice(-5, -1)),
    ...numbers,
    '2025',
    ...SPONSORS,
    '科技有限公司',
    '张三',
    '不存在的词',
    '%',
    'a_b',
    '',
  ];
}

async function expectSameAsSql(index: RegistryIndex) {
  const snap = await index.current();
  expect(snap).not.toBeNull();
  for (const raw of terms()) {
    const q = normaliseTerm(raw);
    const term = RegistryIndex.termOf(q);
    expect(term, raw).not.toBeNull();
    for (const [page, pageSize] of [
      [1, 7],
      [2, 7],
      [3, 7],
      [1, 100],
    ] as const) {
      const sqlPage = await searchRegistry(server.ctx.db, { q, page, pageSize });
      const mine = snap?.search(term as string, page, pageSize);
      expect(mine, `${raw} page ${page}/${pageSize}`).toEqual(sqlPage);
    }
  }
  expect(snap?.counts()).toEqual(await registryCounts(server.ctx.db));
  for (const h of held.slice(0, 10)) {
    expect(snap?.record(h.record.filingNumber)).toEqual(await findRecord(server.ctx.db, h.record.filingNumber));
  }
  expect(snap?.record('工信漏备999999999号')).toBeUndefined();
  // Each record's public history, as its page shows it, is what the events table holds.
  for (const h of [...held.slice(0, 10), ...held.slice(-2)]) {
    const number = h.record.filingNumber;
    const lines = (await publicHistory(server.ctx.db, number)).map(historyLineOf);
    expect(snap?.history(number), number).toEqual(lines);
  }
  expect(snap?.history('工信漏备999999999号')).toEqual([]);
}

describe('the registry in memory', () => {
  it('answers every kind of term, page and total as SQL does', async () => {
    const index = new RegistryIndex(server.ctx.db, { ttlMs: 2000 });
    await expectSameAsSql(index);
    // Some terms matched many records and some none: the comparison was not of empty pages.
    const snap = await index.current();
    expect(snap?.search('安全', 1, 100).total).toBeGreaterThan(10);
    expect(snap?.search('sample', 1, 100).total).toBeGreaterThan(20);
    expect(snap?.search('张三', 1, 100).total).toBe(0); // an individual's name is not searchable
  });

  it('follows changes, deregistrations, revocations and new filings recorded after it was built', async () => {
    // Every longer term's answer is kept (as a common term's is), so the kept answers meet the changes too.
    const index = new RegistryIndex(server.ctx.db, { ttlMs: 60_000, keepAnswersOver: 0 });
    await expectSameAsSql(index);
    expect(index.builds).toBe(1);
    const [a, b, c] = held as [(typeof held)[0], (typeof held)[0], (typeof held)[0]];
    const aName = a.record.platformName;
    a.record = { ...a.record, platformName: '改名后的众测平台', homepageUrl: 'https://renamed.example.cn/' };
    await record(a.id, 'filing.changed', a.record);
    b.record = { ...b.record, status: 'revoked' };
    await record(b.id, 'filing.revoked', b.record);
    c.record = { ...c.record, status: 'deregistered' };
    await record(c.id, 'filing.deregistered', c.record);
    // New filings: one newer than every record, one among the old ones.
    held.push({
      id: randomUUID(),
      record: buildPublicRecord({ platformName: '新的安全平台', filingDate: '2026-12-01' }),
    });
    held.push({
      id: randomUUID(),
      record: buildPublicRecord({ platformName: '补录的漏洞平台', filingDate: '2026-02-11' }),
    });
    for (const h of held.slice(-2)) await record(h.id, 'filing.approved', h.record);
    // This process recorded the events: the next read catches up without waiting for the TTL.
    await expectSameAsSql(index);
    expect((await index.current())?.search('改名后', 1, 10).items[0]?.record.platformName).toBe('改名后的众测平台');
    // The histories grew with the events (compared line by line with SQL above).
    const lines = (await index.current())?.history(a.record.filingNumber);
    expect(lines?.map((l) => [l.type, l.platformName])).toEqual([
      ['filing.approved', aName],
      ['filing.changed', '改名后的众测平台'],
    ]);
    expect((await index.current())?.history(b.record.filingNumber).map((l) => l.status)).toEqual(['valid', 'revoked']);
    expect(index.builds).toBe(1);
  });

  it('sees another instance’s event once its TTL has passed, and not before', async () => {
    let now = 0;
    const index = new RegistryIndex(server.ctx.db, { ttlMs: 1000, clock: () => now, generation: () => 0 });
    await index.current();
    const rec = buildPublicRecord({ platformName: '别的实例批准的平台' });
    await record(randomUUID(), 'filing.approved', rec);
    now = 999;
    expect((await index.current())?.search('别的实例', 1, 10).total).toBe(0);
    now = 1000;
    expect((await index.current())?.search('别的实例', 1, 10).total).toBe(1);
  });

  it('is rebuilt after a bulk import, and answers through SQL while a large registry is first built', async () => {
    const index = new RegistryIndex(server.ctx.db, { ttlMs: 0, buildInRequest: 0, maxApply: 5 });
    // Over the threshold: the first read does not wait for the build.
    expect(await index.current()).toBeNull();
    await expect.poll(() => index.builds).toBe(1);
    const bulk = Array.from({ length: 8 }, (_, i) => ({
      type: 'filing.approved' as const,
      filingId: randomUUID(),
      at: server.ctx.now(),
      record: buildPublicRecord({ platformName: `批量导入平台${i}` }),
    }));
    await server.ctx.db.transaction((tx) =>
      recordPublicEvents(
        tx,
        bulk.map((e) => ({ ...e, filingNumber: e.record.filingNumber })),
      ),
    );
    await index.current(); // finds more changes than it applies one by one: a rebuild starts
    await expect.poll(() => index.builds).toBe(2);
    expect((await index.current())?.search('批量导入', 1, 20).total).toBe(8);
    await expectSameAsSql(index);
  });

  it('is what the public routes answer from', async () => {
    const rec = await insertPublicRecord(server.ctx, { platformName: '路由里的平台' });
    const res = await server.client().get(`/api/public/filings?q=${encodeURIComponent('路由里')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { filingNumber: string }) => i.filingNumber)).toEqual([rec.filingNumber]);
    expect(server.ctx.registry.index?.builds).toBeGreaterThanOrEqual(1);
  });
});
