/** A filing's status: where it stands on the way through review, with the due date and what comes next. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { commonCatalog } from '../../../../shared/i18n/locales/common.js';
import { filingStatusCatalog } from '../../../../shared/i18n/locales/filingStatus.js';
import { CorrectionNotice } from '../../../components/filing/CorrectionNotice.js';
import { Popconfirm } from '../../../components/overlays/overlays.js';
import { RouteError } from '../../../components/RouteError.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { LazyTimeline } from '../../../components/timeline/LazyTimeline.js';
import { paths } from '../../../config/paths.js';
import { lazyComponent } from '../../../lib/chunks.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDateTime as fmt, formatDate } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import { type FilingWithHistory, useDeleteDraft } from '../api/drafts.js';
import { type Filing, type FilingAction, filingKey, filingsKey, useFiling, withdrawFiling } from '../api/filings.js';
import { DueText } from '../components/DueText.js';
import { FilingDocuments } from '../components/FilingDocuments.js';

// What only some filings show (after approval: changes, deregistration, versions; the Article 8 notice): loaded
// then, not with the page (`npm run bench:bundle`).
const loadAfterApproval = () => import('../components/AfterApprovalCards.js');
const AfterApprovalCards = lazyComponent(async () => (await loadAfterApproval()).AfterApprovalCards);
const Article8Notice = lazyComponent(async () => (await loadAfterApproval()).Article8Notice);
const RevokedNotice = lazyComponent(async () => (await loadAfterApproval()).RevokedNotice);
const LifecyclePanel = lazyComponent(async () => (await import('../components/LifecyclePanel.js')).LifecyclePanel);

type StatusT = ReturnType<typeof useCatalog<typeof filingStatusCatalog>>['t'];

/**
 * Every round so far (submissions and correction notices, from the server's history), then what comes next for the
 * filing's state: a resubmission after a correction keeps the earlier submission and the notice in view.
 */
function timelineItems(f: FilingWithHistory, t: StatusT, labelOf: (field: string) => string) {
  const items: { color?: string; content: React.ReactNode }[] = [
    {
      color: 'green',
      content: (
        <>
          {t('timeline.created')}　{fmt(f.createdAt)}
        </>
      ),
    },
  ];
  const history = f.history?.length
    ? f.history
    : f.submittedAt
      ? [{ kind: 'submitted' as const, at: f.submittedAt, receivedDate: f.receivedDate ?? '' }]
      : [];
  let corrected = false;
  for (const e of history) {
    if (e.kind === 'submitted') {
      items.push({
        color: 'green',
        content: (
          <>
            {`${t(corrected ? 'timeline.resubmitted' : 'timeline.submitted', { date: formatDate(e.receivedDate) })}　${fmt(e.at)}`}
          </>
        ),
      });
    } else if (e.kind === 'correction') {
      corrected = true;
      items.push({
        color: 'orange',
        content: (
          <div data-testid="timeline-correction">
            {t('timeline.correction')}　{fmt(e.at)}
            {e.summary && (
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>
                {e.summary}
              </Typography.Paragraph>
            )}
            {e.items.length > 0 && (
              <Typography.Text type="secondary">
                {t('timeline.correctionItems', { fields: e.items.map((i) => labelOf(i.field)).join('、') })}
              </Typography.Text>
            )}
          </div>
        ),
      });
    } else if (e.kind === 'approved') {
      items.push({
        color: 'green',
        content: (
          <>
            {t('timeline.approved', { number: f.filingNumber })}　{fmt(e.at)}
          </>
        ),
      });
    } else if (e.kind === 'withdrawn') {
      items.push({
        color: 'gray',
        content: (
          <>
            {t('timeline.withdrawn')}　{fmt(e.at)}
          </>
        ),
      });
    }
  }
  const approvedShown = history.some((e) => e.kind === 'approved');
  if (f.status === 'draft') {
    items.push({ color: 'gray', content: t('timeline.draftNext') });
  } else if (f.status === 'submitted') {
    items.push({
      color: f.due?.overdue ? 'red' : 'blue',
      content: (
        <Space direction="vertical" size={0}>
          <span>{t('timeline.checking')}</span>
          {f.due && <DueText due={f.due} />}
        </Space>
      ),
    });
    items.push({ color: 'gray', content: t('timeline.ifTrue') });
    items.push({ color: 'gray', content: t('timeline.ifNot') });
    items.push({ color: 'gray', content: t('timeline.afterwards') });
  } else if (f.status === 'correction_requested') {
    items.push({ color: 'gray', content: t('timeline.correctionNext') });
  } else if (f.status === 'approved' || f.status === 'deregistered' || f.status === 'revoked') {
    if (!approvedShown)
      items.push({
        color: 'green',
        content: (
          <>
            {t('timeline.approved', { number: f.filingNumber })}　{fmt(f.approvedAt)}
          </>
        ),
      });
    items.push({ color: 'green', content: t('timeline.published') });
    if (f.status === 'deregistered') {
      items.push({
        color: 'gray',
        content: (
          <>
            {t('timeline.deregistered')}　{fmt(f.record?.deregisteredAt)}
          </>
        ),
      });
    } else if (f.status === 'revoked') {
      items.push({
        color: 'red',
        content: (
          <>
            {t('timeline.revoked')}　{fmt(f.record?.revokedAt)}
          </>
        ),
      });
    }
  } else if (f.status === 'withdrawn' && !history.some((e) => e.kind === 'withdrawn')) {
    items.push({
      color: 'gray',
      content: (
        <>
          {t('timeline.withdrawn')}　{fmt(f.updatedAt)}
        </>
      ),
    });
  }
  return items;
}

