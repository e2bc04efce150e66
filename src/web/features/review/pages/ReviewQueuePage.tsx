/**
 * The review queue: filings by due date, overdue first, with how many working days are left, who has them and
 * whether they were filed late (Article 8). A row opens the review page; unassigned ones can be claimed here.
 */
import { Button, Card, Empty, Radio, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DECIDED_FILTERS, DUE_FILTERS, MONITOR_FILTERS } from '../../../../shared/api/listFilters.js';
import { changesCatalog } from '../../../../shared/i18n/locales/changes.js';
import { queueFiltersCatalog } from '../../../../shared/i18n/locales/queueFilters.js';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { reviewLifecycleCatalog } from '../../../../shared/i18n/locales/reviewLifecycle.js';
import { CoverageAlert } from '../../../components/CoverageAlert.js';
import { type ActiveFilter, FilterTags } from '../../../components/FilterTags.js';
import { Tooltip } from '../../../components/overlays/overlays.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { paths } from '../../../config/paths.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDate } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useMe } from '../../../lib/session.js';
import {
  type QueueAssignee,
  type QueueFilters,
  type QueueItem,
  type QueueKind,
  type QueueParams,
  type QueueStatus,
  useClaimFromQueue,
  useQueue,
} from '../api/review.js';
import { DeregistrationsTable } from '../components/DeregistrationsTable.js';
import { DaysLeft, DueDate } from '../components/DueCell.js';
import { FlaggedHomepagesAlert } from '../components/FlaggedHomepagesAlert.js';

const STATUSES: QueueStatus[] = ['submitted', 'correction_requested', 'approved', 'all'];
/** States a dashboard figure may open the queue with, shown as one more option when chosen. */
const MORE_STATUSES: QueueStatus[] = ['withdrawn', 'deregistered', 'revoked', 'cancelled'];
const ASSIGNEES: QueueAssignee[] = ['any', 'me', 'unassigned'];
const KINDS: QueueKind[] = ['all', 'filing', 'change', 'deregistration'];
/** A queue row opens the review page of what it is: the filing, or the change. */
const rowPath = (f: QueueItem) =>
  f.kind === 'change' && f.changeId ? paths.reviewChange(f.changeId) : paths.reviewFiling(f.id);
const PAGE_SIZE = 50;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;

/** The dashboard's filters from the address (anything unknown is dropped). */
function readFilters(search: URLSearchParams): QueueFilters {
  const f: QueueFilters = {};
  const due = oneOf(DUE_FILTERS, search.get('due'));
  const monitor = oneOf(MONITOR_FILTERS, search.get('monitor'));
  const decided = oneOf(DECIDED_FILTERS, search.get('decided'));
  if (due) f.due = due;
  if (['1', 'true'].includes(search.get('late') ?? '')) f.late = '1';
  if (monitor) f.monitor = monitor;
  if (decided) f.decided = decided;
  if (search.get('launch') === 'due') f.launch = 'due';
  return f;
}

function useQueueParams(): [QueueParams, (p: Partial<QueueParams>) => void] {
  const [search, setSearch] = useSearchParams();
  const status = (search.get('status') as QueueStatus) ?? 'submitted';
  const assignee = (search.get('assignee') as QueueAssignee) ?? 'any';
  const kind = (search.get('kind') as QueueKind) ?? 'all';
  const page = Number(search.get('page') ?? '1') || 1;
  const params: QueueParams = {
    status: [...STATUSES, ...MORE_STATUSES].includes(status) ? status : 'submitted',
    assignee: ASSIGNEES.includes(assignee) ? assignee : 'any',
    kind: KINDS.includes(kind) ? kind : 'all',
    page,
    filters: readFilters(search),
  };
  const update = (p: Partial<QueueParams>) => {
    const next = { ...params, page: 1, ...p };
    setSearch(
      {
        status: next.status,
        assignee: next.assignee,
        kind: next.kind,
        page: String(next.page),
        ...Object.fromEntries(
          Object.entries(next.filters ?? {}).filter((e): e is [string, NonNullable<(typeof e)[1]>] => !!e[1]),
        ),
      },
      { replace: true },
    );
  };
  return [params, update];
}

