/** The decisions on a filing, newest first: approvals and correction notices with their items. */
import { Empty, Tag, Timeline, Typography } from 'antd';
import type { FieldError } from '../../../../shared/filing/completeness.js';
import { formatDateTime } from '../../../lib/format.js';
import { useI18n, useMessages } from '../../../lib/i18n.js';
import { fieldLabel } from '../../../lib/labels.js';
import type { Decision } from '../api/review.js';
import { REVIEW_MESSAGES } from '../messages.js';

export function DecisionHistory({ decisions }: { decisions: Decision[] }) {
  const m = useMessages(REVIEW_MESSAGES);
  const { lang } = useI18n();
  const labelOf = (f: string) => fieldLabel(f, lang);
  if (decisions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noHistory} />;
  return (
    <Timeline
      data-testid="decision-history"
      items={decisions.map((d) => {
        const items = Array.isArray(d.items) ? (d.items as FieldError[]) : [];
        return {
          color: d.kind === 'approve' ? 'green' : 'orange',
          content: (
            <>
              <Tag color={d.kind === 'approve' ? 'success' : 'warning'}>{m.decisionKinds[d.kind] ?? d.kind}</Tag>
              <Typography.Text type="secondary">{formatDateTime(d.createdAt)}</Typography.Text>
              {d.overdue && (
                <Tag color="red" style={{ marginInlineStart: 8 }}>
                  {m.overdueDecision}
                </Tag>
              )}
              {d.summary && <Typography.Paragraph style={{ margin: '4px 0' }}>{d.summary}</Typography.Paragraph>}
              {items.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {items.map((i) => (
                    <li key={`${i.field}:${i.message}`}>
                      <Typography.Text strong>{labelOf(i.field)}</Typography.Text>：{i.message}
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