/** The open correction notice: what the reviewer asked for, field by field, and the way back into the editor. */
function CorrectionAlert({ f }: { f: Filing }) {
  const { t } = useCatalog(filingStatusCatalog);
  if (!f.correction) return null;
  return (
    <CorrectionNotice
      correction={f.correction}
      action={
        f.allowedActions.includes('update') && (
          <Link to={paths.filingEdit(f.id)}>
            <Button type="primary">{t('correction.fix')}</Button>
          </Link>
        )
      }
    />
  );
}

/** After approval: the number, and Article 5's duty to show it at the bottom of the platform's homepage. */
function ApprovedBanner({ f }: { f: Filing }) {
  const { t } = useCatalog(filingStatusCatalog);
  if (f.status !== 'approved' || !f.filingNumber) return null;
  return (
    <Result
      status="success"
      style={{ padding: '8px 0 24px' }}
      title={t('approved.title')}
      subTitle={
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('approved.number')}</Typography.Text>
          <Typography.Title level={2} style={{ margin: 0 }} copyable data-testid="filing-number">
            {f.filingNumber}
          </Typography.Title>
          <Alert
            type="info"
            showIcon
            style={{ textAlign: 'start', maxWidth: 640, margin: '8px auto 0' }}
            title={t('approved.dutyTitle')}
            description={
              <>
                {t('approved.duty', {
                  home: f.data.platform?.homepageUrl ? t('approved.home', { url: f.data.platform.homepageUrl }) : '',
                })}
                <Typography.Text code>{f.filingNumber}</Typography.Text>
              </>
            }
          />
        </Space>
      }
    />
  );
}

export function FilingStatusPage() {
  const { id = '' } = useParams();
  const { t } = useCatalog(commonCatalog);
  const { t: ts } = useCatalog(filingStatusCatalog);
  const labels = useLabels();
  const errorText = useApiErrorText();
  const filing = useFiling(id);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const remove = useDeleteDraft();
  const { message } = useFeedback();
  if (filing.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (filing.error) return <RouteError error={filing.error} />;
  const f = filing.data;
  const can = (a: FilingAction) => f.allowedActions.includes(a);
  return (
    <Card
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>
            {f.data.platform?.name || t('filing.unnamed')}
          </Typography.Title>
          <StatusTag status={f.status} />
        </Space>
      }
      extra={
        <Space>
          {can('update') && !f.correction && (
            <Link to={paths.filingEdit(f.id)}>
              <Button type="primary">{ts('actions.continue')}</Button>
            </Link>
          )}
          {can('discard') && (
            <Popconfirm
              title={ts('actions.removeConfirm')}
              okText={ts('actions.removeOk')}
              okButtonProps={{ danger: true }}
              cancelText={ts('actions.cancel')}
              onConfirm={() =>
                remove.mutate(f.id, {
                  onSuccess: () => {
                    message.success(ts('actions.removed'));
                    navigate(paths.filings);
                  },
                  onError: (err) => message.error(errorText(err)),
                })
              }
            >
              <Button danger loading={remove.isPending} data-testid="delete-draft">
                {ts('actions.remove')}
              </Button>
            </Popconfirm>
          )}
          {can('withdraw') && (
            <Popconfirm
              title={ts('withdraw.confirm')}
              okText={ts('withdraw.ok')}
              cancelText={ts('withdraw.cancel')}
              onConfirm={async () => {
                const updated = await withdrawFiling(f.id);
                qc.setQueryData(filingKey(f.id), updated);
                await qc.invalidateQueries({ queryKey: filingsKey, exact: true });
                message.success(ts('withdraw.done'));
              }}
            >
              <Button danger>{ts('withdraw.button')}</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <ApprovedBanner f={f} />
      {f.status === 'revoked' && (
        <Suspense fallback={<Spin />}>
          <RevokedNotice f={f} />
        </Suspense>
      )}
      <CorrectionAlert f={f} />
      {f.article8 && (
        <Suspense fallback={null}>
          <Article8Notice f={f} />
        </Suspense>
      )}
      {f.filingNumber && (
        <Suspense fallback={<Spin style={{ display: 'block', margin: '0 auto 24px' }} />}>
          <LifecyclePanel f={f} />
          <AfterApprovalCards f={f} />
        </Suspense>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 24 }}
        items={[
          { key: 'num', label: t('filing.filingNumber'), children: f.filingNumber ?? ts('details.numberPending') },
          { key: 'home', label: ts('details.homepage'), children: f.data.platform?.homepageUrl ?? '—' },
          { key: 'due', label: t('filing.dueDate'), children: f.due ? <DueText due={f.due} bare /> : '—' },
          {
            key: 'late',
            label: ts('details.article8'),
            children: f.late ? (
              <Space direction="vertical" size={0}>
                <Typography.Text type="warning">{ts('details.late')}</Typography.Text>
                <Typography.Text type="secondary">{ts('details.lateHint')}</Typography.Text>
              </Space>
            ) : (
              '—'
            ),
          },
        ]}
      />
      <FilingDocuments f={f} />
      <LazyTimeline data-testid="filing-timeline" items={timelineItems(f, ts, labels.field)} />
      {f.status === 'draft' && !f.completeness.complete && (
        <Typography.Paragraph type="secondary">
          {ts('details.remaining', { count: f.completeness.errors.length })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
