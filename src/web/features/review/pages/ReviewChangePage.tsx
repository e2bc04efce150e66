/**
 * A change filing under review (Article 6): its dates (change day, the 30-day deadline, late), the field-by-field diff
 * against the version in force, the changed form (personal values masked) and files, its decisions, and the two
 * decisions: approve (a new version, same number) or request correction with items. A change made on an older version
 * than the current one cannot be approved (the server answers 409 stale_change; the page says so first).
 */
import { ArrowLeftOutlined, CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Grid, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { changesCatalog } from '../../../../shared/i18n/locales/changes.js';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { reviewLifecycleCatalog } from '../../../../shared/i18n/locales/reviewLifecycle.js';
import { DiffTable } from '../../../components/DiffTable.js';
import { Tooltip } from '../../../components/overlays/overlays.js';
import { RouteError } from '../../../components/RouteError.js';
import { paths } from '../../../config/paths.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import {
  type ReviewChange,
  reviewChangeAttachmentUrl,
  useApproveChange,
  useRequestChangeCorrection,
  useReviewChange,
} from '../api/lifecycle.js';
import type { Decision } from '../api/review.js';
import { CorrectionModal } from '../components/CorrectionModal.js';
import { DecisionHistory } from '../components/DecisionHistory.js';
import { DaysLeft, DueDate } from '../components/DueCell.js';
import { FilingSections } from '../components/FilingSections.js';
import { ReviewAttachments } from '../components/ReviewAttachments.js';

