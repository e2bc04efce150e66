import { Tag, Typography } from 'antd';
import { formatDate } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import type { Due } from '../api/filings.js';

/** "审核截止 2026-12-11，剩余 8 个工作日", with 暂定 when the year's holiday schedule is not yet known. */
/** `bare` leaves out the leading label where a table column already says it. */
export function DueText({ due, bare }: { due: Due; bare?: boolean }) {
  const { t, lang } = useI18n();
  const sep = lang === 'zh' ? '，' : ', ';
  return (
    <Typography.Text type={due.overdue ? 'danger' : undefined} data-testid="due-text">
      {bare ? '' : `${t.dueDate} `}
      {formatDate(due.date)}
      {sep}
      {t.workingDaysLeft(due.workingDaysLeft)}
      {due.provisional && (
        <Tag color="orange" style={{ marginInlineStart: 8 }}>
          {t.provisional}
        </Tag>
      )}
    </Typography.Text>
  );
}
