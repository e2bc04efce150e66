/**
 * Article 5 (向社会公布), SPEC §4, §11 and §13: every public event of a filing (approved, changed, deregistered,
 * revoked) goes through `recordPublicEvent`, inside the transaction of the event itself. This is the one place that
 * keeps what the public sees in step with the filing: the filing's `public_record`, the ordered public history
 * (`public_events`, gapless `seq`), the registry's search projection (`public_registry`) and its counts per status
 * and per search gram.
 * A rollback takes all of them back with the event.
 */
import { eq, sql } from 'drizzle-orm';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import { queryRows, type Tx } from '../db/client.js';
import { filings } from '../db/schema.js';

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

/**
 * Bumped by every public event recorded in this process: the registry's read cache (services/registryCache.ts)
 * drops what it read before. Other instances' events reach it when its entries expire.
 */
let generation = 0;
export const publicEventGeneration = () => generation;
/** For the cache's own test: what a recorded event does to the generation. */
export const bumpForTest = () => {
  generation += 1;
};

export async function recordPublicEvent(tx: Tx, event: PublicEvent): Promise<{ seq: number }> {
  const { record } = event;
  await tx.update(filings).set({ publicRecord: record }).where(eq(filings.id, event.filingId));
  await tx.execute(sql`select pg_advisory_xact_lock(${PUBLIC_EVENTS_LOCK_KEY})`);
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
