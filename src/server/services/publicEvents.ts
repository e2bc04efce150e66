/**
 * Article 5 (向社会公布), SPEC §4, §11 and §13: every public event of a filing (approved, changed, deregistered,
 * revoked) goes through `recordPublicEvent`, inside the transaction of the event itself. This is the one place that
 * keeps what the public sees in step with the filing: the filing's `public_record`, the ordered public history
 * (`public_events`, gapless `seq`), the registry's search projection (`public_registry`) and its counts per status
 * and per search gram, and the transparency log's leaf (transparency/logStore.ts, SPEC §11).
 * A rollback takes all of them back with the event.
 */
import { eq, sql } from 'drizzle-orm';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import { queryRows, type Tx } from '../db/client.js';
import { filings } from '../db/schema.js';
import { appendLeaves } from '../transparency/logStore.js';
import { searchIndexOf, textGrams } from './searchGrams.js';

export const PUBLIC_EVENT_TYPES = [
  'filing.approved',
  'filing.changed',
  'filing.deregistered',
  'filing.revoked',
] as const;
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

export interface PublicEvent {
  type: PublicEventType;
  filingId: string;
  filingNumber: string;
  at: Date;
  /** The §4 public record as it stands after the event. */
  record: PublicRecord;
}

/** Serialises appends to the public history across connections and instances, so `seq` has no gaps. */
const PUBLIC_EVENTS_LOCK_KEY = 0x76637002;

