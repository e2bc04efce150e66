/**
 * Deliveries to the partner agencies: every outbox message with its state, attempts and last error, a drawer with
 * the attempt history and resending; and each partner's delivery settings.
 */
import { RedoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../config/paths.js';
import { formatDateTime } from '../../../lib/format.js';
import { useMessages } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import {
  type Delivery,
  type DeliveryFilter,
  type DeliveryStatus,
  useDeliveries,
  useDelivery,
  usePartners,
  useResend,
} from '../api/deliveries.js';
import { PartnerCard } from '../components/PartnerCard.js';
import { ADMIN_MESSAGES } from '../messages.js';

const STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
  available: 'default',
};
const STATUSES: (DeliveryStatus | 'all')[] = ['all', 'pending', 'delivered', 'failed'];

function StatusBadge({ status }: { status: string }) {
  const m = useMessages(ADMIN_MESSAGES);
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{m.statuses[status] ?? status}</Tag>;
}

function useFilter(): [DeliveryFilter, (f: Partial<DeliveryFilter>) => void] {
  const [search, setSearch] = useSearchParams();
  const status = (search.get('status') ?? 'all') as DeliveryFilter['status'];
  const filter: DeliveryFilter = {
    status: STATUSES.includes(status) ? status : 'all',
    recipient: search.get('recipient') ?? '',
    page: Number(search.get('page') ?? '1') || 1,
  };
  const set = (f: Partial<DeliveryFilter>) => {
    const next = { ...filter, page: 1, ...f };
    const q: Record<string, string> = { page: String(next.page) };
    if (next.status !== 'all') q.status = next.status;
    if (next.recipient) q.recipient = next.recipient;
    setSearch(q, { replace: true });
  };
  return [filter, set];
}

