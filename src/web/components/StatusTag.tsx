import { Tag } from 'antd';
import type { FilingStatus } from '../../shared/filing/status.js';
import { useLabels } from '../lib/labels.js';

const COLORS: Record<FilingStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  correction_requested: 'warning',
  approved: 'success',
  withdrawn: 'default',
  deregistered: 'default',
  revoked: 'error',
};

export function StatusTag({ status }: { status: string }) {
  const labels = useLabels();
  return <Tag color={COLORS[status as FilingStatus] ?? 'default'}>{labels.status(status)}</Tag>;
}
