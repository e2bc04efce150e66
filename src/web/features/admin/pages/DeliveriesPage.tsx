/**
 * Deliveries to the partner agencies: every outbox message with its state, attempts and last error, a drawer with
 * the attempt history and resending; and each partner's delivery settings.
 */
import { RedoOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Grid,
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
import { deliveriesCatalog, eventKey } from '../../../../shared/i18n/locales/deliveries.js';
import { Popconfirm } from '../../../components/overlays/overlays.js';
import { paths } from '../../../config/paths.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
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

const STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
  available: 'default',
};
const STATUSES: (DeliveryStatus | 'all')[] = ['all', 'pending', 'delivered', 'failed'];
/** The outbox's recipients that are not partner agencies (server services/outbox.ts). */
const RECIPIENTS = ['applicant', 'user', 'complainant', 'signup'] as const;

/** Recipients, channels and event types by name in the UI's language; an unknown code as it is, in a <code>. */
function useDeliveryNames() {
  const { t, i18n } = useCatalog(deliveriesCatalog);
  const labels = useLabels();
  const known = (key: string) => i18n.exists(key, { ns: deliveriesCatalog.ns });
  return {
    recipient: (d: Pick<Delivery, 'recipient' | 'recipientName'>) =>
      known(`recipients.${d.recipient}`)
        ? t(`recipients.${d.recipient}`)
        : labels.partner(d.recipient, d.recipientName ?? undefined),
    channel: (c: string) => (known(`channels.${c}`) ? t(`channels.${c}`) : c),
    event: (type: string) =>
      known(eventKey(type)) ? (
        t(eventKey(type))
      ) : (
        <span title={type}>
          {t('events.other')} <code data-user-data>{type}</code>
        </span>
      ),
  };
}

