/**
 * The complaint handlers' queue (SPEC §9, Article 9): open complaints by due date with overdue ones first, duplicates
 * about one target marked; intake of a phone call (dialog) and of an email (.eml import).
 */
import { Button, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DUE_FILTERS } from '../../../../shared/api/listFilters.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '../../../../shared/complaints/lifecycle.js';
import { handlingCatalog } from '../../../../shared/i18n/locales/handling.js';
import { queueFiltersCatalog } from '../../../../shared/i18n/locales/queueFilters.js';
import { CoverageAlert } from '../../../components/CoverageAlert.js';
import { type ActiveFilter, FilterTags } from '../../../components/FilterTags.js';
import { paths } from '../../../config/paths.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import { type ComplaintQueueParams, type ComplaintSummary, importEml, useComplaintQueue } from '../api/complaints.js';
import { DueTag } from '../components/DueTag.js';
import { PhoneIntakeModal } from '../components/PhoneIntakeModal.js';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;

/** The queue's state, category and due filters live in the address, so a dashboard figure can open them. */
function useQueueParams(): [ComplaintQueueParams, (p: ComplaintQueueParams) => void] {
  const [search, setSearch] = useSearchParams();
  const params: ComplaintQueueParams = {
    status: oneOf([...COMPLAINT_STATUSES, 'open', 'all'] as const, search.get('status')) ?? 'open',
    category: oneOf(COMPLAINT_CATEGORIES, search.get('category')),
    due: oneOf(DUE_FILTERS, search.get('due')),
  };
  const update = (p: ComplaintQueueParams) =>
    setSearch(
      Object.fromEntries(
        Object.entries(p).filter((e): e is [string, NonNullable<(typeof e)[1]>] => typeof e[1] === 'string'),
      ),
      {
        replace: true,
      },
    );
  return [params, update];
}

export function ComplaintQueuePage() {
  const labels = useLabels();
  const { t } = useCatalog(handlingCatalog);
  const { message } = useFeedback();
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const [phone, setPhone] = useState(false);
  const { t: tf } = useCatalog(queueFiltersCatalog);
  const [params, setParams] = useQueueParams();
  const queue = useComplaintQueue(params);
  const active: ActiveFilter[] = [
    ...(params.category
      ? [{ key: 'category', label: tf('category', { name: labels.complaintCategory(params.category) }) }]
      : []),
    ...(params.due ? [{ key: 'due', label: tf(`due.${params.due}`) }] : []),
  ];
  const statusOptions = [
    { label: t('queue.open'), value: 'open' },
    { label: t('queue.all'), value: 'all' },
    ...(params.status === 'open' || params.status === 'all'
      ? []
      : [{ label: labels.complaintStatus(params.status), value: params.status }]),
  ];

  return (
    <div style={{ padding: 24 }}>
      <Typography.Title level={2}>{t('queue.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('queue.lead')}</Typography.Paragraph>
      <CoverageAlert />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          aria-label={t('queue.status')}
          value={params.status}
          onChange={(v) => setParams({ ...params, status: v as ComplaintQueueParams['status'] })}
          options={statusOptions}
        />
        <Button type="primary" onClick={() => setPhone(true)}>
          {t('queue.phone')}
        </Button>
        <Upload
          accept=".eml,message/rfc822"
          showUploadList={false}
          beforeUpload={(file) => {
            importEml(file)
              .then(({ complaint, skipped }) => {
                message.success(t('queue.imported'));
                if (skipped.length)
                  message.warning(t('queue.skipped', { files: skipped.map((s) => s.fileName).join('、') }));
                navigate(paths.handlingComplaint(complaint.id));
              })
              .catch((err: Error) => message.error(errorText(err)));
            return false;
          }}
        >
          <Button>{t('queue.importEml')}</Button>
        </Upload>
      </Space>
      <FilterTags
        filters={active}
        onRemove={(key) => setParams({ ...params, [key]: undefined })}
        onClear={() => setParams({ status: params.status })}
      />
      <Table<ComplaintSummary>
        rowKey="id"
        loading={queue.isPending}
        dataSource={queue.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        data-testid="complaint-queue"
        columns={[
          {
            title: t('queue.code'),
            dataIndex: 'trackingCode',
            render: (code: string, r) => (
              <Link to={paths.handlingComplaint(r.id)} data-user-data>
                {code}
              </Link>
            ),
          },
          {
            title: t('queue.category'),
            dataIndex: 'category',
            render: (c: ComplaintSummary['category']) => labels.complaintCategory(c),
          },
          {
            title: t('queue.target'),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span data-user-data>{r.target.filingNumber ?? r.target.name ?? r.target.url}</span>
                {(r.sameTarget ?? 0) > 0 && <Tag color="gold">{t('queue.sameTarget', { count: r.sameTarget })}</Tag>}
              </Space>
            ),
          },
          { title: t('queue.channel'), dataIndex: 'channel', render: (c: string) => t(`channel.${c}`) },
          { title: t('queue.status'), key: 'status', render: (_, c) => labels.complaintStatus(c.status) },
          { title: t('queue.due'), render: (_, r) => <DueTag complaint={r} /> },
        ]}
      />
      {phone && <PhoneIntakeModal onClose={() => setPhone(false)} />}
    </div>
  );
}
