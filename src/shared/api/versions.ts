/**
 * Approved versions of a filing (SPEC §8: every version kept, staff read each and the diff between any two):
 * GET /api/review/filings/:id/versions · …/versions/:version · …/versions/diff?from=&to= · GET /api/filings/:id/versions.
 */
import { z } from 'zod';
import type { FilingDraft } from '../filing/schema.js';
import { says } from '../validation/issues.js';
import { attachmentSchema, diffEntrySchema } from './common.js';

export const versionParams = z.strictObject({
  id: z.uuid(says('api.filingId')),
  version: z.coerce.number().int().min(1, says('api.versionMin')).max(1_000_000),
});
export const versionDiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1, says('api.versionMin')).max(1_000_000),
  to: z.coerce.number().int().min(1, says('api.versionMin')).max(1_000_000),
});

export const versionSummarySchema = z.object({
  version: z.number(),
  current: z.boolean(),
  approvedAt: z.string(),
  /** The change that made it; null for the first approval. */
  changeId: z.string().nullable(),
  changeDate: z.string().nullable(),
  lastChangeDate: z.string().nullable(),
});
export const versionsResponse = z.object({ versions: z.array(versionSummarySchema) });

export const versionDetailSchema = versionSummarySchema.extend({
  form: z.custom<FilingDraft>(),
  attachments: z.array(attachmentSchema),
});
export const versionResponse = z.object({ version: versionDetailSchema });

export const versionDiffResponse = z.object({
  from: z.number(),
  to: z.number(),
  diff: z.array(diffEntrySchema).describe('个人信息已脱敏'),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;
export type VersionsResponse = z.infer<typeof versionsResponse>;
export type VersionDetail = z.infer<typeof versionDetailSchema>;
export type VersionResponse = z.infer<typeof versionResponse>;
export type VersionDiffResponse = z.infer<typeof versionDiffResponse>;
