import { Tag } from 'antd';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../../../shared/filing/status.js';

const COLORS: Record<FilingStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  correction_requested: 'warning',
  approved: 'success',
  change_submitted: 'processing',
  withdrawn: 'default',
  deregistered: 'default',
  revoked: 'error',
};

export function StatusTag({ status }: { status: string }) {
  const s = status as FilingStatus;
  return <Tag color={COLORS[s] ?? 'default'}>{FILING_STATUS_LABELS[s] ?? status}</Tag>;
}
