/**
 * The registry's read side (SPEC §4, §11, §13): the public history and the search projection follow every public
 * event in its own transaction; the migration's backfill builds the same rows as the live path.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import {
  approvedFiling,
  loginStaff,
  PERSONAL,
  startedChange,
  submittedFiling,
  validFilingDraft,
} from '../test/factories.js';
import { startTestServer, type TestClient, type TestServer } from '../test/harness.js';
import { publicHistory, registryCounts, searchRegistry } from './publicRegistry.js';

const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let reviewer: TestClient;
let admin: TestClient;
let changed: { id: string; filingNumber: string };
let revoked: { id: string; filingNumber: string };
let ended: { id: string; filingNumber: string };
const base = validFilingDraft();
const named = (name: string, host: string) => ({
  platform: { ...base.platform, name, homepageUrl: `https://${host}/`, publishUrls: [`https://${host}/bugs`] },
});

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  reviewer = server.client();
  admin = server.client();
  await loginStaff(server, reviewer);
  await loginStaff(server, admin, ['admin']);
  const owner = server.client();
  changed = await approvedFiling(owner, reviewer, named('白帽汇安全响应中心', 'old.baimao.example.cn'));
  const change = await startedChange(owner, changed.id, '2026-11-20');
  const form = {
    ...change.form,
    platform: {
      ...change.form.platform,
      name: '白帽汇漏洞响应平台',
      homepageUrl: 'https://new.baimao.example.cn/',
      publishUrls: ['https://new.baimao.example.cn/bugs'],
    },
  };
  expect((await owner.put(`/api/changes/${change.id}`, form)).status).toBe(200);
  const submitted = await owner.post(`/api/changes/${change.id}/submit`);
  expect(submitted.status, submitted.text).toBe(200);
  const applied = await reviewer.post(`/api/review/changes/${change.id}/approve`);
  expect(applied.status, applied.text).toBe(200);
  revoked = await approvedFiling(server.client(), reviewer, named('后来撤销的平台', 'revoked.example.com'));
  expect((await admin.post(`/api/review/filings/${revoked.id}/revoke`, { reason: '核查属实' })).status).toBe(200);
  const endedOwner = server.client();
  ended = await approvedFiling(endedOwner, reviewer, named('后来注销的平台', 'ended.example.com'));
  const dereg = await endedOwner.post(`/api/filings/${ended.id}/deregistration`, { terminationDate: '2026-11-27' });
  expect(dereg.status, dereg.text).toBe(200);
  // Waiting for review: never in the projection.
  await submittedFiling(server.client(), named('待审核的平台', 'waiting.example.com'));
});
afterAll(() => server?.close());

describe('the public history', () => {
  it('numbers every public event without gaps, in order, with the record after each', async () => {
    const rows = await queryRows<{ seq: string; type: string }>(
      server.ctx.db,
      sql`select seq, type from public_events order by seq`,
    );
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    const history = await publicHistory(server.ctx.db, changed.filingNumber);
    expect(history.map((e) => e.type)).toEqual(['filing.approved', 'filing.changed']);
    expect(history.map((e) => e.record.platformName)).toEqual(['白帽汇安全响应中心', '白帽汇漏洞响应平台']);
    expect(history[1]?.record.lastChangeDate).toBe('2026-11-27');
    expect((await publicHistory(server.ctx.db, revoked.filingNumber)).map((e) => [e.type, e.record.status])).toEqual([
      ['filing.approved', 'valid'],
      ['filing.revoked', 'revoked'],
    ]);
  });
});

describe('the search projection', () => {
  const find = async (q: string) =>
    (await searchRegistry(server.ctx.db, { q, page: 1, pageSize: 20 })).items.map((i) => i.record.filingNumber);

  it('follows a change: the new name and host are found, the old ones no longer', async () => {
    expect(await find('漏洞响应')).toEqual([changed.filingNumber]);
    expect(await find('new.baimao')).toEqual([changed.filingNumber]);
    expect(await find('安全响应中心')).toEqual([]);
    expect(await find('old.baimao')).toEqual([]);
  });

  it('finds 2-character and 1-character terms, and no term across two fields', async () => {
    expect(await find('白帽')).toEqual([changed.filingNumber]);
    expect((await find('台')).sort()).toEqual([changed, revoked, ended].map((f) => f.filingNumber).sort());
    // The platform name ends in 平台 and the number starts with 工信: together they are not one field's text.
    expect(await find('平台工信')).toEqual([]);
    expect(await find('平台 工信')).toEqual([]);
  });

  it('gives the exact total of a short term from the per-gram counts, and of a longer one by counting', async () => {
    const total = async (q: string) => (await searchRegistry(server.ctx.db, { q, page: 1, pageSize: 1 })).total;
    expect(await total('后来')).toBe(2);
    expect(await total('台')).toBe(3);
    expect(await total('安全')).toBe(3); // every sponsor is 北京某某网络安全技术有限公司
    expect(await total('众测')).toBe(0);
    expect(await total('后来注销')).toBe(1);
    expect(await total('白帽汇')).toBe(1);
  });

  it('keeps the counts per status, for totals without a scan', async () => {
    expect(await registryCounts(server.ctx.db)).toEqual({ valid: 1, deregistered: 1, revoked: 1, total: 3 });
    const list = await searchRegistry(server.ctx.db, { q: '', page: 1, pageSize: 2 });
    expect(list.total).toBe(3);
    expect(list.items).toHaveLength(2);
  });

  it('serves a 2-character term from the gram index', async () => {
    const plan = await server.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return queryRows<Record<string, string>>(
        tx,
        sql`explain select filing_id from public_registry
            where grams @> public_query_grams(lower('白帽'))`,
      );
    });
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toContain('public_registry_grams_idx');
  });

  it('never holds a personal value', async () => {
    const text = JSON.stringify(await queryRows(server.ctx.db, sql`select * from public_registry`));
    const events = JSON.stringify(await queryRows(server.ctx.db, sql`select * from public_events`));
    for (const value of [PERSONAL.principal.name, PERSONAL.principal.mobile, PERSONAL.contact.email, PERSONAL.uscc]) {
      expect(text).not.toContain(value);
      expect(events).not.toContain(value);
    }
  });
});

describe('the migration', () => {
  it('builds from existing filings the same registry rows and counts as the live path', async () => {
    const file = fs.readFileSync(new URL('../../../drizzle/0004_public_registry.sql', import.meta.url), 'utf8');
    const statements = file.split('--> statement-breakpoint').filter((s) => /^\s*(--[^\n]*\n)*\s*INSERT/.test(s));
    expect(statements).toHaveLength(4);
    const snapshot = () =>
      queryRows(
        server.ctx.db,
        sql`select filing_id, filing_number, status, filing_date, record, search_text, grams from public_registry
            order by filing_number`,
      );
    const live = await snapshot();
    const liveCounts = await registryCounts(server.ctx.db);
    const gramCounts = () =>
      queryRows(server.ctx.db, sql`select gram, n from public_search_gram_counts where n > 0 order by gram`);
    const liveGrams = await gramCounts();
    await server.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`delete from public_registry`);
      await tx.execute(sql`delete from public_events`);
      await tx.execute(sql`delete from public_registry_counts`);
      await tx.execute(sql`delete from public_search_gram_counts`);
      // The log's leaves follow the events: a rebuilt event history starts a new log.
      await tx.execute(sql`delete from transparency_nodes`);
      await tx.execute(sql`delete from transparency_heads`);
      await tx.execute(sql`delete from transparency_leaves`);
      for (const s of statements) await tx.execute(sql.raw(s));
    });
    const rebuilt = await snapshot();
    // A backfill knows only the current record: a changed filing's current name, and its status after the events.
    expect(rebuilt).toEqual(live);
    expect(await registryCounts(server.ctx.db)).toEqual(liveCounts);
    // The live path kept the per-gram totals through the change (gained and lost grams) as a rebuild counts them.
    expect(await gramCounts()).toEqual(liveGrams);
    expect(liveGrams.length).toBeGreaterThan(50);
  });
});

describe('a common term whose matches are all old', () => {
  it('still finds them in date order when the window of newest records holds none', async () => {
    const { insertPublicRecord } = await import('../test/publicRecords.js');
    for (let i = 0; i < 5; i++) {
      await insertPublicRecord(server.ctx, { platformName: `旧年平台${i}`, filingDate: `2020-01-0${i + 1}` });
    }
    for (let i = 0; i < 95; i++) await insertPublicRecord(server.ctx, { filingDate: '2026-06-01' });
    const page = (p: number) => searchRegistry(server.ctx.db, { q: '旧年', page: p, pageSize: 1 });
    const names = [];
    for (let p = 1; p <= 5; p++) {
      const r = await page(p);
      expect(r.total).toBe(5);
      names.push(r.items[0]?.record.platformName);
    }
    expect(names).toEqual(['旧年平台4', '旧年平台3', '旧年平台2', '旧年平台1', '旧年平台0']);
    expect((await page(6)).items).toEqual([]);
    // A longer term whose rarest gram is common, matched by no record: nothing, with a total of 0.
    expect(await searchRegistry(server.ctx.db, { q: '平台旧', page: 1, pageSize: 20 })).toEqual({
      total: 0,
      items: [],
    });
  });
});
