/** Revocation (撤销备案, SPEC §5/§8): POST /api/review/filings/:id/revoke { reason, complaintId? }, admins only. */
import { z } from 'zod';
import { says } from '../validation/issues.js';

export const revokeBody = z.strictObject({
  reason: z.string().trim().min(2, says('api.revokeReason')).max(2000, says('api.reasonTooLong')),
  /** The verified complaint behind it (Art. 9), when there is one. */
  complaintId: z.uuid(says('api.complaintId')).optional(),
});
export type RevokeBody = z.infer<typeof revokeBody>;

/** The revoked filing's new state; the review page refetches the whole view. */
export const revokeResponse = z.object({
  filing: z.object({
    id: z.string(),
    filingNumber: z.string().nullable(),
    status: z.string(),
    revokedAt: z.string().nullable(),
    revocationReason: z.string().nullable(),
    revocationComplaintId: z.string().nullable(),
  }),
});
export type RevokeResponse = z.infer<typeof revokeResponse>;