function StatusBadge({ status }: { status: string }) {
  const { t } = useCatalog(deliveriesCatalog);
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{t(`statuses.${status}`, { defaultValue: status })}</Tag>;
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
  const { t } = useCatalog(deliveriesCatalog);
  const labels = useLabels();
  const names = useDeliveryNames();
  const wide = !!Grid.useBreakpoint().md;
  const { message } = useFeedback();
  const [filter, setFilter] = useFilter();
  const deliveries = useDeliveries(filter);
  const partners = usePartners();
  const resend = useResend();
  const [open, setOpen] = useState<Delivery | null>(null);
  const errorText = useApiErrorText();

  const onResend = (d: Delivery) =>
    resend.mutate(d.id, {
      onSuccess: () => message.success(t('resent')),
      onError: (err) => message.error(errorText(err)),
    });

  const resendButton = (d: Delivery, size: 'small' | 'middle' = 'small') => (
    <Popconfirm title={t('resendConfirm')} okText={t('ok')} cancelText={t('cancel')} onConfirm={() => onResend(d)}>
      <Button
        size={size}
        icon={<RedoOutlined />}
        loading={resend.isPending && resend.variables === d.id}
        disabled={d.channel === 'feed'}
        onClick={(e) => e.stopPropagation()}
      >
        {t('resend')}
      </Button>
    </Popconfirm>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('title')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('hint')}
            </Typography.Text>
          </Space>
        }
      >
        <Space wrap size="large" style={{ marginBottom: 16 }}>
          <Space>
            <label htmlFor="delivery-status">{t('statusFilter')}</label>
            <Select
              id="delivery-status"
              style={{ width: 140 }}
              value={filter.status}
              onChange={(status) => setFilter({ status })}
              options={STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('all') : t(`statuses.${s}`) }))}
            />
          </Space>
          <Space>
            <label htmlFor="delivery-recipient">{t('recipientFilter')}</label>
            <Select
              id="delivery-recipient"
              style={{ width: 220 }}
              value={filter.recipient}
              onChange={(recipient) => setFilter({ recipient })}
              options={[
                { value: '', label: t('all') },
                ...(partners.data ?? []).map((p) => ({ value: p.id, label: labels.partner(p.id, p.name) })),
                ...RECIPIENTS.map((r) => ({ value: r, label: t(`recipients.${r}`) })),
              ]}
            />
          </Space>
        </Space>
        {deliveries.error ? (
          <Alert
            type="error"
            showIcon
            title={t('unavailable')}
            description={errorText(deliveries.error)}
            role="alert"
          />
        ) : (
          <Table<Delivery>
            rowKey="id"
            size="middle"
            loading={deliveries.isFetching}
            dataSource={deliveries.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('empty')} /> }}
            scroll={{ x: 1200 }}
            onRow={(d) => ({ onClick: () => setOpen(d), style: { cursor: 'pointer' } })}
            pagination={{
              current: filter.page,
              pageSize: deliveries.data?.pageSize ?? 50,
              total: deliveries.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => t('total', { count: n }),
              onChange: (page) => setFilter({ page }),
            }}
            columns={[
              { title: t('createdAt'), render: (_, d) => formatDateTime(d.createdAt), width: 150 },
              {
                title: t('recipient'),
                render: (_, d) => names.recipient(d),
              },
              { title: t('channel'), render: (_, d) => names.channel(d.channel) },
              { title: t('event'), render: (_, d) => names.event(d.eventType) },
              {
                title: t('filingNumber'),
                render: (_, d) => d.filingNumber ?? '—',
              },
              { title: t('status'), render: (_, d) => <StatusBadge status={d.status} /> },
              { title: t('attempts'), dataIndex: 'attempts', align: 'right', width: 90 },
              {
                title: t('lastError'),
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
                title: t('actions'),
                // Pinned on a wide screen; on a phone a pinned column would leave room for one other column only.
                fixed: wide ? 'right' : undefined,
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
                      {t('details')}
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
            <span>{t('partners.title')}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('partners.hint')}
            </Typography.Text>
          </Space>
        }
      >
        {partners.isPending ? (
          <Spin />
        ) : partners.error ? (
          <Alert type="error" showIcon title={errorText(partners.error)} role="alert" />
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
  const { t } = useCatalog(deliveriesCatalog);
  const names = useDeliveryNames();
  const detail = useDelivery(delivery?.id ?? null);
  const errorText = useApiErrorText();
  const d = delivery ? { ...delivery, ...detail.data?.delivery } : null;
  return (
    <Drawer
      open={!!delivery}
      onClose={onClose}
      title={t('detailTitle')}
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
              { key: 'id', label: t('id'), children: String(d.id) },
              { key: 'recipient', label: t('recipient'), children: names.recipient(d) },
              { key: 'channel', label: t('channel'), children: names.channel(d.channel) },
              { key: 'event', label: t('event'), children: names.event(d.eventType) },
              {
                key: 'filing',
                label: t('filingNumber'),
                children: d.filingId ? (
                  <Link to={paths.reviewFiling(d.filingId)}>{d.filingNumber ?? d.filingId}</Link>
                ) : (
                  (d.filingNumber ?? '—')
                ),
              },
              { key: 'status', label: t('status'), children: <StatusBadge status={d.status} /> },
              { key: 'attempts', label: t('attempts'), children: d.attempts },
              { key: 'created', label: t('createdAt'), children: formatDateTime(d.createdAt) },
              {
                key: 'next',
                label: t('nextAttemptAt'),
                children: d.status === 'pending' ? formatDateTime(d.nextAttemptAt) || '—' : '—',
              },
              { key: 'delivered', label: t('deliveredAt'), children: formatDateTime(d.deliveredAt) || '—' },
              {
                key: 'error',
                label: t('lastError'),
                children: d.lastError ? (
                  <Typography.Text type="danger" data-user-data>
                    {d.lastError}
                  </Typography.Text>
                ) : (
                  '—'
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('history')}
          </Typography.Title>
          {detail.isPending ? (
            <Spin />
          ) : detail.error ? (
            <Alert type="error" showIcon title={errorText(detail.error)} />
          ) : detail.data.history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noHistory')} />
          ) : (
            <Timeline
              items={detail.data.history.map((a) => ({
                color: a.ok ? 'green' : 'red',
                content: (
                  <>
                    <Tag color={a.ok ? 'success' : 'error'}>{a.ok ? t('success') : t('failure')}</Tag>
                    {formatDateTime(a.at)}
                    {a.detail && (
                      <Typography.Paragraph
                        type={a.ok ? 'secondary' : 'danger'}
                        style={{ margin: '4px 0 0' }}
                        data-user-data
                      >
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
