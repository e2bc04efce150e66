/** The decisions on a filing, newest first: approvals and correction notices with their items. */
import { Empty, Tag, Timeline, Typography } from 'antd';
import type { FieldError } from '../../../../shared/filing/completeness.js';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import { fieldLabel } from '../../../lib/labels.js';
import type { Decision } from '../api/review.js';

export function DecisionHistory({ decisions }: { decisions: Decision[] }) {
  const { t } = useCatalog(reviewCatalog);
  const { lang } = useI18n();
  const labelOf = (f: string) => fieldLabel(f, lang);
  if (decisions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.none')} />;
  return (
    <Timeline
      data-testid="decision-history"
      items={decisions.map((d) => {
        const items = Array.isArray(d.items) ? (d.items as FieldError[]) : [];
        return {
          color: d.kind === 'approve' ? 'green' : 'orange',
          content: (
            <>
              <Tag color={d.kind === 'approve' ? 'success' : 'warning'}>
                {t(`history.kinds.${d.kind}`, { defaultValue: d.kind })}
              </Tag>
              <Typography.Text type="secondary">{formatDateTime(d.createdAt)}</Typography.Text>
              {d.overdue && (
                <Tag color="red" style={{ marginInlineStart: 8 }}>
                  {t('history.overdue')}
                </Tag>
              )}
              {d.summary && (
                <Typography.Paragraph style={{ margin: '4px 0' }} data-user-data>
                  {d.summary}
                </Typography.Paragraph>
              )}
              {items.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {items.map((i) => (
                    <li key={`${i.field}:${i.message}`}>
                      <Typography.Text strong>{labelOf(i.field)}</Typography.Text>
                      {t('sep')}
                      <span data-user-data>{i.message}</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ),
        };
      })}
    />
  );
}