/** Takes the public events' lock in `tx` (held until it ends): what appends to the history and the log hold. */
export async function lockPublicEvents(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${PUBLIC_EVENTS_LOCK_KEY})`);
}

/**
 * Bumped by every public event recorded in this process: the registry's read cache (services/registryCache.ts)
 * drops what it read before. Other instances' events reach it when its entries expire.
 */
let generation = 0;
export const publicEventGeneration = () => generation;
/**
 * A change the public pages show other than a public event (a setting such as the complaint phone): this process's
 * caches drop what they hold, as after an event; other instances show it when their entries expire.
 */
export const dropPublicCaches = () => {
  generation += 1;
};
/** For the cache's own test: what a recorded event does to the generation. */
export const bumpForTest = () => {
  generation += 1;
};

export async function recordPublicEvent(tx: Tx, event: PublicEvent): Promise<{ seq: number }> {
  const { record } = event;
  await tx.update(filings).set({ publicRecord: record }).where(eq(filings.id, event.filingId));
  await lockPublicEvents(tx);
  const json = JSON.stringify(record);
  const [appended] = await queryRows<{ seq: string | number }>(
    tx,
    sql`insert into public_events (seq, type, filing_id, filing_number, at, record)
        select coalesce(max(seq), 0) + 1, ${event.type}, ${event.filingId}, ${event.filingNumber}, ${event.at},
               ${json}::jsonb
        from public_events
        returning seq`,
  );
  const seq = Number(appended?.seq);
  await appendLeaves(tx, [{ seq, type: event.type, filingNumber: event.filingNumber, at: event.at, record }]);
  const [before] = await queryRows<{ status: string; search_text: string }>(
    tx,
    sql`select status, search_text from public_registry where filing_id = ${event.filingId} for update`,
  );
  const [after] = await queryRows<{ search_text: string }>(
    tx,
    sql`
    insert into public_registry (filing_id, filing_number, status, filing_date, approved_at, record, search_text,
                                 grams, last_event_seq, updated_at)
    select ${event.filingId}, ${event.filingNumber}, ${record.status}, ${record.filingDate}::date,
           coalesce((select approved_at from filings where id = ${event.filingId}), ${event.at}), r,
           array_to_string(public_search_fields(r), E'\n'), public_search_grams(public_search_fields(r)), ${seq}, now()
    from (select ${json}::jsonb as r) as x
    on conflict (filing_id) do update set
      filing_number = excluded.filing_number, status = excluded.status, filing_date = excluded.filing_date,
      record = excluded.record, search_text = excluded.search_text, grams = excluded.grams,
      last_event_seq = excluded.last_event_seq,
      updated_at = excluded.updated_at
    returning search_text`,
  );
  const oldText = before?.search_text ?? '';
  const newText = after?.search_text ?? '';
  if (oldText !== newText) {
    // Records per gram: the grams the record gained count one more, those it lost one fewer.
    await tx.execute(sql`
      with o as (select unnest(public_text_grams(${oldText})) as g), n as (select unnest(public_text_grams(${newText})) as g)
      insert into public_search_gram_counts (gram, n)
      select g, 1 from (select g from n except select g from o) as gained
      on conflict (gram) do update set n = public_search_gram_counts.n + 1`);
    await tx.execute(sql`
      with o as (select unnest(public_text_grams(${oldText})) as g), n as (select unnest(public_text_grams(${newText})) as g)
      update public_search_gram_counts set n = n - 1 where gram in (select g from o except select g from n)`);
  }
  if (before?.status !== record.status) {
    if (before) await tx.execute(sql`update public_registry_counts set n = n - 1 where status = ${before.status}`);
    await tx.execute(sql`insert into public_registry_counts (status, n) values (${record.status}, 1)
                         on conflict (status) do update set n = public_registry_counts.n + 1`);
  }
  generation += 1;
  return { seq };
}

/**
 * Several events at once, oldest first (the demo seed writes thousands a transaction), with the same effect as
 * recording them one by one: gapless `seq` in order, the registry at each filing's latest event, counts per status and
 * per gram moved by the difference.
 * `jsGrams`: the search text and grams are computed in JavaScript (services/searchGrams.ts; the caller asked
 * `sameAsDatabase` first), except for records only SQL can lower-case surely. `filingsHoldRecords`: the caller wrote
 * each filing's `public_record` as its latest event leaves it (the demo seed inserts the filings so).
 */
export async function recordPublicEvents(
  tx: Tx,
  events: readonly PublicEvent[],
  opts: { filingsHoldRecords?: boolean; jsGrams?: boolean } = {},
): Promise<void> {
  if (events.length === 0) return;
  if (events.length === 1 && !opts.filingsHoldRecords) {
    await recordPublicEvent(tx, events[0] as PublicEvent);
    return;
  }
  await lockPublicEvents(tx);
  const [top] = await queryRows<{ seq: string | number }>(
    tx,
    sql`select coalesce(max(seq), 0) as seq from public_events`,
  );
  const base = Number(top?.seq ?? 0);
  const numbered = events.map((e, i) => ({ e, seq: base + i + 1 }));
  const all = JSON.stringify(
    numbered.map(({ e, seq }) => ({
      seq,
      type: e.type,
      id: e.filingId,
      num: e.filingNumber,
      at: e.at.toISOString(),
      record: e.record,
    })),
  );
  await tx.execute(sql`insert into public_events (seq, type, filing_id, filing_number, at, record)
    select x.seq, x.type, x.id, x.num, x.at, x.record
    from jsonb_to_recordset(${all}::jsonb) as x(seq bigint, type text, id uuid, num text, at timestamptz, record jsonb)`);
  await appendLeaves(
    tx,
    numbered.map(({ e, seq }) => ({ seq, type: e.type, filingNumber: e.filingNumber, at: e.at, record: e.record })),
  );
  const latest = new Map<string, { e: PublicEvent; seq: number }>();
  for (const n of numbered) latest.set(n.e.filingId, n);
  const records = [...latest.values()];
  const inJs = opts.jsGrams === true;
  const computed = records.map(({ e }) => (inJs ? searchIndexOf(e.record) : null));
  const list = JSON.stringify(
    records.map(({ e, seq }, i) => ({
      seq,
      id: e.filingId,
      num: e.filingNumber,
      at: e.at.toISOString(),
      status: e.record.status,
      date: e.record.filingDate,
      record: e.record,
      text: computed[i]?.text ?? null,
      grams: computed[i]?.grams ?? null,
    })),
  );
  if (!opts.filingsHoldRecords) {
    await tx.execute(sql`update ${filings} set public_record = x.record
      from jsonb_to_recordset(${list}::jsonb) as x(id uuid, record jsonb) where ${filings.id} = x.id`);
  }
  const ids = [...latest.keys()];
  const before = await queryRows<{ filing_id: string; status: string; search_text: string }>(
    tx,
    sql`select filing_id, status, search_text from public_registry
        where filing_id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid) for update`,
  );
  // SQL computes the text and grams left null.
  const after = await queryRows<{ filing_id: string; status: string; search_text: string }>(
    tx,
    sql`
    insert into public_registry (filing_id, filing_number, status, filing_date, approved_at, record, search_text,
                                 grams, last_event_seq, updated_at)
    select x.id, x.num, x.status, x.date::date, coalesce(f.approved_at, x.at), x.record,
           coalesce(x.text, array_to_string(public_search_fields(x.record), E'\n')),
           coalesce(x.grams, public_search_grams(public_search_fields(x.record))),
           x.seq, now()
    from jsonb_to_recordset(${list}::jsonb)
         as x(seq bigint, id uuid, num text, at timestamptz, status text, date text, record jsonb, text text, grams text[])
    left join filings f on f.id = x.id
    on conflict (filing_id) do update set
      filing_number = excluded.filing_number, status = excluded.status, filing_date = excluded.filing_date,
      record = excluded.record, search_text = excluded.search_text, grams = excluded.grams,
      last_event_seq = excluded.last_event_seq, updated_at = excluded.updated_at
    returning filing_id, status, search_text`,
  );
  const old = new Map(before.map((r) => [r.filing_id, r]));
  const pairs: { o: string; n: string }[] = [];
  const statusDelta = new Map<string, number>();
  for (const r of after) {
    const b = old.get(r.filing_id);
    if ((b?.search_text ?? '') !== r.search_text) pairs.push({ o: b?.search_text ?? '', n: r.search_text });
    if (b?.status !== r.status) {
      if (b) statusDelta.set(b.status, (statusDelta.get(b.status) ?? 0) - 1);
      statusDelta.set(r.status, (statusDelta.get(r.status) ?? 0) + 1);
    }
  }
  if (pairs.length > 0 && inJs) {
    // Records per gram, moved by what each record's text gained and lost.
    const delta = new Map<string, number>();
    for (const { o, n } of pairs) {
      const was = new Set(textGrams(o));
      const is = new Set(textGrams(n));
      for (const g of is) if (!was.has(g)) delta.set(g, (delta.get(g) ?? 0) + 1);
      for (const g of was) if (!is.has(g)) delta.set(g, (delta.get(g) ?? 0) - 1);
    }
    const d = JSON.stringify([...delta].filter(([, k]) => k !== 0).map(([g, k]) => ({ g, k })));
    await tx.execute(sql`
      insert into public_search_gram_counts (gram, n) select x.g, x.k from jsonb_to_recordset(${d}::jsonb) as x(g text, k int)
      on conflict (gram) do update set n = public_search_gram_counts.n + excluded.n`);
  } else if (pairs.length > 0) {
    const p = JSON.stringify(pairs);
    await tx.execute(sql`
      with p as (select * from jsonb_to_recordset(${p}::jsonb) as p(o text, n text)),
      d as (select g, sum(k) as k from (
        select t.g, 1 as k from p, lateral (select unnest(public_text_grams(p.n)) except select unnest(public_text_grams(p.o))) as t(g)
        union all
        select t.g, -1 from p, lateral (select unnest(public_text_grams(p.o)) except select unnest(public_text_grams(p.n))) as t(g)
      ) as s group by g)
      insert into public_search_gram_counts (gram, n) select g, k from d where k <> 0
      on conflict (gram) do update set n = public_search_gram_counts.n + excluded.n`);
  }
  for (const [status, k] of statusDelta) {
    if (k === 0) continue;
    await tx.execute(sql`insert into public_registry_counts (status, n) values (${status}, ${k})
                         on conflict (status) do update set n = public_registry_counts.n + excluded.n`);
  }
  generation += 1;
}
