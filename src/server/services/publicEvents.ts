/**
 * Article 5 (向社会公布), SPEC §4 and §11: every public event of a filing (approved, changed, deregistered, revoked)
 * goes through `recordPublicEvent`, inside the transaction of the event itself. This is the one place that keeps
 * what the public sees in step with the filing: the public record shown by the registry (and, as they are built,
 * the event history, the search projection and the transparency log).
 */
import { eq, sql } from 'drizzle-orm';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import type { Tx } from '../db/client.js';
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

export async function recordPublicEvent(tx: Tx, event: PublicEvent): Promise<void> {
  await recordPublicEvents(tx, [event]);
}

/**
 * Several events at once, oldest first (the demo seed writes thousands a transaction): what follows an event is kept
 * here, once, for one event or many.
 */
export async function recordPublicEvents(tx: Tx, events: readonly PublicEvent[]): Promise<void> {
  if (events.length === 1) {
    const [event] = events as [PublicEvent];
    await tx.update(filings).set({ publicRecord: event.record }).where(eq(filings.id, event.filingId));
    return;
  }
  // The registry shows the record after each filing's latest event.
  const latest = new Map<string, PublicEvent>();
  for (const e of events) latest.set(e.filingId, e);
  if (latest.size === 0) return;
  const list = JSON.stringify([...latest.values()].map((e) => ({ id: e.filingId, record: e.record })));
  await tx.execute(sql`update ${filings} set public_record = x.record
    from jsonb_to_recordset(${list}::jsonb) as x(id uuid, record jsonb) where ${filings.id} = x.id`);
}
