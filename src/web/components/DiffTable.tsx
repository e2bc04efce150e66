/**
 * The server's field-by-field diff of two versions of 附件1 (Article 6; `diff: [{ field, before, after }]`), as the
 * applicant sees it before submitting a change and the reviewer sees it on the change's review page. Personal values
 * arrive masked; fields are named in the UI's language, list entries numbered from 1.
 */
import { Alert, Grid, List, Table, Typography } from 'antd';
import type { DiffEntryView } from '../../shared/api/common.js';
import { changesCatalog } from '../../shared/i18n/locales/changes.js';
import { useCatalog, useI18n } from '../lib/i18n.js';
import { fieldLabel } from '../lib/labels.js';

/** One line of the diff, as shared/api/common.ts types it. */
export type DiffEntry = DiffEntryView;
export type DiffValue = DiffEntryView['before'];

/** @deprecated Import fieldLabel from lib/labels.ts. */
export { fieldLabel };

export function DiffTable({
  diff,
  title,
  compact,
}: {
  diff: DiffEntry[];
  title?: string;
  /** Stacked entries whatever the screen (for a narrow column). */
  compact?: boolean;
}) {
  const { t } = useCatalog(changesCatalog);
  const { lang } = useI18n();
  // On a phone three columns do not fit: each field becomes a block, before above after.
  const narrow = !Grid.useBreakpoint().md || !!compact;
  const show = (v: DiffValue) => {
    if (v === null || v === '') return <Typography.Text type="secondary">{t('diff.empty')}</Typography.Text>;
    if (typeof v === 'boolean') return v ? t('diff.yes') : t('diff.no');
    return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{String(v)}</span>;
  };
  return (
    <div data-testid="diff-table" style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title ?? t('diff.title')}
      </Typography.Title>
      {diff.length === 0 ? (
        <Alert type="info" showIcon title={t('diff.none')} data-testid="diff-none" />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('diff.count', { count: diff.length })} · {t('diff.masked')}
          </Typography.Paragraph>
          {narrow ? (
            <List<DiffEntry>
              size="small"
              bordered
              dataSource={diff}
              renderItem={(d) => (
                <List.Item data-testid="diff-row" style={{ display: 'block' }}>
                  <Typography.Text strong>{fieldLabel(d.field, lang)}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{t('diff.before')}：</Typography.Text>
                    <Typography.Text delete={d.before !== null}>{show(d.before)}</Typography.Text>
                  </div>
                  <div>
                    <Typography.Text type="secondary">{t('diff.after')}：</Typography.Text>
                    <Typography.Text mark={d.after !== null}>{show(d.after)}</Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Table<DiffEntry>
              size="small"
              bordered
              pagination={false}
              rowKey="field"
              dataSource={diff}
              scroll={{ x: 560 }}
              onRow={() => ({ 'data-testid': 'diff-row' }) as React.HTMLAttributes<HTMLTableRowElement>}
              columns={[
                {
                  title: t('diff.field'),
                  key: 'field',
                  width: '28%',
                  render: (_, d) => <Typography.Text strong>{fieldLabel(d.field, lang)}</Typography.Text>,
                },
                {
                  title: t('diff.before'),
                  key: 'before',
                  render: (_, d) => <Typography.Text delete={d.before !== null}>{show(d.before)}</Typography.Text>,
                },
                {
                  title: t('diff.after'),
                  key: 'after',
                  render: (_, d) => <Typography.Text mark={d.after !== null}>{show(d.after)}</Typography.Text>,
                },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}
