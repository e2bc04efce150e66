/**
 * What 公安部 and 国家网信办 receive (SPEC §1): the full filing, personal data included, with its number,
 * dates and the digests of its attachments. Listed field by field like every presenter.
 */
import type { FilingDraft } from '../../shared/filing/schema.js';
import type { AttachmentMeta, FilingRow } from '../services/filingRecords.js';

export function presentPartnerFiling(row: FilingRow, draft: FilingDraft, attachments: AttachmentMeta[]) {
  return {
    id: row.id,
    filingNumber: row.filingNumber,
    status: row.status,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    late: row.late,
    filing: draft,
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      fileName: a.fileName,
      mime: a.mime,
      size: a.size,
      sm3: a.sm3,
    })),
  };
}
