/**
 * security.txt (RFC 9116) at `/.well-known/security.txt` of the homepage's origin (SPEC §10): advisory findings with
 * codes and levels; never changes a check's result. Fetched with the same guards as the homepage.
 */
import { type FetchOptions, fetchHomepage } from './fetch.js';

export type SecurityTxtCode =
  | 'missing'
  | 'no_contact'
  | 'no_expires'
  | 'expired'
  | 'expires_too_far'
  | 'not_text_plain'
  | 'canonical_mismatch';

export interface SecurityTxtFinding {
  code: SecurityTxtCode;
  level: 'error' | 'warning';
  message: string;
}

export interface SecurityTxtReport {
  found: boolean;
  url: string;
  findings: SecurityTxtFinding[];
}

const MESSAGES: Record<SecurityTxtCode, [SecurityTxtFinding['level'], string]> = {
  missing: ['warning', '未找到 /.well-known/security.txt'],
  no_contact: ['error', 'security.txt 缺少 Contact 字段'],
  no_expires: ['error', 'security.txt 缺少 Expires 字段'],
  expired: ['error', 'security.txt 已过期（Expires 早于检查时间）'],
  expires_too_far: ['warning', 'security.txt 的 Expires 超过一年之后（RFC 9116 建议不超过一年）'],
  not_text_plain: ['error', 'security.txt 的 Content-Type 不是 text/plain'],
  canonical_mismatch: ['warning', 'security.txt 的 Canonical 不包含其实际地址'],
};

const finding = (code: SecurityTxtCode): SecurityTxtFinding => {
  const [level, message] = MESSAGES[code];
  return { code, level, message };
};

/** Field values by lower-case name; comments and blank lines skipped; a PGP-signed file's armour lines ignored. */
export function parseSecurityTxt(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('-----')) continue;
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const name = m[1].toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), (m[2] ?? '').trim()]);
  }
  return fields;
}

export function judgeSecurityTxt(
  input: { url: string; status: number; contentType: string | undefined; text: string },
  now: Date,
): SecurityTxtFinding[] {
  if (input.status !== 200) return [finding('missing')];
  const out: SecurityTxtFinding[] = [];
  if (!/^text\/plain\b/i.test(input.contentType ?? '')) out.push(finding('not_text_plain'));
  const fields = parseSecurityTxt(input.text);
  if (!fields.get('contact')?.length) out.push(finding('no_contact'));
  const expires = fields.get('expires')?.[0];
  const expiresAt = expires ? new Date(expires) : null;
  if (!expiresAt || Number.isNaN(expiresAt.getTime())) out.push(finding('no_expires'));
  else if (expiresAt.getTime() < now.getTime()) out.push(finding('expired'));
  else if (expiresAt.getTime() - now.getTime() > 366 * 86_400_000) out.push(finding('expires_too_far'));
  const canonical = fields.get('canonical');
  if (canonical?.length && !canonical.includes(input.url)) out.push(finding('canonical_mismatch'));
  return out;
}

export async function checkSecurityTxt(
  homepageUrl: string,
  now: Date,
  opts: Omit<FetchOptions, 'maxBytes'> = {},
): Promise<SecurityTxtReport> {
  const url = new URL('/.well-known/security.txt', homepageUrl).href;
  const r = await fetchHomepage(url, { ...opts, maxBytes: 32 * 1024, maxRedirects: 2 });
  const found = r.ok && r.status === 200;
  const findings = found
    ? judgeSecurityTxt(
        { url: r.finalUrl, status: r.status, contentType: r.headers['content-type'], text: r.body.toString('utf8') },
        now,
      )
    : [finding('missing')];
  return { found, url, findings };
}
