/**
 * The audit viewer's queries use their indexes (migration 0013): on a log of 60,000 entries, each filter that
 * narrows it to a few — who, a rare action, an action prefix, a subject, a day — is read through its own index,
 * rather than by walking the whole log backwards. (A filter that matches many entries spread over the whole log is
 * rightly read backwards by seq: the newest page is found after a few hundred rows.) The plans are the database's own (EXPLAIN of the very query the
 * route runs, routes/admin/audit.ts), on PGlite and on PostgreSQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFilter } from '../../../shared/api/adminAudit.js';
import { queryRows } from '../../db/client.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { selectEntries, whereOf } from './audit.js';

let server: TestServer;
const ROWS = 60_000;
/** The first entry's time; one entry every two minutes, so about 83 days of log. */
const START = '2026-01-01T00:00:00+08:00';
const actor = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  server = await startTestServer();
  // Entries written directly (their hashes are not a chain): the shapes of a real log, not its integrity.
  await server.ctx.db.execute(sql`
    insert into audit_log (at, actor_id, action, subject_type, subject_id, details, prev_hash, hash)
    select ${START}::timestamptz + g * interval '2 minutes',
           ('00000000-0000-4000-8000-' || lpad((g % 200)::text, 12, '0'))::uuid,
           case when g % 3000 = 0 then 'keys.rotate' when g % 2 = 0 then 'filing.save' else 'account.login' end,
           'filing', 'f-' || (g % 5000), '{}'::jsonb, 'x', 'x'
    from generate_series(1, ${ROWS}) g`);
  await server.ctx.db.execute(sql`analyze audit_log`);
});
afterAll(() => server?.close());

/** The plan of the list's first page for these filters, as text. */
async function planOf(filter: AuditFilter): Promise<string> {
  const query = selectEntries(server.ctx, whereOf(filter), undefined, 51) as unknown as SQL;
  const rows = await queryRows<Record<string, unknown>>(server.ctx.db, sql`explain (format json) ${query}`);
  return JSON.stringify(rows);
}

describe('the audit viewer’s filters and their indexes', () => {
  it.each([
    ['who', { actorId: actor(17) }, 'audit_actor_idx'],
    ['an action', { action: 'keys.rotate' }, 'audit_action_idx'],
    ['an action prefix', { action: 'keys.' }, 'audit_action_idx'],
    ['a subject', { subjectType: 'filing', subjectId: 'f-123' }, 'audit_subject_idx'],
    ['a day', { from: '2026-01-20', to: '2026-01-20' }, 'audit_at_idx'],
  ] as const)('reads %s through its index', async (_what, filter, index) => {
    expect(await planOf(filter as AuditFilter)).toContain(`"Index Name":"${index}"`);
  });

  it('still finds the same entries as before the indexes: a prefix is a prefix, `_` is no wildcard', async () => {
    const count = async (filter: AuditFilter) =>
      (await selectEntries(server.ctx, whereOf(filter), undefined, 1000)).length;
    expect(await count({ action: 'keys.' })).toBe(ROWS / 3000);
    expect(await count({ action: 'keys.rotate' })).toBe(ROWS / 3000);
    expect(await count({ action: 'accoun_.' })).toBe(0);
    expect(await count({ action: 'filing.sav' })).toBe(0);
  });

  it('pages a day newest first by seq, then the next page from the cursor', async () => {
    const day = whereOf({ from: '2026-01-20', to: '2026-01-20' });
    const first = await selectEntries(server.ctx, day, undefined, 51);
    const seqs = first.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    const [newest] = await queryRows<{ seq: number }>(
      server.ctx.db,
      sql`select max(seq)::int as seq from audit_log where at < '2026-01-21T00:00:00+08:00'`,
    );
    expect(seqs[0]).toBe(newest?.seq);
    const next = await selectEntries(server.ctx, day, seqs.at(-1), 51);
    expect(next[0]?.seq).toBe((seqs.at(-1) ?? 0) - 1);
  });
});
