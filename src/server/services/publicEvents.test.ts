/**
 * `recordPublicEvents` (many events in one go, as the demo seed writes them) must leave the same books as recording
 * each event alone: a gapless public history, one registry row per published filing at its latest event, and counts
 * per status and per search gram that match the rows.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { seedDemo } from '../demo/seed.js';
import { startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.ctx, { filings: 60, seed: 'pe1' });
}, 120_000);
afterAll(() => server?.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(server.ctx.db, q);

describe('public events recorded in a batch', () => {
  it('number the history without gaps, in time order', async () => {
    const seqs = await rows<{ seq: string; at: Date }>(sql`select seq, at from public_events order by seq`);
    expect(seqs.length).toBeGreaterThan(10);
    expect(seqs.map((r) => Number(r.seq))).toEqual(seqs.map((_, i) => i + 1));
    for (let i = 1; i < seqs.length; i++) {
      expect(new Date(seqs[i]?.at as Date).getTime()).toBeGreaterThanOrEqual(
        new Date(seqs[i - 1]?.at as Date).getTime(),
      );
    }
  });

  it('keep one registry row per published filing, at its latest event', async () => {
    const stale = await rows<{ n: number }>(sql`
      select count(*)::int as n from public_registry r
      where r.last_event_seq <> (select max(seq) from public_events e where e.filing_id = r.filing_id)
         or r.status <> (select record->>'status' from public_events e where e.seq = r.last_event_seq)`);
    expect(stale[0]?.n).toBe(0);
    const published = await rows<{ n: number }>(sql`select count(distinct filing_id)::int as n from public_events`);
    const registry = await rows<{ n: number }>(sql`select count(*)::int as n from public_registry`);
    expect(registry[0]?.n).toBe(published[0]?.n);
  });

  it('count statuses and grams as the rows say', async () => {
    const counts = await rows<{ status: string; n: number }>(
      sql`select status, n from public_registry_counts where n <> 0 order by status`,
    );
    const actual = await rows<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from public_registry group by status order by status`,
    );
    expect(counts.map((c) => [c.status, Number(c.n)])).toEqual(actual.map((c) => [c.status, Number(c.n)]));
    expect(actual.map((c) => c.status)).toEqual(expect.arrayContaining(['valid', 'deregistered']));
    const wrong = await rows<{ n: number }>(sql`
      with truth as (select g, count(*)::int as n from public_registry, unnest(grams) as g group by g)
      select count(*)::int as n from truth full join public_search_gram_counts c on c.gram = truth.g
      where coalesce(truth.n, 0) <> coalesce(c.n, 0)`);
    expect(wrong[0]?.n).toBe(0);
  });
});
