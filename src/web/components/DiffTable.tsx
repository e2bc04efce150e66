/**
 * The server's field-by-field diff of two versions of 附件1 (Article 6; `diff: [{ field, before, after }]`), as the
 * applicant sees it before submitting a change and the reviewer sees it on the change's review page. Personal values
 * arrive masked; fields are named in the UI's language, list entries numbered from 1.
 */
import { Alert, Grid, List, Table, Typography } from 'antd';
import { ATTACHMENT_KIND_LABELS, type AttachmentKind } from '../../shared/attachments.js';
import { FIELD_LABELS, type FieldPath } from '../../shared/filing/labels.js';
import { changesCatalog } from '../../shared/i18n/locales/changes.js';
import { FIELD_LABELS_EN, useCatalog, useI18n } from '../lib/i18n.js';

export type DiffValue = string | number | boolean | null;
export interface DiffEntry {
  field: string;
  before: DiffValue;
  after: DiffValue;
}

const KIND_LABELS_EN: Record<AttachmentKind, string> = {
  equity_proof: 'Proof of capital and equity',
  rules_doc: 'Vulnerability rules document',
  mlps_proof: 'MLPS filing proof',
  management_proof: 'Platform management proof',
  commitment_letter: 'Signed commitment letter',
  other: 'Other files',
};

const SUB_ZH: Record<string, string> = { name: '名称', percent: '持股比例', app: '社交软件', account: '公众号' };
const SUB_EN: Record<string, string> = { name: 'name', percent: 'share', app: 'app', account: 'account' };

/**
 * The name of a field path such as `platform.publishUrls[1]` or `capital.shareholders[0].percent`: the longest known
 * prefix's label, then the entry's number and the rest of the path.
 */
export function fieldLabel(field: string, lang: 'zh' | 'en'): string {
  const labels: Record<string, string> = lang === 'en' ? FIELD_LABELS_EN : FIELD_LABELS;
  if (field in labels) return labels[field as FieldPath] as string;
  if (field.startsWith('attachments.')) {
    const kind = field.slice('attachments.'.length) as AttachmentKind;
    const name = (lang === 'en' ? KIND_LABELS_EN : ATTACHMENT_KIND_LABELS)[kind];
    if (name) return name;
  }
  const m = /^(.*?)\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (m) {
    const [, head = '', index = '0', sub] = m;
    const base = labels[head] ?? head;
    const part = sub ? ` · ${(lang === 'en' ? SUB_EN : SUB_ZH)[sub] ?? sub}` : '';
    return `${base} ${Number(index) + 1}${part}`;
  }
  return field;
}

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
