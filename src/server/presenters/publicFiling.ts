/**
 * The public registry's record of a filing (SPEC §4, Article 5 向社会公布). Fields are copied one by one from the
 * `public_record` fixed at approval: what is not named here is never sent, whatever the stored JSON holds.
 */
import { z } from 'zod';
import { PUBLIC_STATUS, type PublicRecord, publicStatusOf } from '../../shared/filing/publicRecord.js';

export const publicFilingSchema = z.object({
  filingNumber: z.string(),
  platformName: z.string(),
  homepageUrl: z.string(),
  icpNumber: z.string(),
  publishUrls: z.array(z.string()),
  socialAccounts: z.array(z.object({ app: z.string(), account: z.string() })),
  sponsorName: z.string().describe('主办单位名称；个人的姓名已脱敏（如 张*）'),
  sponsorType: z.string(),
  sponsorTypeLabel: z.string(),
  filingDate: z.string().describe('备案日期 YYYY-MM-DD'),
  lastChangeDate: z.string().nullable(),
  status: z.enum(['valid', 'deregistered', 'revoked']),
  statusLabel: z.string().describe('有效 / 已注销 / 已撤销'),
});
export type PublicFiling = z.infer<typeof publicFilingSchema>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function presentPublicFiling(row: { status: string; publicRecord: unknown }): PublicFiling {
  const r = (row.publicRecord ?? {}) as Partial<PublicRecord>;
  const status = publicStatusOf(row.status);
  return {
    filingNumber: str(r.filingNumber),
    platformName: str(r.platformName),
    homepageUrl: str(r.homepageUrl),
    icpNumber: str(r.icpNumber),
    publishUrls: Array.isArray(r.publishUrls) ? r.publishUrls.map(str) : [],
    socialAccounts: Array.isArray(r.socialAccounts)
      ? r.socialAccounts.map((s) => ({ app: str(s?.app), account: str(s?.account) }))
      : [],
    sponsorName: str(r.sponsorName),
    sponsorType: str(r.sponsorType),
    sponsorTypeLabel: str(r.sponsorTypeLabel),
    filingDate: str(r.filingDate),
    lastChangeDate: typeof r.lastChangeDate === 'string' ? r.lastChangeDate : null,
    status,
    statusLabel: PUBLIC_STATUS[status],
  };
}
