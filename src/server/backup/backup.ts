/**
 * `vcp backup <file>` (SPEC §6, §12): one file holding the whole database, the same format from PGlite and from
 * PostgreSQL, and restorable into either (backup/restore.ts). It is a logical export, not pg_dump or PGlite's data-dir
 * image: pg_dump is not part of the application and must match the server's major version, and a PGlite image opens
 * only in PGlite; a logical export moves an embedded installation to a PostgreSQL server as well.
 *
 * Layout: gzip of JSON lines. Line 1 the header (format, version, time, source, migration level, key ids the sealed
 * data uses, row counts); then `{ "t": table, "rows": [...] }` lines, parents before children, each row as
 * PostgreSQL's `to_jsonb`; last `{ "end": true, "rows": n, "sm3": … }` with the SM3 of every line before it, so a
 * truncated or altered file is refused. Everything is read in one repeatable-read snapshot. Personal data stays sealed
 * in the file: it opens only with the keys (the key file or VCP_KEYS), which are NOT in the backup.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import { createGzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { keyUsage } from '../crypto/sealedColumns.js';
import { type Executor, queryRows } from '../db/client.js';
import { nextTurn, throwIfStopped } from '../lib/interrupted.js';
import { listTables, type MigrationLevel, migrationLevel, type TableInfo } from './schemaInfo.js';

export const BACKUP_FORMAT = 'vcp-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: 'pglite' | 'postgres';
  migration: MigrationLevel;
  /** Key ids the sealed columns use: the keys a restore needs. */
  keyIds: string[];
  tables: { name: string; rows: number }[];
}

export interface BackupResult {
  header: BackupHeader;
  bytes: number;
}

const PAGE = 1000;

/** Reads one table in pages, by its primary key when it has a single column (keyset), else by offset. */
async function* pages(db: Executor, t: TableInfo): AsyncGenerator<unknown[]> {
  const table = sql.identifier(t.name);
  const single = t.key.length === 1 ? t.key[0] : undefined;
  if (single) {
    const col = sql.identifier(single.column);
    let last: string | null = null;
    for (;;) {
      const after: SQL = last === null ? sql`true` : sql`${col} > ${last}::${sql.raw(single.type)}`;
      const rows = await queryRows<{ k: string; r: unknown }>(
        db,
        sql`select ${col}::text as k, to_jsonb(x) as r from ${table} x where ${after} order by ${col} limit ${PAGE}`,
      );
      if (rows.length === 0) return;
      yield rows.map((row) => row.r);
      last = (rows[rows.length - 1] as { k: string }).k;
    }
  }
  const order = t.key.length
    ? sql.join(
        t.key.map((k) => sql.identifier(k.column)),
        sql`, `,
      )
    : sql`ctid`;
  for (let offset = 0; ; offset += PAGE) {
    const rows = await queryRows<{ r: unknown }>(
      db,
      sql`select to_jsonb(x) as r from ${table} x order by ${order} limit ${PAGE} offset ${offset}`,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => row.r);
  }
}

/**
 * `signal`: stops between pages (SIGINT/SIGTERM in `vcp`, cli/stop.ts); the partial file is removed and `Interrupted`
 * thrown. `onProgress`: the rows written so far, after each page.
 */
export async function backupDatabase(
  ctx: AppContext,
  file: string,
  opts: { signal?: AbortSignal; onProgress?: (rows: number, table: string) => void } = {},
): Promise<BackupResult> {
  const tmp = `${file}.partial`;
  const gzip = createGzip();
  const sink = fs.createWriteStream(tmp, { mode: 0o600 });
  gzip.pipe(sink);
  const digest = createHash('sm3');
  const write = async (line: string) => {
    digest.update(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  };
  try {
    const header = await ctx.db.transaction(
      async (tx) => {
        const tables = await listTables(tx);
        // One by one: a transaction is one connection, and node-postgres queues rather than runs queries in parallel.
        const counts: BackupHeader['tables'] = [];
        for (const t of tables) {
          const [row] = await queryRows<{ n: number }>(
            tx,
            sql`select count(*)::int as n from ${sql.identifier(t.name)}`,
          );
          counts.push({ name: t.name, rows: Number(row?.n ?? 0) });
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: ctx.now().toISOString(),
          source: ctx.database.kind,
          migration: await migrationLevel(tx),
          keyIds: [...new Set((await keyUsage(tx)).map((u) => u.kid))].sort(),
          tables: counts,
        };
        await write(`${JSON.stringify(header)}\n`);
        let total = 0;
        for (const t of tables) {
          for await (const rows of pages(tx, t)) {
            await nextTurn();
            throwIfStopped(opts.signal);
            total += rows.length;
            await write(`${JSON.stringify({ t: t.name, rows })}\n`);
            opts.onProgress?.(total, t.name);
          }
        }
        const sum = digest.copy().digest('hex');
        await write(`${JSON.stringify({ end: true, rows: total, sm3: sum })}\n`);
        return header;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await once(sink, 'finish');
    fs.renameSync(tmp, file);
    return { header, bytes: fs.statSync(file).size };
  } catch (err) {
    gzip.destroy();
    sink.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
