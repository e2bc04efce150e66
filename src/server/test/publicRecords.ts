/**
 * Public records built directly in the registry (through services/publicEvents.ts, as an approval would write them)
 * for tests of late states and volume: paging, highlighting, hostile text. No filing row, no personal data.
 */
import { randomUUID } from 'node:crypto';
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import type { AppContext } from '../context.js';
import { type PublicEventType, recordPublicEvent } from '../services/publicEvents.js';

let n = 90000;

export function buildPublicRecord(overrides: Partial<PublicRecord> = {}): PublicRecord {
  n += 1;
  return {
    filingNumber: `工信漏备2025${String(n).padStart(5, '0')}号`,
    platformName: `测试平台${n}`,
    homepageUrl: `https://p${n}.example.org/`,
    icpNumber: '京ICP备16020626号-8',
    publishUrls: [],
    socialAccounts: [],
    sponsorName: `测试科技有限公司${n}`,
    sponsorType: 'enterprise',
    sponsorTypeLabel: '企业',
    filingDate: '2025-06-01',
    lastChangeDate: null,
    status: 'valid',
    ...overrides,
  };
}

export async function insertPublicRecord(
  ctx: AppContext,
  overrides: Partial<PublicRecord> = {},
  type: PublicEventType = 'filing.approved',
): Promise<PublicRecord> {
  const record = buildPublicRecord(overrides);
  await ctx.db.transaction((tx) =>
    recordPublicEvent(tx, { type, filingId: randomUUID(), filingNumber: record.filingNumber, at: ctx.now(), record }),
  );
  return record;
}
