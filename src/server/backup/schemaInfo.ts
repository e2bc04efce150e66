/**
 * What a backup needs to know about the database it reads or fills, asked of the catalog so that tables added by
 * later migrations are included without a list to maintain: the tables of the `public` schema in foreign-key order,
 * their stored (not generated) columns and primary keys, the serial columns, and the migration level.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Executor, MIGRATIONS_FOLDER, queryRows } from '../db/client.js';

export interface TableInfo {
  name: string;
  columns: string[];
  /** The primary key's columns and their SQL types. */
  key: { column: string; type: string }[];
}

export async function listTables(db: Executor): Promise<TableInfo[]> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
  );
  const columns = await queryRows<{ t: string; c: string }>(
    db,
    sql`select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`,
  );
  const keys = await queryRows<{ t: string; c: string; type: string }>(
    db,
    sql`select cl.relname as t, a.attname as c, format_type(a.atttypid, a.atttypmod) as type
        from pg_index i join pg_class cl on cl.oid = i.indrelid join pg_namespace n on n.oid = cl.relnamespace
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where n.nspname = 'public' and i.indisprimary order by cl.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const fks = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select ch.relname as child, pa.relname as parent from pg_constraint k
        join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid
        join pg_namespace n on n.oid = ch.relnamespace where k.contype = 'f' and n.nspname = 'public'`,
  );
  const info = new Map<string, TableInfo>(tables.map((t) => [t.name, { name: t.name, columns: [], key: [] }]));
  for (const c of columns) info.get(c.t)?.columns.push(c.c);
  for (const k of keys) info.get(k.t)?.key.push({ column: k.c, type: k.type });
  // Parents before children (Kahn's algorithm, alphabetical among equals, so the order is stable).
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  for (const f of fks) if (f.child !== f.parent) parents.get(f.child)?.add(f.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.find((t) => !done.has(t.name) && [...(parents.get(t.name) ?? [])].every((p) => done.has(p)));
    // A cycle: take the next table anyway (restore defers checks where it can).
    const next = ready ?? tables.find((t) => !done.has(t.name));
    if (!next) break;
    done.add(next.name);
    ordered.push(info.get(next.name) as TableInfo);
  }
  return ordered;
}

export interface MigrationLevel {
  /** Migrations applied. */
  count: number;
  /** The last one's journal time (drizzle's `created_at`), and its tag in this code's journal if known. */
  when: number | null;
  tag: string | null;
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

export function readJournal(folder = MIGRATIONS_FOLDER): Journal {
  return JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

export async function migrationLevel(db: Executor): Promise<MigrationLevel> {
  const [exists] = await queryRows<{ t: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (!exists?.t) return { count: 0, when: null, tag: null };
  const [row] = await queryRows<{ n: number; w: string | null }>(
    db,
    sql`select count(*)::int as n, max(created_at)::text as w from drizzle.__drizzle_migrations`,
  );
  const when = row?.w ? Number(row.w) : null;
  const tag = readJournal().entries.find((e) => e.when === when)?.tag ?? null;
  return { count: Number(row?.n ?? 0), when, tag };
}

/**
 * A migrations folder holding only the first `count` migrations of this code: migrating with it brings an empty
 * database to the level a backup was taken at. The caller removes the folder.
 */
export function migrationsUpTo(when: number | null): string {
  const journal = readJournal();
  const keep = journal.entries.filter((e) => when !== null && e.when <= when);
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'vcp-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  for (const e of keep) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: keep }));
  return dir;
}
