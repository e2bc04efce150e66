/** A deregistration as it goes out (Article 7; shared/api/deregistration.ts is the contract). */
import type { DeregistrationView } from '../../shared/api/deregistration.js';
import { DEREGISTRATION_STATUS_LABELS } from '../../shared/filing/lifecycle.js';
import type { DeregistrationRow } from '../commands/deregisterFiling.js';

export function presentDeregistration(d: DeregistrationRow): DeregistrationView {
  return {
    id: d.id,
    filingId: d.filingId,
    terminationDate: d.terminationDate,
    status: d.status,
    statusLabel: DEREGISTRATION_STATUS_LABELS[d.status],
    late: d.late,
    reason: d.reason,
    scheduledFor: d.scheduledFor?.toISOString() ?? null,
    requestedAt: d.requestedAt.toISOString(),
    carriedOutAt: d.carriedOutAt?.toISOString() ?? null,
    cancelledAt: d.cancelledAt?.toISOString() ?? null,
    cancelReason: d.cancelReason,
  };
}
