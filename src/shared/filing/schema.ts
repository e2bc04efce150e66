/**
 * The 附件1 form as JSON (SPEC §2), shared by the API and the web form.
 *
 * `filingDraftSchema` checks the shape of what is saved: types, lengths and known keys, so a draft can hold
 * half-typed values. Whether a filing is complete and every value valid is decided by `checkFiling`
 * (completeness.ts) at submit time, and by the web form as the user types.
 */
import { z } from 'zod';
import { says } from '../validation/issues.js';
import { normalizeMobile } from '../validators/contact.js';
import { normalizeIcpNumber } from '../validators/icp.js';
import { toHalfWidth } from '../validators/text.js';
import { SPONSOR_TYPES } from './status.js';

const MAX_TEXT = 20_000;

/** The catalog's `zod.tooLong` names the field: 漏洞收集平台名称不能超过 100 个字符. */
const text = (max: number) => z.string().trim().max(max, says('zod.tooLong'));

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, says('api.dateFormat'));

export const personSchema = z.strictObject({
  name: text(50).optional(),
  mobile: text(32).transform(normalizeMobile).optional(),
  email: text(254).optional(),
});

// Inside lists too, a draft may hold a half-filled row; checkFiling asks for what is missing.
export const shareholderSchema = z.strictObject({
  name: text(200).optional(),
  percent: z.number().min(0, says('api.percentNegative')).max(100, says('api.percentMax')).optional(),
});

export const socialAccountSchema = z.strictObject({
  app: text(50).optional(),
  account: text(100).optional(),
});

export const filingDraftSchema = z.strictObject({
  platform: z
    .strictObject({
      name: text(100).optional(),
      homepageUrl: text(2048).optional(),
      icpNumber: text(64).transform(normalizeIcpNumber).optional(),
      publishesVulnerabilities: z.boolean().optional(),
      publishUrls: z.array(text(2048)).max(50, says('api.urlsMax')).optional(),
      socialAccounts: z.array(socialAccountSchema).max(50, says('api.accountsMax')).optional(),
    })
    .optional(),
  sponsor: z
    .strictObject({
      name: text(200).optional(),
      type: z.enum(SPONSOR_TYPES, says('api.sponsorType')).optional(),
      idNumber: text(32)
        .transform((s) => toHalfWidth(s).replace(/\s+/g, '').toUpperCase())
        .optional(),
      /** SPEC §2: the applicant confirms a USCC whose only fault is its check character against the licence. */
      idNumberConfirmed: z.boolean().optional(),
    })
    .optional(),
  people: z
    .strictObject({
      principal: personSchema.optional(),
      contact: personSchema.optional(),
    })
    .optional(),
  capital: z
    .strictObject({
      registeredCapital: z.number().min(0, says('api.capitalNegative')).max(1e10, says('api.capitalTooBig')).optional(),
      currency: text(8).optional(),
      shareholders: z.array(shareholderSchema).max(200, says('api.shareholdersMax')).optional(),
    })
    .optional(),
  rules: z
    .strictObject({
      collectionScope: text(MAX_TEXT).optional(),
      verification: text(MAX_TEXT).optional(),
      notification: text(MAX_TEXT).optional(),
      publication: text(MAX_TEXT).optional(),
      identityVerification: text(MAX_TEXT).optional(),
      classification: text(MAX_TEXT).optional(),
    })
    .optional(),
  mlps: z
    .strictObject({
      certificateNumber: text(64).optional(),
      level: z
        .number()
        .int(says('api.mlpsLevelInt'))
        .min(1, says('api.mlpsLevelRange'))
        .max(5, says('api.mlpsLevelRange'))
        .optional(),
    })
    .optional(),
  management: text(MAX_TEXT).optional(),
  other: text(MAX_TEXT).optional(),
  operation: z
    .strictObject({
      alreadyOnline: z.boolean().optional(),
      launchDate: isoDate.optional(),
    })
    .optional(),
});

/** What a client sends: `null` clears a field, like leaving it out. */
export const filingDraftInput = z.preprocess(dropNulls, filingDraftSchema);

export type FilingDraft = z.output<typeof filingDraftSchema>;
export type FilingDraftInput = z.input<typeof filingDraftSchema>;

/** `null` means "not given": dropped before the shape is checked. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
    return out;
  }
  return value;
}