export function DeliveriesPage() {
  const m = useMessages(ADMIN_MESSAGES);
  const labels = useLabels();
  const { message } = App.useApp();
  const [filter, setFilter] = useFilter();
  const deliveries = useDeliveries(filter);
  const partners = usePartners();
  const resend = useResend();
  const [open, setOpen] = useState<Delivery | null>(null);

  const onResend = (d: Delivery) =>
    resend.mutate(d.id, {
      onSuccess: () => message.success(m.resent),
      onError: (err) => message.error(err.message),
    });

  const resendButton = (d: Delivery, size: 'small' | 'middle' = 'small') => (
    <Popconfirm title={m.resendConfirm} okText={m.ok} cancelText={m.cancel} onConfirm={() => onResend(d)}>
      <Button
        size={size}
        icon={<RedoOutlined />}
        loading={resend.isPending && resend.variables === d.id}
        disabled={d.channel === 'feed'}
        onClick={(e) => e.stopPropagation()}
      >
        {m.resend}
      </Button>
    </Popconfirm>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {m.title}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {m.hint}
            </Typography.Text>
          </Space>
        }
      >
        <Space wrap size="large" style={{ marginBottom: 16 }}>
          <Space>
            <label htmlFor="delivery-status">{m.statusFilter}</label>
            <Select
              id="delivery-status"
              style={{ width: 140 }}
              value={filter.status}
              onChange={(status) => setFilter({ status })}
              options={STATUSES.map((s) => ({ value: s, label: s === 'all' ? m.all : m.statuses[s] }))}
            />
          </Space>
          <Space>
            <label htmlFor="delivery-recipient">{m.recipientFilter}</label>
            <Select
              id="delivery-recipient"
              style={{ width: 220 }}
              value={filter.recipient}
              onChange={(recipient) => setFilter({ recipient })}
              options={[
                { value: '', label: m.all },
                ...(partners.data ?? []).map((p) => ({ value: p.id, label: labels.partner(p.id, p.name) })),
                { value: 'applicant', label: m.applicant },
              ]}
            />
          </Space>
        </Space>
        {deliveries.error ? (
          <Alert type="error" showIcon title={m.unavailable} description={deliveries.error.message} role="alert" />
        ) : (
          <Table<Delivery>
            rowKey="id"
            size="middle"
            loading={deliveries.isFetching}
            dataSource={deliveries.data?.items ?? []}
            locale={{ emptyText: <Empty description={m.empty} /> }}
            scroll={{ x: 1200 }}
            onRow={(d) => ({ onClick: () => setOpen(d), style: { cursor: 'pointer' } })}
            pagination={{
              current: filter.page,
              pageSize: deliveries.data?.pageSize ?? 50,
              total: deliveries.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => m.total(n),
              onChange: (page) => setFilter({ page }),
            }}
            columns={[
              { title: m.createdAt, render: (_, d) => formatDateTime(d.createdAt), width: 150 },
              {
                title: m.recipient,
                render: (_, d) =>
                  d.recipient === 'applicant' ? m.applicant : labels.partner(d.recipient, d.recipientName ?? undefined),
              },
              { title: m.channel, render: (_, d) => m.channels[d.channel] ?? d.channel },
              { title: m.event, render: (_, d) => m.events[d.eventType] ?? d.eventType },
              {
                title: m.filingNumber,
                render: (_, d) => d.filingNumber ?? '—',
              },
              { title: m.status, render: (_, d) => <StatusBadge status={d.status} /> },
              { title: m.attempts, dataIndex: 'attempts', align: 'right', width: 90 },
              {
                title: m.lastError,
                render: (_, d) =>
                  d.lastError ? (
                    <Typography.Text type="danger" ellipsis={{ tooltip: d.lastError }} style={{ maxWidth: 220 }}>
                      <span lang="zh-CN" data-user-data>
                        {d.lastError}
                      </span>
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
              },
              {
                title: m.actions,
                fixed: 'right',
                width: 190,
                render: (_, d) => (
                  <Space>
                    <Button
                      size="small"
                      type="link"
                      onClick={(e) => {
                        e.stopPropagation();
                        setOpen(d);
                      }}
                    >
                      {m.details}
                    </Button>
                    {d.status !== 'delivered' && resendButton(d)}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card
        title={
          <Space direction="vertical" size={0}>
            <span>{m.partners}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {m.partnersHint}
            </Typography.Text>
          </Space>
        }
      >
        {partners.isPending ? (
          <Spin />
        ) : partners.error ? (
          <Alert type="error" showIcon title={partners.error.message} role="alert" />
        ) : (
          <Row gutter={[16, 16]}>
            {partners.data.map((p) => (
              <Col xs={24} md={12} key={p.id}>
                <PartnerCard partner={p} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <DeliveryDrawer delivery={open} onClose={() => setOpen(null)} resendButton={resendButton} />
    </Space>
  );
}

function DeliveryDrawer({
  delivery,
  onClose,
  resendButton,
}: {
  delivery: Delivery | null;
  onClose: () => void;
  resendButton: (d: Delivery, size?: 'small' | 'middle') => React.ReactNode;
}) {
  const m = useMessages(ADMIN_MESSAGES);
  const detail = useDelivery(delivery?.id ?? null);
  const d = delivery ? { ...delivery, ...detail.data?.delivery } : null;
  return (
    <Drawer
      open={!!delivery}
      onClose={onClose}
      title={m.detailTitle}
      size={560}
      extra={d && d.status !== 'delivered' ? resendButton(d as Delivery, 'middle') : null}
    >
      {d && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'id', label: 'ID', children: String(d.id) },
              { key: 'recipient', label: m.recipient, children: d.recipientName ?? d.recipient },
              { key: 'channel', label: m.channel, children: m.channels[d.channel] ?? d.channel },
              { key: 'event', label: m.event, children: m.events[d.eventType] ?? d.eventType },
              {
                key: 'filing',
                label: m.filingNumber,
                children: d.filingId ? (
                  <Link to={paths.reviewFiling(d.filingId)}>{d.filingNumber ?? d.filingId}</Link>
                ) : (
                  (d.filingNumber ?? '—')
                ),
              },
              { key: 'status', label: m.status, children: <StatusBadge status={d.status} /> },
              { key: 'attempts', label: m.attempts, children: d.attempts },
              { key: 'created', label: m.createdAt, children: formatDateTime(d.createdAt) },
              {
                key: 'next',
                label: m.nextAttemptAt,
                children: d.status === 'pending' ? formatDateTime(d.nextAttemptAt) || '—' : '—',
              },
              { key: 'delivered', label: m.deliveredAt, children: formatDateTime(d.deliveredAt) || '—' },
              {
                key: 'error',
                label: m.lastError,
                children: d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : '—',
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {m.history}
          </Typography.Title>
          {detail.isPending ? (
            <Spin />
          ) : detail.error ? (
            <Alert type="error" showIcon title={detail.error.message} />
          ) : detail.data.history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noHistory} />
          ) : (
            <Timeline
              items={detail.data.history.map((a) => ({
                color: a.ok ? 'green' : 'red',
                content: (
                  <>
                    <Tag color={a.ok ? 'success' : 'error'}>{a.ok ? m.success : m.failure}</Tag>
                    {formatDateTime(a.at)}
                    {a.detail && (
                      <Typography.Paragraph type={a.ok ? 'secondary' : 'danger'} style={{ margin: '4px 0 0' }}>
                        {a.detail}
                      </Typography.Paragraph>
                    )}
                  </>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