export function ReviewQueuePage() {
  const { t } = useCatalog(reviewCatalog);
  const { t: tl } = useCatalog(reviewLifecycleCatalog);
  const { t: tc } = useCatalog(changesCatalog);
  const me = useMe();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const [params, setParams] = useQueueParams();
  const queue = useQueue(params);
  const claim = useClaimFromQueue();
  const errorText = useApiErrorText();
  const { t: tf } = useCatalog(queueFiltersCatalog);
  const filters = params.filters ?? {};
  const active: ActiveFilter[] = [
    ...(filters.due ? [{ key: 'due', label: tf(`due.${filters.due}`) }] : []),
    ...(filters.late ? [{ key: 'late', label: tf('late') }] : []),
    ...(filters.launch ? [{ key: 'launch', label: tf('launch') }] : []),
    ...(filters.monitor ? [{ key: 'monitor', label: tf(`monitor.${filters.monitor}`) }] : []),
    ...(filters.decided ? [{ key: 'decided', label: tf(`decided.${filters.decided}`) }] : []),
  ];
  const statuses = STATUSES.includes(params.status) ? STATUSES : [...STATUSES, params.status];
  const statusLabel = (s: QueueStatus) =>
    MORE_STATUSES.includes(s) ? tf(`status.${s as 'withdrawn'}`) : t(`queue.statusOptions.${s}`);

  const onClaim = (item: QueueItem) =>
    claim.mutate(item.id, {
      onSuccess: () => message.success(t('queue.claimed', { name: item.platformName ?? t('unnamed') })),
      onError: (err) => message.error(errorText(err)),
    });

  return (
    <Card
      title={
        <Space direction="vertical" size={0}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('queue.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('queue.hint')}
          </Typography.Text>
        </Space>
      }
    >
      <CoverageAlert />
      <FlaggedHomepagesAlert />
      <FilterTags
        filters={active}
        onRemove={(key) => setParams({ filters: { ...filters, [key]: undefined } })}
        onClear={() => setParams({ filters: {} })}
      />
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Typography.Text id="queue-kind-label">{tl('kind.filter')}</Typography.Text>
          <Radio.Group
            aria-labelledby="queue-kind-label"
            optionType="button"
            buttonStyle="solid"
            value={params.kind}
            onChange={(e) => setParams({ kind: e.target.value })}
            options={KINDS.map((k) => ({ value: k, label: tl(`kind.${k}`) }))}
          />
        </Space>
        {params.kind !== 'deregistration' && (
          <>
            <Space wrap>
              <Typography.Text id="queue-status-label">{t('queue.statusFilter')}</Typography.Text>
              <Radio.Group
                aria-labelledby="queue-status-label"
                optionType="button"
                buttonStyle="solid"
                value={params.status}
                onChange={(e) => setParams({ status: e.target.value })}
                options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
              />
            </Space>
            <Space wrap>
              <Typography.Text id="queue-assignee-label">{t('queue.assigneeFilter')}</Typography.Text>
              <Radio.Group
                aria-labelledby="queue-assignee-label"
                optionType="button"
                buttonStyle="solid"
                value={params.assignee}
                onChange={(e) => setParams({ assignee: e.target.value })}
                options={ASSIGNEES.map((a) => ({ value: a, label: t(`queue.assigneeOptions.${a}`) }))}
              />
            </Space>
          </>
        )}
      </Space>
      {params.kind === 'deregistration' ? (
        <DeregistrationsTable page={params.page} onPage={(page) => setParams({ page })} />
      ) : (
        <Table<QueueItem>
          rowKey={(f) => f.changeId ?? f.id}
          size="middle"
          scroll={{ x: 960 }}
          loading={queue.isPending || (queue.isFetching && queue.isPlaceholderData)}
          dataSource={queue.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('queue.empty')} /> }}
          onRow={(item) => ({
            onClick: () => navigate(rowPath(item)),
            style: { cursor: 'pointer' },
            'data-testid': 'queue-row',
          })}
          pagination={{
            current: params.page,
            pageSize: queue.data?.pageSize ?? PAGE_SIZE,
            total: queue.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('queue.total', { count: n }),
            onChange: (page) => setParams({ page }),
          }}
          columns={[
            {
              title: t('queue.platform'),
              render: (_, f) => (
                <Space direction="vertical" size={0}>
                  <Link to={rowPath(f)} onClick={(e) => e.stopPropagation()}>
                    {f.platformName ? <span data-user-data>{f.platformName}</span> : t('unnamed')}
                  </Link>
                  {f.filingNumber && (
                    <Typography.Text type="secondary" data-user-data>
                      {f.filingNumber}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: tl('kind.column'),
              key: 'kind',
              render: (_, f) => (
                <Tag color={f.kind === 'change' ? 'purple' : 'blue'} data-testid="queue-kind">
                  {tl(`kind.${f.kind}`)}
                </Tag>
              ),
            },
            {
              title: t('queue.sponsor'),
              render: (_, f) => (f.sponsorName ? <span data-user-data>{f.sponsorName}</span> : '—'),
            },
            ...(params.status === 'submitted'
              ? []
              : [
                  {
                    title: t('queue.status'),
                    key: 'status',
                    render: (_: unknown, f: QueueItem) => <StatusTag status={f.status} />,
                  },
                ]),
            { title: t('queue.receivedDate'), render: (_, f) => formatDate(f.receivedDate) || '—' },
            { title: t('queue.dueDate'), render: (_, f) => (f.due ? <DueDate due={f.due} /> : '—') },
            { title: t('queue.timeLeft'), render: (_, f) => (f.due ? <DaysLeft due={f.due} /> : '—') },
            {
              title: t('queue.assignee'),
              render: (_, f) =>
                f.assignedReviewer ? (
                  f.assignedReviewer.id === me.data?.id ? (
                    <Tag color="blue">{t('me')}</Tag>
                  ) : f.assignedReviewer.displayName ? (
                    <span data-user-data>{f.assignedReviewer.displayName}</span>
                  ) : (
                    '—'
                  )
                ) : (
                  <Typography.Text type="secondary">{t('unassigned')}</Typography.Text>
                ),
            },
            {
              title: t('queue.lateFlag'),
              render: (_, f) =>
                f.late ? (
                  <Tooltip title={f.kind === 'change' ? tc('lateReason') : tl('lateFilingReason')}>
                    <Tag color="red" data-testid="queue-late">
                      {f.kind === 'change' ? tl('lateChange') : tl('lateFiling')}
                    </Tag>
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
            {
              title: t('queue.actions'),
              render: (_, f) =>
                f.kind === 'filing' && !f.assignedReviewer && f.status === 'submitted' ? (
                  <Button
                    size="small"
                    onClick={(e) => {
                      e.stopPropagation();
                      onClaim(f);
                    }}
                    loading={claim.isPending && claim.variables === f.id}
                  >
                    {t('queue.claim')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
    </Card>
  );
}
