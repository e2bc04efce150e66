/**
 * Inserting many rows with `COPY … FROM` in PostgreSQL's text format, the fastest load both databases have: PGlite
 * reads it from a blob (`COPY … FROM '/dev/blob'`), PostgreSQL from the connection (`COPY … FROM STDIN`, driven on
 * node-postgres's own connection, the way pg-copy-streams does). Used by the demo seed (SPEC §6) inside its batch
 * transactions; values are encoded as the column's type reads them, so the rows are those `bulkInsert` would write.
 * Rows are loaded in the order given (serial columns follow it).
 */
import { getTableColumns, getTableName, is, SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './client.js';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The text-format escapes of one field. */
const escapeField = (s: string) =>
  s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/** An element of an array literal: always quoted, `"` and `\` escaped. */
const arrayElement = (v: unknown) => (v == null ? 'NULL' : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`);

type Encode = (v: unknown) => string;

function encoderFor(column: PgColumn): Encode {
  const type = column.getSQLType();
  if (type === 'bytea') return (v) => `\\\\x${Buffer.from(v as Uint8Array).toString('hex')}`;
  if (type === 'json' || type === 'jsonb') return (v) => escapeField(JSON.stringify(v));
  if (type.endsWith('[]')) return (v) => escapeField(`{${(v as unknown[]).map(arrayElement).join(',')}}`);
  return (v) => escapeField(v instanceof Date ? v.toISOString() : String(v));
}

function fieldValue(column: PgColumn, row: Record<string, unknown>, key: string): unknown {
  const v = row[key];
  if (v !== undefined) return v;
  if (column.defaultFn) return column.defaultFn();
  if (column.default !== undefined && !is(column.default, SQL)) return column.default;
  if (column.notNull && column.hasDefault) {
    throw new Error(`copyInsert ${getTableName(column.table)}: give "${column.name}" a value (its default is SQL)`);
  }
  return null;
}

/**
 * The statement's column list and the data: the columns any row sets (or those of `keys`, in that order), one line a
 * row, each ending in a newline.
 */
export function copyText(
  table: PgTable,
  rows: readonly Record<string, unknown>[],
  keys?: readonly string[],
): { columns: string; data: string; lines: string[] } {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const entries = keys
    ? keys.map((k) => [k, all[k] as PgColumn] as const)
    : Object.entries(all).filter(([key]) => rows.some((r) => r[key] !== undefined));
  const encoders = entries.map(([key, column]) => ({ key, column, encode: encoderFor(column) }));
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    let line = '';
    for (let j = 0; j < encoders.length; j++) {
      const e = encoders[j] as (typeof encoders)[number];
      const v = fieldValue(e.column, row, e.key);
      line += (j ? '\t' : '') + (v == null ? '\\N' : e.encode(v));
    }
    lines[i] = line;
  }
  return {
    columns: entries.map(([, c]) => quote(c.name)).join(', '),
    data: lines.length ? `${lines.join('\n')}\n` : '',
    lines,
  };
}

interface PgliteTx {
  query(sql: string, params?: unknown[], opts?: { blob?: Blob }): Promise<unknown>;
}

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

interface PgClient {
  query(submittable: object): unknown;
}

/** COPY FROM STDIN on a node-postgres client: the whole text in chunks, then the end; settles at ReadyForQuery. */
function copyOnPg(client: PgClient, text: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | null = null;
    client.query({
      text,
      submit(connection: PgConnection) {
        connection.query(text);
      },
      handleCopyInResponse(connection: PgConnection) {
        const bytes = Buffer.from(data, 'utf8');
        for (let i = 0; i < bytes.length; i += 1 << 16) connection.sendCopyFromChunk(bytes.subarray(i, i + (1 << 16)));
        connection.endCopyFrom();
      },
      handleCommandComplete() {},
      handleError(err: Error) {
        failure = err;
      },
      handleReadyForQuery() {
        if (failure) reject(failure);
        else resolve();
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    });
  });
}

/** The driver's client under a Drizzle transaction (PGlite's transaction, or node-postgres's checked-out client). */
const clientOf = (tx: Tx) => (tx as unknown as { session: { client: unknown } }).session.client;

export async function copyInsert(
  tx: Tx,
  kind: 'pglite' | 'postgres',
  table: PgTable,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const { columns, data } = copyText(table, rows);
  await copyRaw(tx, kind, table, columns, data);
}

/** COPY of text already encoded (copyText), e.g. by a worker thread. */
export async function copyRaw(
  tx: Tx,
  kind: 'pglite' | 'postgres',
  table: PgTable,
  columns: string,
  data: string,
): Promise<void> {
  if (data === '') return;
  const target = `${quote(getTableName(table))} (${columns})`;
  if (kind === 'pglite') {
    await (clientOf(tx) as PgliteTx).query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([data]) });
    return;
  }
  await copyOnPg(clientOf(tx) as PgClient, `copy ${target} from stdin`, data);
}
