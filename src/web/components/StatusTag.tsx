import { Tag } from 'antd';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../shared/filing/status.js';
import { useI18n } from '../lib/i18n.js';

const COLORS: Record<FilingStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  correction_requested: 'warning',
  approved: 'success',
  withdrawn: 'default',
  deregistered: 'default',
  revoked: 'error',
};

const LABELS_EN: Record<FilingStatus, string> = {
  draft: 'Draft',
  submitted: 'Under review',
  correction_requested: 'Correction requested',
  approved: 'Filed',
  withdrawn: 'Withdrawn',
  deregistered: 'Deregistered',
  revoked: 'Revoked',
};

export function StatusTag({ status }: { status: string }) {
  const { lang } = useI18n();
  const s = status as FilingStatus;
  return <Tag color={COLORS[s] ?? 'default'}>{(lang === 'en' ? LABELS_EN : FILING_STATUS_LABELS)[s] ?? status}</Tag>;
}