export function ReviewChangePage() {
  const { changeId = '' } = useParams();
  const change = useReviewChange(changeId);
  if (change.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (change.error) return <RouteError error={change.error} />;
  return <ChangeReview change={change.data} />;
}

/** A version number by locale; '—' while the filing has none in force. */
const version = (n: number | null | undefined) => (n == null ? '—' : formatNumber(n));

const STATUS_COLORS: Record<string, string> = {
  submitted: 'processing',
  correction_requested: 'warning',
  approved: 'success',
  cancelled: 'default',
  draft: 'default',
};

function ChangeReview({ change }: { change: ReviewChange }) {
  const { t } = useCatalog(reviewLifecycleCatalog);
  const { t: tc } = useCatalog(changesCatalog);
  const { t: tr } = useCatalog(reviewCatalog);
  const labels = useLabels();
  const errorText = useApiErrorText();
  const statusLabel = labels.changeStatus(change.status);
  const { message, modal } = useFeedback();
  const approve = useApproveChange(change.id);
  const requestCorrection = useRequestChangeCorrection(change.id);
  const [correcting, setCorrecting] = useState(false);
  const [approvedVersion, setApprovedVersion] = useState<number | null>(null);
  const can = (a: string) => change.allowedActions.includes(a);
  // On a phone the buttons go under the title, which would otherwise be squeezed out.
  const wide = !!Grid.useBreakpoint().md;

  const onApprove = () =>
    modal.confirm({
      title: t('change.approveTitle'),
      content: t('change.approveBody'),
      width: 520,
      okText: t('change.approveOk'),
      cancelText: t('change.cancel'),
      icon: <CheckCircleOutlined style={{ color: '#389e0d' }} />,
      onOk: async () => {
        try {
          const res = await approve.mutateAsync(undefined);
          setApprovedVersion(res.change.appliedVersion);
          window.scrollTo({ top: 0 });
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });

  const buttons = (
    <Space wrap>
      {can('requestCorrection') && (
        <Button danger icon={<ExclamationCircleOutlined />} onClick={() => setCorrecting(true)}>
          {t('change.requestCorrection')}
        </Button>
      )}
      {can('approve') && (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          onClick={onApprove}
          loading={approve.isPending}
          disabled={change.stale}
        >
          {t('change.approve')}
        </Button>
      )}
    </Space>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={paths.review}>
        <ArrowLeftOutlined /> {t('change.back')}
      </Link>
      {approvedVersion !== null && (
        <Card>
          <Result
            status="success"
            title={t('change.approved', { version: formatNumber(approvedVersion) })}
            subTitle={<span data-user-data>{change.filingNumber}</span>}
            style={{ padding: 16 }}
            data-testid="change-approved"
          />
        </Card>
      )}
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>
              {t('change.title')}
              {tr('sep')}
              {change.platformName ? <span data-user-data>{change.platformName}</span> : tr('unnamed')}
            </Typography.Title>
            <Tag color="purple">{t('kind.change')}</Tag>
            <Tag color={STATUS_COLORS[change.status] ?? 'default'} data-testid="review-change-status">
              {statusLabel}
            </Tag>
            {change.late && (
              <Tag color="red" title={tc('lateReason')} data-testid="review-change-late">
                {t('change.late')}
              </Tag>
            )}
          </Space>
        }
        extra={wide ? buttons : undefined}
      >
        {!wide && <div style={{ marginBottom: 12 }}>{buttons}</div>}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, lg: 3 }}
          items={[
            {
              key: 'number',
              label: t('change.number'),
              children: (
                <Link to={paths.reviewFiling(change.filingId)}>
                  <Typography.Text strong data-user-data>
                    {change.filingNumber}
                  </Typography.Text>
                </Link>
              ),
            },
            { key: 'changeDate', label: t('change.changeDate'), children: formatDate(change.changeDate) },
            {
              key: 'deadline',
              label: t('change.deadline'),
              children: (
                <Space size={4} wrap>
                  {formatDate(change.changeDeadline)}
                  {change.deadlineProvisional && (
                    <Tooltip title={tr('due.provisionalHint')}>
                      <Tag color="orange">{tr('due.provisional')}</Tag>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { key: 'received', label: t('change.received'), children: formatDate(change.receivedDate) || '—' },
            {
              key: 'due',
              label: t('change.due'),
              children: change.due ? (
                <Space size={8} wrap>
                  <DueDate due={change.due} />
                  <DaysLeft due={change.due} />
                </Space>
              ) : (
                '—'
              ),
            },
            {
              key: 'submitted',
              label: tr('page.submittedAt'),
              children: formatDateTime(change.submittedAt) || '—',
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('change.base', { base: formatNumber(change.baseVersion), current: version(change.currentVersion) })}
          {change.late ? ` · ${tc('lateReason')}` : ''}
        </Typography.Paragraph>
        {change.stale && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="review-change-stale"
            style={{ marginTop: 8 }}
            title={t('change.stale', {
              base: formatNumber(change.baseVersion),
              current: version(change.currentVersion),
            })}
          />
        )}
        {change.status === 'correction_requested' && (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('change.waiting')} />
        )}
        {(change.status === 'approved' || change.status === 'cancelled') && (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('change.decided', { status: statusLabel })} />
        )}
      </Card>
      <Card>
        <DiffTable diff={change.diff} title={t('change.diffTitle')} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t('change.form')} style={{ marginBottom: 16 }}>
            <FilingSections filing={{ id: change.filingId, data: change.form, allowedActions: [] }} />
          </Card>
          <Card title={t('change.attachments')}>
            <ReviewAttachments
              filingId={change.filingId}
              attachments={change.attachments}
              urlOf={(id, inline) => reviewChangeAttachmentUrl(change.id, id, inline)}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('change.history')}>
            <DecisionHistory decisions={change.decisions as Decision[]} />
          </Card>
          {(can('approve') || can('requestCorrection')) && (
            <Card style={{ marginTop: 16 }}>
              <div style={{ display: 'flex', justifyContent: 'flex-end' }}>{buttons}</div>
            </Card>
          )}
        </Col>
      </Row>
      <CorrectionModal
        errors={change.completeness.errors}
        send={requestCorrection}
        open={correcting}
        onClose={() => setCorrecting(false)}
        onSent={() => {
          setCorrecting(false);
          message.success(t('change.correctionSent'));
        }}
      />
    </Space>
  );
}
