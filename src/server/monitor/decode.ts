/**
 * Decoding a homepage (SPEC §10): the charset from the BOM, else the Content-Type header, else the page's
 * `<meta charset>` / `<meta http-equiv="Content-Type">` within its first 4 KiB; UTF-8 when none says. GBK and GB2312
 * are decoded as GB18030 (their superset: pages labelled GB2312 routinely use GBK characters); Big5 with iconv-lite's
 * table (Big5-HKSCS, a superset).
 */
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'meta' | 'default';

export interface Decoded {
  text: string;
  /** The charset used, lower case (e.g. `utf-8`, `gb18030`, `big5`). */
  charset: string;
  source: CharsetSource;
  /** The label the page declared, when it differs from what was used (e.g. `gb2312`). */
  declared?: string;
}

const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  csgb2312: 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5hkscs',
  'x-x-big5': 'big5',
  cp950: 'cp950',
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

/** Normalises a charset label to one iconv-lite decodes, or null when it cannot. */
export function normaliseCharset(label: string | undefined | null): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!l) return null;
  const mapped = ALIASES[l] ?? l;
  return iconv.encodingExists(mapped) ? mapped : null;
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m?.[2] ?? null;
}

/** The charset a page declares in its first 4 KiB (read as Latin-1, which keeps ASCII markup intact). */
export function charsetFromMeta(head: Buffer): string | null {
  const text = head.subarray(0, 4096).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)/i.exec(text);
  if (direct?.[1]) return direct[1];
  return null;
}

function bomOf(body: Buffer): { charset: string; length: number } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (body[0] === 0x84 && body[1] === 0x31 && body[2] === 0x95 && body[3] === 0x33) {
    return { charset: 'gb18030', length: 4 };
  }
  return null;
}

export function decodeBody(body: Buffer, contentType?: string): Decoded {
  const bom = bomOf(body);
  if (bom) return { text: iconv.decode(body.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };
  const candidates: [CharsetSource, string | null][] = [
    ['header', charsetFromContentType(contentType)],
    ['meta', charsetFromMeta(body)],
  ];
  for (const [source, label] of candidates) {
    const charset = normaliseCharset(label);
    if (!charset) continue;
    const declared = label?.toLowerCase();
    return {
      text: iconv.decode(body, charset),
      charset,
      source,
      ...(declared && declared !== charset ? { declared } : {}),
    };
  }
  return { text: body.toString('utf8'), charset: 'utf-8', source: 'default' };
}
