/**
 * `vcp restore <file> [--force]`: puts a backup (backup/backup.ts) back, on PGlite or PostgreSQL, whichever it was
 * taken from. Refused: a PGlite folder another process holds (the data-folder lock, taken when the database is
 * opened); a database that already holds accounts or filings, or (PostgreSQL) that other sessions are
 * connected to, unless --force; a backup from newer code; a backup whose sealed data the configured keys do not open.
 *
 * Steps, all in ONE transaction (PostgreSQL's DDL is transactional, PGlite's too): the schema is dropped and migrated
 * to the backup's level; the rows are loaded, parents first (`jsonb_populate_recordset`, so every type comes back as it
 * was), serial counters set past the restored rows; then the migrations of this code run. A restore that fails or is
 * interrupted (SIGINT/SIGTERM, `signal`) therefore leaves the database as it was, and is simply run again. Then the
 * audit chain is verified. Before anything is dropped the whole file is read once: its SM3 and row counts, and a sample
 * of every key's sealed data opened with the configured keys.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { verifyAuditChain } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { SEALED_COLUMNS } from '../crypto/sealedColumns.js';
import { MIGRATIONS_FOLDER, queryRows, type Tx } from '../db/client.js';
import { nextTurn, throwIfStopped } from '../lib/interrupted.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './backup.js';
import { listTables, migrationsUpTo, readJournal } from './schemaInfo.js';

export class RestoreRefused extends Error {}

export interface RestoreResult {
  header: BackupHeader;
  rows: number;
  auditEntries: number;
}

async function* lines(file: string): AsyncGenerator<string> {
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
}

export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of lines(file)) {
    const header = JSON.parse(line) as BackupHeader;
    if (header.format !== BACKUP_FORMAT) throw new RestoreRefused(`${file} is not a VCP backup`);
    return header;
  }
  throw new RestoreRefused(`${file} is empty`);
}

/**
 * Drizzle's migrator, inside the caller's transaction (its own opens one, and on one connection that would commit the
 * restore half-way): the same bookkeeping table and rows, so a later start sees the same level.
 */
