/**
 * A review due date, coloured by urgency: red when overdue, orange with 3 working days or fewer left; 暂定 when the
 * year's holiday schedule is not entered yet.
 */
import { Space, Tag, Typography } from 'antd';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { Tooltip } from '../../../components/overlays/overlays.js';
import { formatDate } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import type { Due } from '../api/review.js';

export type Urgency = 'overdue' | 'soon' | 'normal';

export const urgencyOf = (due: Due): Urgency =>
  due.overdue || due.workingDaysLeft < 0 ? 'overdue' : due.workingDaysLeft <= 3 ? 'soon' : 'normal';

const COLOR: Record<Urgency, string | undefined> = { overdue: '#cf1322', soon: '#d46b08', normal: undefined };

export function DueDate({ due }: { due: Due }) {
  const { t } = useCatalog(reviewCatalog);
  const urgency = urgencyOf(due);
  return (
    <Space size={4} data-testid="due-date" data-urgency={urgency}>
      <Typography.Text strong={urgency !== 'normal'} style={{ color: COLOR[urgency] }}>
        {formatDate(due.date)}
      </Typography.Text>
      {due.provisional && (
        <Tooltip title={t('due.provisionalHint')}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('due.provisional')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

export function DaysLeft({ due }: { due: Due }) {
  const { t } = useCatalog(reviewCatalog);
  const urgency = urgencyOf(due);
  return (
    <Typography.Text style={{ color: COLOR[urgency] }} data-testid="days-left">
      {due.workingDaysLeft >= 0
        ? t('due.left', { count: due.workingDaysLeft })
        : t('due.overdue', { count: -due.workingDaysLeft })}
    </Typography.Text>
  );
}
