/**
 * Reading and writing complaints (Article 9, SPEC §9): the row, the sealed contact (bound to the complaint's id),
 * the timeline entries and the tracking code. Shared by the complaint commands.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ComplaintAction, ComplaintStatus } from '../../../shared/complaints/lifecycle.js';
import type { FieldCipher } from '../../crypto/fieldCipher.js';
import type { Executor, Tx } from '../../db/client.js';
import { complaintEvents, complaints } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';

export type ComplaintRow = typeof complaints.$inferSelect;

export interface ComplaintContact {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

const aad = (complaintId: string) => `complaint:${complaintId}`;

/** The contact sealed as one JSON document, or null when none of its parts was given (anonymous). */
export function sealContact(cipher: FieldCipher, complaintId: string, contact: ComplaintContact | undefined) {
  const clean = Object.fromEntries(
    Object.entries(contact ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
  ) as ComplaintContact;
  return Object.keys(clean).length ? cipher.sealJson(clean, aad(complaintId)) : null;
}

export function openContact(
  cipher: FieldCipher,
  row: Pick<ComplaintRow, 'id' | 'contactEnc'>,
): ComplaintContact | null {
  return row.contactEnc ? cipher.openJson<ComplaintContact>(row.contactEnc, aad(row.id)) : null;
}

/** Crockford base32 without I, L, O, U: 16 characters = 80 random bits, in groups of four (TS4K-9QXM-2B7D-H8PA). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newTrackingCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = (ALPHABET[Number(bits & 31n)] as string) + out;
    bits >>= 5n;
  }
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** How a typed code is compared: upper case, and the letters people confuse read as the digits they look like. */
export function normaliseTrackingCode(code: string): string {
  return code.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadComplaint(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ComplaintRow> {
  if (!UUID.test(id)) throw notFound('未找到该投诉');
  const q = db.select().from(complaints).where(eq(complaints.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('未找到该投诉');
  return row;
}

export interface EventInput {
  complaintId: string;
  at: Date;
  /** `homepage_check`: the homepage monitor checked the target for a `number_not_shown` complaint. */
  action: ComplaintAction | 'receive' | 'reveal' | 'homepage_check';
  status: ComplaintStatus;
  actorId: string | null;
  /** The staff's note (never shown to the public). */
  note?: string | null;
  /** Shown on the status page with the step; undefined: the step is not shown there. */
  publicNote?: string | null;
  details?: Record<string, unknown>;
}

export async function addEvent(tx: Tx, e: EventInput): Promise<void> {
  await tx.insert(complaintEvents).values({
    complaintId: e.complaintId,
    at: e.at,
    action: e.action,
    status: e.status,
    actorId: e.actorId,
    note: e.note ?? null,
    public: e.publicNote !== undefined,
    publicNote: e.publicNote ?? null,
    details: e.details ?? {},
  });
}
