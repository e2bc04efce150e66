/** Approved versions of a filing (SPEC §8), listed field by field; staff see personal values masked. */
import type { PublicRecord } from '../../shared/filing/publicRecord.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import type { AttachmentMeta } from '../services/filingRecords.js';
import type { VersionRow } from '../services/filingVersions.js';
import { presentAttachment } from './filing.js';
import { maskDraft } from './reviewFiling.js';

export function presentVersionSummary(v: { version: VersionRow; changeDate: string | null }, current: number | null) {
  const record = v.version.publicRecord as Partial<PublicRecord>;
  return {
    version: v.version.version,
    current: v.version.version === current,
    approvedAt: v.version.approvedAt.toISOString(),
    changeId: v.version.changeId,
    changeDate: v.changeDate,
    lastChangeDate: typeof record.lastChangeDate === 'string' ? record.lastChangeDate : null,
  };
}

export function presentVersion(
  v: { version: VersionRow; changeDate: string | null },
  current: number | null,
  draft: FilingDraft,
  attachments: AttachmentMeta[],
) {
  return {
    ...presentVersionSummary(v, current),
    form: maskDraft(draft),
    attachments: attachments.map(presentAttachment),
  };
}
