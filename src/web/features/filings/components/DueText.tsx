import { Tag, Typography } from 'antd';
import { commonCatalog } from '../../../../shared/i18n/locales/common.js';
import { formatDate } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import type { Due } from '../api/filings.js';

/** "审核截止 2026-12-11，剩余 8 个工作日", with 暂定 when the year's holiday schedule is not yet known. */
/** `bare` leaves out the leading label where a table column already says it. */
export function DueText({ due, bare }: { due: Due; bare?: boolean }) {
  const { t, i18n } = useCatalog(commonCatalog);
  const sep = i18n.language === 'en' ? ', ' : '，';
  const left = due.workingDaysLeft;
  return (
    <Typography.Text type={due.overdue ? 'danger' : undefined} data-testid="due-text">
      {bare ? '' : `${t('filing.dueDate')} `}
      {formatDate(due.date)}
      {sep}
      {left >= 0 ? t('filing.workingDaysLeft', { count: left }) : t('filing.workingDaysOverdue', { count: -left })}
      {due.provisional && (
        <Tag color="orange" style={{ marginInlineStart: 8 }}>
          {t('filing.provisional')}
        </Tag>
      )}
    </Typography.Text>
  );
}
