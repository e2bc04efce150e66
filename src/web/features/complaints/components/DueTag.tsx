/** A complaint's due date: red when overdue, orange with 3 working days or fewer left (SPEC §9: like review deadlines). */
import { Space, Typography } from 'antd';
import { handlingCatalog } from '../../../../shared/i18n/locales/handling.js';
import { useCatalog } from '../../../lib/i18n.js';
import type { ComplaintSummary } from '../api/complaints.js';

export function DueTag({ complaint }: { complaint: ComplaintSummary }) {
  const { t } = useCatalog(handlingCatalog);
  if (complaint.status === 'closed') return <Typography.Text type="secondary">—</Typography.Text>;
  const left = complaint.workingDaysLeft ?? 0;
  const color = complaint.overdue ? '#cf1322' : left <= 3 ? '#d46b08' : undefined;
  return (
    <Space direction="vertical" size={0} data-testid="complaint-due" data-overdue={complaint.overdue}>
      <Typography.Text strong={!!color} style={{ color }}>
        {complaint.dueDate}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ color }}>
        {complaint.overdue ? t('queue.overdue', { count: -left }) : t('queue.daysLeft', { count: left })}
      </Typography.Text>
    </Space>
  );
}
