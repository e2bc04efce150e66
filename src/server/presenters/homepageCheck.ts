/** What staff see of a homepage check (SPEC §10): the evidence fields listed here, the screenshot by its own route. */
import type { HomepageCheckView } from '../../shared/api/homepageChecks.js';
import type { HomepageEvidence } from '../monitor/checkHomepage.js';
import type { HomepageCheckRow } from '../monitor/runCheck.js';
import type { SecurityTxtReport } from '../monitor/securityTxt.js';

export function presentHomepageCheck(row: HomepageCheckRow): HomepageCheckView {
  const e = row.evidence as HomepageEvidence;
  const s = row.securityTxt as SecurityTxtReport | null;
  return {
    id: row.id,
    result: row.result,
    checkedAt: row.checkedAt.toISOString(),
    trigger: row.trigger,
    homepageUrl: row.homepageUrl,
    filingNumber: row.filingNumber,
    finalUrl: row.finalUrl,
    httpStatus: row.httpStatus,
    reason: row.reason,
    evidence: {
      excerpt: e.excerpt,
      sm3: e.sm3,
      redirects: e.redirects,
      charset: e.charset,
      bytes: e.bytes,
      truncated: e.truncated,
      rendered: e.rendered,
      ...(e.where ? { where: e.where } : {}),
      ...(e.otherNumbers ? { otherNumbers: e.otherNumbers } : {}),
      ...(e.detail ? { detail: e.detail } : {}),
    },
    securityTxt: s ? { found: s.found, findings: s.findings } : null,
    screenshot: row.screenshot !== null,
  };
}