async function migrateInTransaction(tx: Tx, folder: string) {
  await tx.execute(sql`create schema if not exists drizzle`);
  await tx.execute(
    sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
  );
  const [last] = await queryRows<{ created_at: string | number | null }>(
    tx,
    sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  for (const m of readMigrationFiles({ migrationsFolder: folder })) {
    if (last && Number(last.created_at) >= m.folderMillis) continue;
    for (const statement of m.sql) await tx.execute(sql.raw(statement));
    await tx.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.folderMillis})`,
    );
  }
}

/** Accounts or filings: a database in use, not a fresh one (a first start writes only the calendar and partners). */
async function holdsData(ctx: AppContext): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    ctx.db,
    sql`select (select count(*) from users) + (select count(*) from filings) as n`,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

async function otherSessions(ctx: AppContext): Promise<number> {
  if (ctx.database.kind !== 'postgres') return 0;
  const rows = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function restoreDatabase(
  ctx: AppContext,
  file: string,
  opts: { force?: boolean; signal?: AbortSignal; onProgress?: (rowsLoaded: number) => void } = {},
): Promise<RestoreResult> {
  const header = await readBackupHeader(file);
  if (header.version > BACKUP_VERSION)
    throw new RestoreRefused(`backup format ${header.version} is newer than this code reads`);
  const journal = readJournal();
  const known = journal.entries.some((e) => e.when === header.migration.when) || header.migration.count === 0;
  const newest = journal.entries[journal.entries.length - 1]?.when ?? 0;
  if (!known || (header.migration.when ?? 0) > newest) {
    throw new RestoreRefused(
      `the backup was taken at migration ${header.migration.tag ?? header.migration.when}, which this code does not ` +
        'have: restore it with the version of VCP that made it (or a newer one)',
    );
  }
  const missing = header.keyIds.filter((kid) => !ctx.cipher.hasKey(kid));
  if (missing.length) {
    throw new RestoreRefused(
      `the backup's personal data is sealed with key ${missing.join(', ')}, which the configured keys (VCP_KEYS or ` +
        'DATA_DIR/keys.json) do not hold: put the keys file of the backed-up installation in place first',
    );
  }
  if (!opts.force) {
    if (await holdsData(ctx)) {
      throw new RestoreRefused('the database already holds accounts or filings: use --force to replace them');
    }
    const others = await otherSessions(ctx);
    if (others > 0) {
      throw new RestoreRefused(
        `${others} other session(s) are connected to this database: stop the servers (or use --force)`,
      );
    }
  }

  // The whole file is checked before anything is dropped: a damaged file or foreign keys change nothing.
  await checkFile(ctx, file, header, opts.signal);

  const folder = migrationsUpTo(header.migration.when);
  const rows = await ctx.db.transaction(async (tx) => {
    // The schema as it was when the backup was taken.
    await tx.execute(sql`drop schema if exists drizzle cascade`);
    await tx.execute(sql`drop schema public cascade`);
    await tx.execute(sql`create schema public`);
    try {
      await migrateInTransaction(tx, folder);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    await tx.execute(sql`set constraints all deferred`);
    const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
    // Migrations may seed rows (counts, settings): the backup's rows replace them.
    for (const t of header.tables) {
      if (tables.has(t.name)) await tx.execute(sql`truncate ${sql.identifier(t.name)} cascade`);
    }
    const digest = createHash('sm3');
    const counts = new Map<string, number>();
    let total = 0;
    let end: { rows: number; sm3: string } | null = null;
    let first = true;
    for await (const line of lines(file)) {
      if (end) throw new RestoreRefused('the backup has data after its end mark');
      const msg = JSON.parse(line) as { t?: string; rows?: unknown[]; end?: boolean; sm3?: string };
      if (first) {
        first = false;
        digest.update(`${line}\n`);
        continue;
      }
      if (msg.end) {
        end = { rows: Number((msg as { rows?: unknown }).rows), sm3: String(msg.sm3) };
        if (digest.digest('hex') !== end.sm3) throw new RestoreRefused('the backup file is damaged (SM3 mismatch)');
        continue;
      }
      digest.update(`${line}\n`);
      await nextTurn();
      throwIfStopped(opts.signal);
      const t = msg.t ? tables.get(msg.t) : undefined;
      if (!t || !msg.rows) throw new RestoreRefused(`the backup holds table ${msg.t}, which this schema does not have`);
      const cols = sql.raw(t.columns.map((c) => `"${c}"`).join(', '));
      await tx.execute(sql`insert into ${sql.identifier(t.name)} (${cols})
        select ${cols} from jsonb_populate_recordset(null::${sql.identifier(t.name)}, ${JSON.stringify(msg.rows)}::jsonb)`);
      counts.set(t.name, (counts.get(t.name) ?? 0) + msg.rows.length);
      total += msg.rows.length;
      opts.onProgress?.(total);
    }
    if (!end) throw new RestoreRefused('the backup file is incomplete (no end mark)');
    for (const t of header.tables) {
      if ((counts.get(t.name) ?? 0) !== t.rows) {
        throw new RestoreRefused(
          `the backup file is damaged: ${t.name} has ${counts.get(t.name) ?? 0} rows, not ${t.rows}`,
        );
      }
    }
    await resetSerials(tx);
    // This code's migrations after the backup's level, in the same transaction.
    await migrateInTransaction(tx, MIGRATIONS_FOLDER);
    throwIfStopped(opts.signal);
    return total;
  });

  const audit = await verifyAuditChain(ctx.db);
  if (!audit.ok) throw new Error(`restored, but the audit chain is broken at #${audit.firstBroken?.seq}`);
  return { header, rows, auditEntries: audit.checked };
}

