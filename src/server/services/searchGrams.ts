/**
 * The public registry's search rules (SPEC §4, §7) in JavaScript: the same results as the SQL functions of
 * drizzle/0004_public_registry.sql (`public_search_fields`, `public_search_grams`, `public_text_grams`), for writers
 * of many records at once (the demo seed, SPEC §6), which would otherwise spend a third of their time computing grams
 * inside the database (milliseconds a record on PGlite's WebAssembly).
 *
 * The SQL functions stay the rule: a record whose text JavaScript might lower-case differently from the database (a
 * cased letter outside ASCII) gets `null` here and is computed by SQL, and `sameAsDatabase` compares both on sample
 * records before a writer relies on this (the order of the stored grams follows the database's collation, which is
 * code-point order under the C and C.UTF-8 collations PGlite and our PostgreSQL use).
 */
import { sql } from 'drizzle-orm';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import { type Executor, queryRows } from '../db/client.js';

const HOST = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/;

/** Lower-cased as `lower()` does under any locale, or null when the text holds a cased letter outside ASCII. */
export function lowerAscii(s: string): string | null {
  const lowered = s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  return lowered === s.toLowerCase() ? lowered : null;
}

const host = (url: unknown): string | null | undefined => {
  if (url == null) return null;
  if (typeof url !== 'string') return undefined;
  const m = HOST.exec(url);
  return m ? (m[1] as string) : null;
};

/**
 * `public_search_fields(record)`: platform name, number, the host of the homepage and of each publishing URL, and the
 * sponsor's name unless an individual's; lower-cased, empty ones left out. Undefined when SQL must compute them.
 */
export function searchFields(record: PublicRecord): string[] | undefined {
  const r = record as unknown as Record<string, unknown>;
  const text = (v: unknown): string | null | undefined => (v == null ? null : typeof v === 'string' ? v : undefined);
  const raw: (string | null | undefined)[] = [text(r.platformName), text(r.filingNumber), host(r.homepageUrl)];
  if (Array.isArray(r.publishUrls)) for (const u of r.publishUrls) raw.push(host(u));
  if (r.sponsorType !== 'individual') raw.push(text(r.sponsorName));
  const fields: string[] = [];
  for (const f of raw) {
    if (f === undefined) return undefined;
    if (f === null) continue;
    const lowered = lowerAscii(f);
    if (lowered === null) return undefined;
    if (lowered !== '') fields.push(lowered);
  }
  return fields;
}

/** Code-point order (UTF-16 code units reordered so that surrogate pairs sort after U+E000–U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return weight(x) - weight(y);
  }
  return a.length - b.length;
}

const weight = (u: number) => (u >= 0xe000 ? u - 0x800 : u >= 0xd800 ? u + 0x2000 : u);

/** `public_search_grams(fields)`: every 1- and 2-character gram of each field, distinct, in code-point order. */
export function searchGrams(fields: readonly string[]): string[] {
  const grams = new Set<string>();
  for (const f of fields) {
    const chars = Array.from(f);
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i] as string;
      grams.add(c);
      if (i + 1 < chars.length) grams.add(c + (chars[i + 1] as string));
    }
  }
  return [...grams].sort(compareCodePoints);
}

/** `public_text_grams(text)`: the grams of a stored search text, its fields one a line. */
export const textGrams = (text: string): string[] => (text === '' ? [] : searchGrams(text.split('\n')));

/** A record's search text and grams as the registry stores them, or null where SQL must compute them. */
export function searchIndexOf(record: PublicRecord): { text: string; grams: string[] } | null {
  const fields = searchFields(record);
  return fields ? { text: fields.join('\n'), grams: searchGrams(fields) } : null;
}

/**
 * Whether this database's SQL functions give the same search text and grams (in the same order) as the functions
 * above for these records and a few awkward strings: what a writer asks once before relying on them.
 */
export async function sameAsDatabase(db: Executor, samples: readonly PublicRecord[]): Promise<boolean> {
  const probe: PublicRecord[] = [
    ...samples.slice(0, 20),
    {
      filingNumber: '工信漏备202600001号',
      icpNumber: '京ICP备12345678号',
      socialAccounts: [],
      sponsorTypeLabel: '企业',
      filingDate: '2026-01-01',
      lastChangeDate: null,
      status: 'valid',
      platformName: 'Ab-C.9 平台 SRC_x~€，ｚ𠀀丁',
      homepageUrl: 'HTTPS://Sub.Example.CN:8443/path?q#f',
      publishUrls: ['http://a.b/x', 'ftp://Z9.cn', 'not a url', 'https://漏洞.中国/'],
      sponsorName: '示例（北京）科技有限公司 Co., Ltd.',
      sponsorType: 'enterprise',
    },
  ];
  const ours = probe.map((r) => searchIndexOf(r));
  const rows = await queryRows<{ t: string; g: string[] | string }>(
    db,
    sql`select array_to_string(public_search_fields(x.r), E'\n') as t, public_search_grams(public_search_fields(x.r)) as g
        from jsonb_array_elements(${JSON.stringify(probe)}::jsonb) with ordinality as x(r, o) order by x.o`,
  );
  let same = rows.length === probe.length;
  rows.forEach((row, i) => {
    const mine = ours[i];
    if (!mine) return;
    const grams = Array.isArray(row.g) ? row.g : parseTextArray(row.g);
    if (row.t !== mine.text || JSON.stringify(grams) !== JSON.stringify(mine.grams)) same = false;
  });
  return same;
}

/** A text[] as PostgreSQL prints it, for a driver that leaves it unparsed. */
function parseTextArray(s: string): string[] {
  const out: string[] = [];
  const body = s.slice(1, -1);
  let i = 0;
  while (i < body.length) {
    let v = '';
    if (body[i] === '"') {
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        v += body[i];
        i++;
      }
      i++;
    } else {
      while (i < body.length && body[i] !== ',') v += body[i++];
    }
    out.push(v);
    i++;
  }
  return out;
}
