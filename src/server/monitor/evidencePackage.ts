/**
 * A homepage check's evidence as one downloadable package for staff (Article 5, SPEC §10 "exportable"): a zip with
 * the body exactly as received (`homepage.html`, the bytes whose SM3 the check recorded), the response headers, the
 * security.txt findings, the bottom screenshot when rendered, and `manifest.json` naming every file with its size and
 * SM3, the check's timestamps, result, redirect chain and excerpt. `README.txt` says how to verify it by hand.
 */
import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { sm3Hex } from '../crypto/sm3.js';
import type { Executor } from '../db/client.js';
import { homepageBodies } from '../db/schema.js';
import type { HomepageEvidence } from './checkHomepage.js';
import type { HomepageCheckRow } from './runCheck.js';

export const EVIDENCE_FORMAT = 'vcp-homepage-evidence/1';

export interface EvidenceManifestFile {
  name: string;
  bytes: number;
  sm3: string;
  what: string;
}

export interface EvidencePackage {
  zip: Uint8Array;
  fileName: string;
  /** The files the manifest lists (the manifest and README themselves aside). */
  files: EvidenceManifestFile[];
}

const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');

const README = (sm3: string | null) => `Homepage check evidence (VCP Filing, Article 5 homepage monitor)
首页检查证据包（网络产品安全漏洞收集平台备案系统，第五条首页监测）

manifest.json         the check: times, URLs, redirect chain, result, reason, excerpt; every file with its SM3
                      检查记录：时间、网址、跳转链、结果、原因、摘录；每个文件及其 SM3
homepage.html         the body exactly as received (after the size cap), not re-encoded
                      收到的页面内容原样（按大小上限截断后），未转码
response-headers.json the last answer's response headers / 最后一次响应的响应头
security-txt.json     the security.txt findings (RFC 9116), advisory / security.txt 检查结果（参考）
screenshot.png        the bottom of the page as rendered in Chromium, when rendered / 渲染时页面底部截图

Verify / 核验:  openssl dgst -sm3 homepage.html   → ${sm3 ?? '(no body was received / 未收到页面内容)'}
The same digest is in manifest.json (body.sm3) and in the system's record of the check.
`;

export async function buildEvidencePackage(
  db: Executor,
  row: HomepageCheckRow,
  opts: { generatedAt: Date },
): Promise<EvidencePackage> {
  const e = row.evidence as HomepageEvidence;
  const files: Record<string, Uint8Array> = {};
  const listed: EvidenceManifestFile[] = [];
  const add = (name: string, bytes: Buffer, what: string) => {
    files[name] = bytes;
    listed.push({ name, bytes: bytes.length, sm3: sm3Hex(bytes), what });
  };

  let bodyKept = false;
  if (e.sm3) {
    const [stored] = await db.select().from(homepageBodies).where(eq(homepageBodies.sm3, e.sm3));
    if (stored) {
      const body = gunzipSync(stored.gz);
      // Never hand out bytes that are not the ones the check recorded.
      if (sm3Hex(body) === e.sm3) {
        add('homepage.html', body, 'body as received');
        bodyKept = true;
      }
    }
  }
  add('response-headers.json', json(e.headers ?? {}), 'response headers of the last answer');
  if (row.securityTxt) add('security-txt.json', json(row.securityTxt), 'security.txt findings (RFC 9116)');
  if (row.screenshot) add('screenshot.png', row.screenshot, 'bottom of the rendered page');

  const manifest = {
    format: EVIDENCE_FORMAT,
    generatedAt: opts.generatedAt.toISOString(),
    check: {
      id: row.id,
      filingId: row.filingId,
      filingNumber: row.filingNumber,
      homepageUrl: row.homepageUrl,
      trigger: row.trigger,
      complaintId: row.complaintId,
      checkedAt: row.checkedAt.toISOString(),
      result: row.result,
      reason: row.reason,
      requestedUrl: e.requestedUrl,
      finalUrl: row.finalUrl,
      httpStatus: row.httpStatus,
      redirects: e.redirects,
      charset: e.charset,
      excerpt: e.excerpt,
      where: e.where ?? null,
      otherNumbers: e.otherNumbers ?? [],
      rendered: e.rendered,
      detail: e.detail ?? null,
    },
    body: { sm3: e.sm3, bytes: e.bytes, truncated: e.truncated, file: bodyKept ? 'homepage.html' : null },
    files: listed,
  };
  const manifestBytes = json(manifest);
  const mtime = row.checkedAt;
  const zip = zipSync(
    {
      'manifest.json': manifestBytes,
      'README.txt': Buffer.from(README(e.sm3), 'utf8'),
      ...files,
    },
    { level: 6, mtime },
  );
  const day = row.checkedAt.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return { zip, fileName: `homepage-evidence-${row.filingNumber}-${day}.zip`, files: listed };
}
