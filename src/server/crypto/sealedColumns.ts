/**
 * Every column that holds data sealed by crypto/fieldCipher.ts, with the associated data each row's seal is bound
 * to. Key rotation (`vcp keys rotate`) re-seals them, `vcp keys status` and backup headers count them by key id.
 * A new sealed column must be listed here, or rotation would leave it on the old key (keysStatus then refuses to
 * call an old key unused only for the columns it knows: keep this list complete).
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/client.js';

export interface SealedColumn {
  table: string;
  column: string;
  /** `text`: base64 in a text column; `bytea`: raw bytes. */
  kind: 'text' | 'bytea';
  /** The primary key column and its type, for keyset batches; `key2` the second column of a two-column key. */
  key: string;
  keyType: 'uuid' | 'bigint' | 'text';
  key2?: { name: string; type: 'integer' | 'bigint' };
  /** Columns the associated data is made of, read with the row. */
  reads: string[];
  /** The associated data of a row, from the columns in `reads`. */
  aad(row: Record<string, unknown>): string;
}

const str = (v: unknown) => String(v);

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: 'users',
    column: 'email_enc',
    kind: 'text',
    key: 'id',
    keyType: 'uuid',
    reads: ['id'],
    aad: (r) => `user:${str(r.id)}`,
  },
  {
    table: 'users',
    column: 'totp_secret_enc',
    kind: 'text',
    key: 'id',
    keyType: 'uuid',
    reads: ['id'],
    aad: (r) => `totp:${str(r.id)}`,
  },
  {
    table: 'filings',
    column: 'personal_enc',
    kind: 'text',
    key: 'id',
    keyType: 'uuid',
    reads: ['id'],
    aad: (r) => `filing:${str(r.id)}`,
  },
  {
    table: 'filing_changes',
    column: 'personal_enc',
    kind: 'text',
    key: 'id',
    keyType: 'uuid',
    reads: ['id'],
    aad: (r) => `change:${str(r.id)}`,
  },
  {
    table: 'filing_versions',
    column: 'personal_enc',
    kind: 'text',
    key: 'id',
    keyType: 'uuid',
    reads: ['id', 'filing_id', 'version'],
    // services/filingVersions.ts versionAad: version 1 shares the filing's binding.
    aad: (r) =>
      Number(r.version) === 1 ? `filing:${str(r.filing_id)}` : `filing:${str(r.filing_id)}:v${str(r.version)}`,
  },
  {
    // commands/requestCorrection.ts: the form as the correction notice sent it back.
    table: 'review_decisions',
    column: 'form_personal_enc',
    kind: 'text',
    key: 'id',
    keyType: 'uuid',
    reads: ['id'],
    aad: (r) => `decision:${str(r.id)}`,
  },
  {
    table: 'attachments',
    column: 'content',
    kind: 'bytea',
    key: 'id',
    keyType: 'uuid',
    reads: ['id', 'sealed_id'],
    aad: (r) => `attachment:${str(r.sealed_id ?? r.id)}`,
  },
  {
    // Files stored since chunking (attachments/blobStore.ts chunkAad): each 64 KiB chunk is bound to blob and position.
    table: 'attachment_chunks',
    column: 'content',
    kind: 'bytea',
    key: 'blob_id',
    keyType: 'uuid',
    key2: { name: 'seq', type: 'integer' },
    reads: ['blob_id', 'seq'],
    aad: (r) => `blob:${str(r.blob_id)}:${str(r.seq)}`,
  },
  {
    table: 'outbox',
    column: 'payload_enc',
    kind: 'text',
    key: 'id',
    keyType: 'bigint',
    reads: ['id', 'idempotency_key'],
    aad: (r) => `outbox:${str(r.idempotency_key)}`,
  },
  {
    table: 'complaints',
    column: 'contact_enc',
    kind: 'text',
    key: 'id',
    keyType: 'uuid',
    reads: ['id'],
    aad: (r) => `complaint:${str(r.id)}`,
  },
  {
    table: 'partners',
    column: 'webhook_secret_enc',
    kind: 'text',
    key: 'id',
    keyType: 'text',
    reads: ['id'],
    aad: (r) => `partner:${str(r.id)}`,
  },
];

/** SQL for the key id of a sealed value: byte 1 is its length, the id follows (layout in fieldCipher.ts). */
export function kidOf(c: SealedColumn): SQL {
  const col = sql.identifier(c.column);
  // The first 48 base64 characters hold 36 bytes: enough for the 2-byte head and a key id of up to 32 characters.
  const head = c.kind === 'bytea' ? sql`${col}` : sql`decode(substring(${col} from 1 for 48), 'base64')`;
  return sql`convert_from(substring(${head} from 3 for get_byte(${head}, 1)), 'SQL_ASCII')`;
}

export interface KeyUsage {
  table: string;
  column: string;
  kid: string;
  rows: number;
}

/** How many sealed values each key id holds, column by column. */
export async function keyUsage(db: Executor): Promise<KeyUsage[]> {
  const out: KeyUsage[] = [];
  for (const c of SEALED_COLUMNS) {
    const rows = await queryRows<{ kid: string; n: number }>(
      db,
      sql`select ${kidOf(c)} as kid, count(*)::int as n from ${sql.identifier(c.table)}
          where ${sql.identifier(c.column)} is not null group by 1 order by 1`,
    );
    for (const r of rows) out.push({ table: c.table, column: c.column, kid: r.kid, rows: Number(r.n) });
  }
  return out;
}
