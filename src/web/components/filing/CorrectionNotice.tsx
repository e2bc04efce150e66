/**
 * The reviewer's correction notice (补正通知) as the applicant sees it, on the status page and in the editor: the
 * summary and every field to correct, named by its label (never its path). The editor marks the items already
 * changed and links each to its step; the status page offers the way into the editor.
 */
import { Alert, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { filingViewCatalog } from '../../../shared/i18n/locales/filingView.js';
import { formatDateTime } from '../../lib/format.js';
import { useCatalog, useI18n } from '../../lib/i18n.js';
import { fieldLabel } from '../../lib/labels.js';

export interface CorrectionItem {
  field: string;
  message: string;
}

export function CorrectionNotice({
  correction,
  isFixed,
  itemLink,
  footer,
  action,
}: {
  correction: { summary: string; items: CorrectionItem[]; createdAt: string };
  /** Whether an item has been changed since (the editor knows). */
  isFixed?: (item: CorrectionItem) => boolean;
  /** Before an item's field name (the editor's link to its step). */
  itemLink?: (item: CorrectionItem) => ReactNode;
  footer?: ReactNode;
  action?: ReactNode;
}) {
  const { t } = useCatalog(filingViewCatalog);
  const { lang } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="correction-notice"
      style={{ marginBottom: 24 }}
      title={t('correction.title', { date: formatDateTime(correction.createdAt) })}
      action={action}
      description={
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
            {correction.summary}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {correction.items.map((item) => (
              <li key={`${item.field}:${item.message}`} data-testid="correction-item">
                {itemLink?.(item)}
                <Typography.Text strong>{fieldLabel(item.field, lang)}</Typography.Text>：{item.message}
                {isFixed?.(item) && (
                  <Tag color="green" style={{ marginInlineStart: 8 }}>
                    {t('correction.fixed')}
                  </Tag>
                )}
              </li>
            ))}
          </ul>
          {footer && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {footer}
            </Typography.Paragraph>
          )}
        </>
      }
    />
  );
}
