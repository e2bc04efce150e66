/**
 * The homepage monitor's API (SPEC §5 "Homepage monitor", §10; Article 5): staff run a check of a filing's homepage
 * now and read its history with the evidence; flagged filings (3 misses in a row); admins check all valid filings.
 */
import { z } from 'zod';

import { HOMEPAGE_CHECK_RESULTS } from './homepageCheckResults.js';

export { HOMEPAGE_CHECK_RESULTS, type HomepageCheckResult } from './homepageCheckResults.js';

export const homepageCheckParams = z.strictObject({
  id: z.uuid('备案申请ID格式不正确（应为 UUID）'),
  checkId: z.uuid('检查记录编号格式不正确'),
});

const securityTxtFinding = z.object({
  code: z.string(),
  level: z.enum(['error', 'warning']),
  message: z.string(),
});

export const homepageCheckSchema = z.object({
  id: z.string(),
  result: z.enum(HOMEPAGE_CHECK_RESULTS),
  checkedAt: z.string(),
  trigger: z.enum(['staff', 'schedule', 'admin_all', 'complaint']),
  homepageUrl: z.string(),
  filingNumber: z.string(),
  finalUrl: z.string(),
  httpStatus: z.number().int(),
  reason: z.string().describe('原因代码：number_in_footer、number_not_at_bottom、other_number、timeout、http_404 …'),
  evidence: z.object({
    excerpt: z.string(),
    sm3: z.string().nullable().describe('收到的页面内容（字节）的 SM3'),
    redirects: z.array(z.object({ url: z.string(), status: z.number().int(), location: z.string() })),
    charset: z.string().nullable(),
    bytes: z.number().int(),
    truncated: z.boolean(),
    rendered: z.boolean(),
    where: z.enum(['footer', 'last_fifth']).optional(),
    otherNumbers: z.array(z.string()).optional(),
    detail: z.string().optional(),
  }),
  securityTxt: z.object({ found: z.boolean(), findings: z.array(securityTxtFinding) }).nullable(),
  screenshot: z.boolean().describe('有页面底部截图（GET …/screenshot）'),
});
export type HomepageCheckView = z.infer<typeof homepageCheckSchema>;

export const homepageCheckResponse = z.object({ check: homepageCheckSchema });
export const homepageChecksResponse = z.object({
  checks: z.array(homepageCheckSchema),
  monitor: z
    .object({
      consecutiveMisses: z.number().int(),
      flaggedAt: z.string().nullable(),
      lastCheckedAt: z.string(),
      lastResult: z.enum(HOMEPAGE_CHECK_RESULTS),
    })
    .nullable(),
});

export const flaggedFilingsResponse = z.object({
  items: z.array(
    z.object({
      filingId: z.string(),
      filingNumber: z.string().nullable(),
      platformName: z.string().nullable(),
      consecutiveMisses: z.number().int(),
      flaggedAt: z.string(),
      lastCheckedAt: z.string(),
      lastResult: z.enum(HOMEPAGE_CHECK_RESULTS),
    }),
  ),
});

export const checkAllResponse = z.object({ scheduled: z.number().int() });