/** Serial counters past the restored rows, so new rows do not collide. */
async function resetSerials(tx: Tx) {
  const serials = await queryRows<{ t: string; c: string }>(
    tx,
    sql`select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`,
  );
  for (const s of serials) {
    await tx.execute(sql`select setval(pg_get_serial_sequence(${`public."${s.t}"`}, ${s.c}),
      coalesce((select max(${sql.identifier(s.c)}) from ${sql.identifier(s.t)}), 0) + 1, false)`);
  }
}

/** The key id of a sealed value as `to_jsonb` wrote it: base64 text, or bytea as `\\x…` hex. */
function kidOfJson(kind: 'text' | 'bytea', v: string): { kid: string; bytes: Buffer } {
  const bytes = kind === 'bytea' ? Buffer.from(v.slice(2), 'hex') : Buffer.from(v, 'base64');
  return { kid: bytes.subarray(2, 2 + (bytes[1] ?? 0)).toString('ascii'), bytes };
}

/**
 * Reads the whole file once: its SM3 and row counts must match, and one sealed value of every key in every sealed
 * column must open with the configured keys (and one account's blind index match), or nothing is touched.
 */
async function checkFile(ctx: AppContext, file: string, header: BackupHeader, signal?: AbortSignal) {
  const digest = createHash('sm3');
  const counts = new Map<string, number>();
  const opened = new Set<string>();
  let end: { sm3: string } | null = null;
  let indexChecked = false;
  for await (const line of lines(file)) {
    throwIfStopped(signal);
    if (end) throw new RestoreRefused('the backup has data after its end mark');
    const msg = JSON.parse(line) as {
      t?: string;
      rows?: Record<string, unknown>[];
      end?: boolean;
      sm3?: string;
      format?: string;
    };
    if (msg.format) {
      digest.update(`${line}\n`);
      continue;
    }
    if (msg.end) {
      end = { sm3: String(msg.sm3) };
      if (digest.digest('hex') !== end.sm3) throw new RestoreRefused('the backup file is damaged (SM3 mismatch)');
      continue;
    }
    digest.update(`${line}\n`);
    const rows = msg.rows ?? [];
    counts.set(String(msg.t), (counts.get(String(msg.t)) ?? 0) + rows.length);
    for (const c of SEALED_COLUMNS.filter((x) => x.table === msg.t)) {
      for (const row of rows) {
        const v = row[c.column];
        if (typeof v !== 'string') continue;
        const { kid, bytes } = kidOfJson(c.kind, v);
        const seen = `${c.table}.${c.column}:${kid}`;
        if (opened.has(seen)) continue;
        try {
          ctx.cipher.openBytes(bytes, c.aad(row));
        } catch {
          throw new RestoreRefused(
            `the configured keys do not open the backup's ${c.table}.${c.column} (key "${kid}"): put the keys file ` +
              'of the backed-up installation in place first (DATA_DIR/keys.json, or VCP_KEYS and VCP_INDEX_KEY)',
          );
        }
        opened.add(seen);
      }
    }
    if (msg.t === 'users' && !indexChecked && rows[0]) {
      const u = rows[0] as { id: string; email_enc: string; email_hash: string };
      if (ctx.cipher.blindIndex(ctx.cipher.openText(u.email_enc, `user:${u.id}`)) !== u.email_hash) {
        throw new RestoreRefused(
          'the configured index key (VCP_INDEX_KEY) is not the backed-up one: sign-in would fail',
        );
      }
      indexChecked = true;
    }
  }
  if (!end) throw new RestoreRefused('the backup file is incomplete (no end mark)');
  for (const t of header.tables) {
    if ((counts.get(t.name) ?? 0) !== t.rows) {
      throw new RestoreRefused(
        `the backup file is damaged: ${t.name} has ${counts.get(t.name) ?? 0} rows, not ${t.rows}`,
      );
    }
  }
}
