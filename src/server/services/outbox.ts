/**
 * Writing to the transactional outbox, inside the transaction of the event itself: if the event commits,
 * its messages exist; if it rolls back, they never did. jobs/outboxWorker.ts delivers them.
 */
import type { FieldCipher } from '../crypto/fieldCipher.js';
import type { Tx } from '../db/client.js';
import { outbox, partners } from '../db/schema.js';

export type OutboxChannel = 'webhook' | 'email' | 'feed';
export type PartnerEvent =
  | 'filing.approved'
  | 'filing.changed'
  | 'filing.deregistered'
  | 'filing.revoked'
  | 'complaint.referred';

/** The two agencies Article 5 names; their endpoints are settings (table `partners`). */
export const DEFAULT_PARTNERS = [
  { id: 'mps', name: '公安部' },
  { id: 'cac', name: '国家互联网信息办公室' },
] as const;

export const outboxAad = (idempotencyKey: string) => `outbox:${idempotencyKey}`;

async function insert(
  tx: Tx,
  cipher: FieldCipher,
  row: {
    channel: OutboxChannel;
    recipient: string;
    eventType: string;
    filingId: string | null;
    payload: unknown;
    status?: string;
  },
) {
  const idempotencyKey = crypto.randomUUID();
  await tx.insert(outbox).values({
    channel: row.channel,
    recipient: row.recipient,
    eventType: row.eventType,
    filingId: row.filingId,
    payloadEnc: cipher.sealJson(row.payload, outboxAad(idempotencyKey)),
    idempotencyKey,
    status: row.status ?? 'pending',
  });
}

/**
 * Queues one event for every partner: a `feed` entry they can pull with their token, and one message per push
 * channel configured for them (webhook, email).
 */
export async function queuePartnerEvent(
  tx: Tx,
  cipher: FieldCipher,
  event: { type: PartnerEvent; filingId: string | null; payload: unknown; onlyPartners?: readonly string[] },
): Promise<void> {
  const list = await tx.select().from(partners);
  for (const p of list) {
    if (!p.enabled) continue;
    if (event.onlyPartners && !event.onlyPartners.includes(p.id)) continue;
    const base = { recipient: p.id, eventType: event.type, filingId: event.filingId, payload: event.payload };
    await insert(tx, cipher, { ...base, channel: 'feed', status: 'available' });
    if (p.webhookUrl) await insert(tx, cipher, { ...base, channel: 'webhook' });
    if (p.email) await insert(tx, cipher, { ...base, channel: 'email' });
  }
}

export interface ApplicantEmail {
  userId: string;
  subject: string;
  text: string;
}

/** Queues an email to an applicant; the address is looked up and decrypted only when it is sent. */
export async function queueApplicantEmail(
  tx: Tx,
  cipher: FieldCipher,
  filingId: string,
  mail: ApplicantEmail,
  eventType: string,
) {
  await insert(tx, cipher, { channel: 'email', recipient: 'applicant', eventType, filingId, payload: mail });
}

/**
 * Queues an email to any account (staff reminders and digests): the address is looked up and decrypted only when it
 * is sent, as for applicants.
 */
export async function queueUserEmail(tx: Tx, cipher: FieldCipher, mail: ApplicantEmail, eventType: string) {
  await insert(tx, cipher, { channel: 'email', recipient: 'user', eventType, filingId: null, payload: mail });
}

export interface ComplainantEmail {
  to: string;
  subject: string;
  text: string;
}

/** Queues an email to a complainant (Art. 9 reply); the address travels sealed in the payload only. */
export async function queueComplainantEmail(tx: Tx, cipher: FieldCipher, mail: ComplainantEmail, eventType: string) {
  await insert(tx, cipher, { channel: 'email', recipient: 'complainant', eventType, filingId: null, payload: mail });
}

/** The two agencies exist from the first start, with no endpoint yet: an admin enters them. */
export async function seedPartners(db: import('../db/client.js').Db): Promise<void> {
  await db
    .insert(partners)
    .values(DEFAULT_PARTNERS.map((p) => ({ id: p.id, name: p.name })))
    .onConflictDoNothing();
}

/** Associated data of a partner's sealed webhook secret (`partners.webhook_secret_enc`). */
export const partnerSecretAad = (partnerId: string) => `partner:${partnerId}`;

/** Channels the worker pushes; `feed` entries are only pulled. */
export const PUSH_CHANNELS = ['webhook', 'email'] as const;
