/** Deregistrations (Article 7) for staff: scheduled ones by termination date, the others newest first. */
import { Empty, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { reviewLifecycleCatalog } from '../../../../shared/i18n/locales/reviewLifecycle.js';
import { paths } from '../../../config/paths.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { type DeregistrationItem, type DeregistrationStatusFilter, useDeregistrations } from '../api/lifecycle.js';

const STATUSES: DeregistrationStatusFilter[] = ['scheduled', 'done', 'cancelled', 'all'];
const STATUS_KEY = {
  all: 'dereg.statusAll',
  scheduled: 'dereg.statusScheduled',
  done: 'dereg.statusDone',
  cancelled: 'dereg.statusCancelled',
} as const;

export function DeregistrationsTable({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useCatalog(reviewLifecycleCatalog);
  const [status, setStatus] = useState<DeregistrationStatusFilter>('scheduled');
  const list = useDeregistrations(status, page, true);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text id="dereg-status-label">{t('dereg.status')}</Typography.Text>
        <Radio.Group
          aria-labelledby="dereg-status-label"
          optionType="button"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            onPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(STATUS_KEY[s]) }))}
        />
      </Space>
      <Table<DeregistrationItem>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 720 }}
        locale={{ emptyText: <Empty description={t('dereg.empty')} /> }}
        onRow={() => ({ 'data-testid': 'dereg-row' }) as React.HTMLAttributes<HTMLTableRowElement>}
        pagination={{
          current: page,
          pageSize: list.data?.pageSize ?? 50,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: onPage,
        }}
        columns={[
          {
            title: t('kind.column'),
            key: 'kind',
            render: () => <Tag color="default">{t('kind.deregistration')}</Tag>,
          },
          {
            title: t('change.number'),
            key: 'number',
            render: (_, d) => (
              <Space direction="vertical" size={0}>
                <Link to={paths.reviewFiling(d.filingId)}>{d.platformName ?? '—'}</Link>
                <Typography.Text type="secondary">{d.filingNumber}</Typography.Text>
              </Space>
            ),
          },
          { title: t('dereg.terminationDate'), key: 'date', render: (_, d) => d.terminationDate },
          {
            title: t('dereg.status'),
            key: 'status',
            render: (_, d) => (
              <Space size={4}>
                <Tag color={d.status === 'scheduled' ? 'orange' : d.status === 'done' ? 'default' : 'green'}>
                  {t(STATUS_KEY[d.status])}
                </Tag>
                {d.late && <Tag color="red">{t('dereg.late')}</Tag>}
              </Space>
            ),
          },
          { title: t('dereg.requestedAt'), key: 'requested', render: (_, d) => formatDateTime(d.requestedAt) },
          {
            title: t('dereg.carriedOutAt'),
            key: 'done',
            render: (_, d) => (d.carriedOutAt ? formatDateTime(d.carriedOutAt) : '—'),
          },
          { title: t('dereg.reason'), key: 'reason', render: (_, d) => d.reason ?? '—' },
        ]}
      />
    </>
  );
}
