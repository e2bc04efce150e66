/**
 * One filing under review: where it stands (status, due date, who has it), the automatic completeness result,
 * every field of 附件1, the proofs, the authenticity checklist, past decisions, and the two decisions Article 5
 * allows: 予以备案 (a number is issued) or 通知补正 (reasons per field).
 */
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  FilePdfOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Grid, Result, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { monitorCatalog } from '../../../../shared/i18n/locales/monitor.js';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { reviewLifecycleCatalog } from '../../../../shared/i18n/locales/reviewLifecycle.js';
import { DiffTable } from '../../../components/DiffTable.js';
import { Tooltip } from '../../../components/overlays/overlays.js';
import { RouteError } from '../../../components/RouteError.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { paths } from '../../../config/paths.js';
import { lazyComponent, useOpenedOnce } from '../../../lib/chunks.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import { fieldLabel } from '../../../lib/labels.js';
import { useMe } from '../../../lib/session.js';
import {
  type ReviewFiling,
  reviewDocumentUrl,
  useApprove,
  useAssign,
  useClaim,
  useRequestCorrection,
  useReviewers,
  useReviewFiling,
} from '../api/review.js';
import { Checklist, type ChecklistFiling, sectionsOf } from '../components/Checklist.js';
import { DecisionHistory } from '../components/DecisionHistory.js';
import { DaysLeft, DueDate } from '../components/DueCell.js';
import { FilingSections } from '../components/FilingSections.js';
import { ReviewAttachments } from '../components/ReviewAttachments.js';

// Shown only for some filings or after a click: loaded then, not with the page (`npm run bench:bundle`).
const CorrectionModal = lazyComponent(async () => (await import('../components/CorrectionModal.js')).CorrectionModal);
const RevokeModal = lazyComponent(async () => (await import('../components/RevokeModal.js')).RevokeModal);
const StaffVersionsCard = lazyComponent(
  async () => (await import('../components/StaffVersionsCard.js')).StaffVersionsCard,
);
const HomepageChecksCard = lazyComponent(
  async () => (await import('../components/HomepageChecksCard.js')).HomepageChecksCard,
);

export function ReviewFilingPage() {
  const { id = '' } = useParams();
  const filing = useReviewFiling(id);
  if (filing.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (filing.error) return <RouteError error={filing.error} />;
  return <ReviewPage filing={filing.data} />;
}

/** What the review API adds for a round after a correction (server presenters/reviewFiling.ts). */
/** The review view carries `sinceCorrection` (shared/api/review.ts). */
type RoundFiling = ChecklistFiling;

function ReviewPage({ filing }: { filing: RoundFiling }) {
  const { t } = useCatalog(reviewCatalog);
  const { t: tl } = useCatalog(reviewLifecycleCatalog);
  const errorText = useApiErrorText();
  const issueText = useIssueText();
  const { t: tm } = useCatalog(monitorCatalog);
  const { lang } = useI18n();
  const { message, modal } = useFeedback();
  const [revoking, setRevoking] = useState(false);
  // On a phone the decisions go under the title, which would otherwise be squeezed out.
  const wide = !!Grid.useBreakpoint().md;
  const me = useMe();
  const can = (a: ReviewFiling['allowedActions'][number]) => filing.allowedActions.includes(a);
  const reviewers = useReviewers(true);
  const claim = useClaim(filing.id);
  const assign = useAssign(filing.id);
  const approve = useApprove(filing.id);
  const requestCorrection = useRequestCorrection(filing.id);
  const [correcting, setCorrecting] = useState(false);
  const correctionMounted = useOpenedOnce(correcting);
  const [issued, setIssued] = useState<string | null>(null);
  const [correctionSent, setCorrectionSent] = useState(false);
  // The certificate is issued while the filing is valid: approved, or approved with a change under review.
  const certified = !!filing.filingNumber && (filing.status === 'approved' || filing.status === 'change_submitted');
  const labelOf = (f: string) => fieldLabel(f, lang);

  const assignee = filing.assignedReviewerId
    ? filing.assignedReviewerId === me.data?.id
      ? (me.data.displayName ?? t('me'))
      : (reviewers.data?.find((r) => r.id === filing.assignedReviewerId)?.displayName ?? '—')
    : null;

  // The server sends this round's checks only: results from before a correction do not count here.
  const sections = sectionsOf(filing);
  const failed = filing.checks.filter((c) => c.result === 'fail' && sections.includes(c.section)).length;
  const unchecked = sections.filter((s) => !filing.checks.some((c) => c.section === s)).length;
  const idNumberOpen =
    !!filing.idNumberNeedsReview && !filing.checks.some((c) => c.section === 'idNumber' && c.result === 'pass');
  const onApprove = () =>
    modal.confirm({
      title: t('approve.title'),
      content: (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('approve.body')}</Typography.Paragraph>
          {failed > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('approve.failedChecks', { count: failed })}
              style={{ marginBottom: 8 }}
            />
          )}
          {idNumberOpen && (
            <Alert type="error" showIcon title={t('approve.idNumberUnchecked')} style={{ marginBottom: 8 }} />
          )}
          {unchecked > 0 && (
            <Alert type="warning" showIcon title={t('approve.uncheckedSections', { count: unchecked })} />
          )}
        </>
      ),
      width: 520,
      okText: t('approve.ok'),
      cancelText: t('cancel'),
      icon: <CheckCircleOutlined style={{ color: '#389e0d' }} />,
      onOk: async () => {
        try {
          const res = await approve.mutateAsync(undefined);
          setIssued(res.filingNumber);
          window.scrollTo({ top: 0 });
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });

  const decisionButtons = (
    <Space wrap>
      {can('revoke') && (
        <Button danger onClick={() => setRevoking(true)} data-testid="revoke-button">
          {tl('revoke.button')}
        </Button>
      )}
      {can('requestCorrection') && (
        <Button danger icon={<ExclamationCircleOutlined />} onClick={() => setCorrecting(true)}>
          {t('correction.button')}
        </Button>
      )}
      {can('approve') && (
        <Button type="primary" icon={<CheckCircleOutlined />} onClick={onApprove} loading={approve.isPending}>
          {t('approve.button')}
        </Button>
      )}
    </Space>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={paths.review}>
        <ArrowLeftOutlined /> {t('page.backToQueue')}
      </Link>
      {issued && (
        <Card>
          <Result
            status="success"
            title={t('approve.done')}
            subTitle={
              <>
                <Typography.Title level={3} style={{ margin: '8px 0' }} data-testid="issued-number" copyable>
                  {issued}
                </Typography.Title>
                <Typography.Text type="secondary">{t('approve.doneHint')}</Typography.Text>
              </>
            }
            style={{ padding: 16 }}
          />
        </Card>
      )}
      {filing.status === 'revoked' && filing.record?.revokedAt && (
        <Alert
          type="error"
          showIcon
          data-testid="revoked-banner"
          title={tl('revoke.revokedBanner', { date: formatDateTime(filing.record.revokedAt) })}
          description={
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {filing.record.revocationReason}
            </Typography.Paragraph>
          }
        />
      )}
      {filing.openChangeId && (
        <Alert
          type="info"
          showIcon
          data-testid="open-change-staff"
          title={tl('change.openChange')}
          action={<Link to={paths.reviewChange(filing.openChangeId)}>{tl('change.openChangeLink')}</Link>}
        />
      )}
      {correctionSent && filing.status === 'correction_requested' && (
        <Alert
          type="warning"
          showIcon
          title={t('correction.sent')}
          closable
          onClose={() => setCorrectionSent(false)}
          role="status"
        />
      )}
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>
              {filing.data.platform?.name ? <span data-user-data>{filing.data.platform.name}</span> : t('unnamed')}
            </Typography.Title>
            <span data-testid="review-status">
              <StatusTag status={filing.status} />
            </span>
            {filing.late && (
              <Tooltip title={t('page.lateHint')}>
                <Tag color="red" data-testid="late-tag">
                  {t('page.late')}
                </Tag>
              </Tooltip>
            )}
          </Space>
        }
        extra={wide ? decisionButtons : undefined}
      >
        {!wide && <div style={{ marginBottom: 12 }}>{decisionButtons}</div>}
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, lg: 3 }}
          items={[
            {
              key: 'number',
              label: t('page.filingNumber'),
              children: filing.filingNumber ? (
                <Typography.Text strong data-testid="filing-number">
                  {filing.filingNumber}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('page.notIssued')}</Typography.Text>
              ),
            },
            { key: 'received', label: t('page.receivedDate'), children: formatDate(filing.receivedDate) || '—' },
            { key: 'submitted', label: t('page.submittedAt'), children: formatDateTime(filing.submittedAt) || '—' },
            {
              key: 'due',
              label: t('page.dueDate'),
              children: filing.due ? (
                <Space size={8} wrap>
                  <DueDate due={filing.due} />
                  <DaysLeft due={filing.due} />
                </Space>
              ) : (
                '—'
              ),
            },
            ...(filing.approvedAt
              ? [{ key: 'approved', label: t('page.approvedAt'), children: formatDateTime(filing.approvedAt) }]
              : []),
            {
              key: 'documents',
              label: t('page.documents'),
              children: (
                <Space wrap data-testid="review-documents">
                  <a href={reviewDocumentUrl(filing.id, 'registration.pdf')}>
                    <FilePdfOutlined /> {t('page.registrationForm')}
                  </a>
                  {certified && (
                    <a href={reviewDocumentUrl(filing.id, 'certificate.pdf')}>
                      <SafetyCertificateOutlined /> {t('page.certificate')}
                    </a>
                  )}
                </Space>
              ),
            },
            {
              key: 'assignee',
              label: t('page.assignee'),
              children: (
                <Space wrap>
                  {assignee ? (
                    <span data-testid="assignee" data-user-data>
                      {assignee}
                    </span>
                  ) : (
                    <Typography.Text type="secondary">{t('unassigned')}</Typography.Text>
                  )}
                  {can('claim') && filing.assignedReviewerId !== me.data?.id && (
                    <Button
                      size="small"
                      onClick={() => claim.mutate(undefined, { onError: (err) => message.error(errorText(err)) })}
                      loading={claim.isPending}
                    >
                      {t('page.claim')}
                    </Button>
                  )}
                  {can('assign') && (
                    <Select
                      size="small"
                      aria-label={t('page.assignTo')}
                      placeholder={t('page.assignTo')}
                      style={{ minWidth: 160 }}
                      value={null}
                      loading={reviewers.isPending || assign.isPending}
                      options={(reviewers.data ?? [])
                        .filter((r) => r.id !== filing.assignedReviewerId)
                        .map((r) => ({ value: r.id, label: r.displayName }))}
                      onChange={(reviewerId: string) =>
                        assign.mutate(reviewerId, {
                          onSuccess: () =>
                            message.success(
                              t('page.assigned', {
                                name: reviewers.data?.find((r) => r.id === reviewerId)?.displayName ?? '',
                              }),
                            ),
                          onError: (err) => message.error(errorText(err)),
                        })
                      }
                    />
                  )}
                </Space>
              ),
            },
          ]}
        />
        {filing.completeness.complete ? (
          <Alert
            type="success"
            showIcon
            title={t('page.completeOk')}
            description={t('page.completeOkHint')}
            data-testid="completeness"
            style={{ marginTop: 8 }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="completeness"
            style={{ marginTop: 8 }}
            title={t('page.completeErrors', { count: filing.completeness.errors.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {filing.completeness.errors.map((e) => (
                  <li key={`${e.field}:${e.message}`}>
                    <Typography.Text strong>{labelOf(e.field)}</Typography.Text>
                    {t('sep')}
                    {issueText(e)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {filing.late && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('page.lateHint')}
          </Typography.Paragraph>
        )}
        {filing.idNumberNeedsReview && (
          <Alert
            type="warning"
            showIcon
            data-testid="id-number-flag"
            style={{ marginTop: 8 }}
            title={t('page.idNumberFlag')}
          />
        )}
        {filing.status !== 'submitted' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="state-hint">
            {filing.status === 'correction_requested'
              ? t('page.waitingCorrection')
              : filing.status === 'approved'
                ? t('page.approvedState')
                : t('page.decidedHint')}
          </Typography.Paragraph>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          {filing.sinceCorrection && (
            <Card style={{ marginBottom: 16 }} data-testid="since-correction">
              <DiffTable
                diff={filing.sinceCorrection.diff}
                title={t('page.sinceCorrection', { date: formatDateTime(filing.sinceCorrection.correctedAt) })}
              />
            </Card>
          )}
          <Card title={t('page.formTitle')} style={{ marginBottom: 16 }}>
            <FilingSections filing={filing} />
          </Card>
          <Card title={t('page.attachments')}>
            <ReviewAttachments filingId={filing.id} attachments={filing.attachments} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('page.checklist')} style={{ marginBottom: 16 }}>
            <Checklist filing={filing} />
          </Card>
          <Card title={t('page.history')}>
            <DecisionHistory decisions={filing.decisions} />
          </Card>
          {filing.filingNumber && (
            <Card title={tl('versions.title')} style={{ marginTop: 16 }}>
              <Suspense fallback={<Spin />}>
                <StaffVersionsCard filingId={filing.id} />
              </Suspense>
            </Card>
          )}
          {filing.status === 'approved' && (
            <Card title={tm('title')} style={{ marginTop: 16 }}>
              <Suspense fallback={<Spin />}>
                <HomepageChecksCard filingId={filing.id} />
              </Suspense>
            </Card>
          )}
          {(can('approve') || can('requestCorrection')) && (
            <Card style={{ marginTop: 16 }}>
              <div style={{ display: 'flex', justifyContent: 'flex-end' }}>{decisionButtons}</div>
            </Card>
          )}
        </Col>
      </Row>
      <Suspense fallback={null}>
        {revoking && <RevokeModal filingId={filing.id} onClose={() => setRevoking(false)} />}
      </Suspense>
      <Suspense fallback={null}>
        {correctionMounted && (
          <CorrectionModal
            errors={filing.completeness.errors}
            send={requestCorrection}
            open={correcting}
            onClose={() => setCorrecting(false)}
            onSent={() => {
              setCorrecting(false);
              setCorrectionSent(true);
              message.success(t('correction.sent'));
            }}
          />
        )}
      </Suspense>
    </Space>
  );
}
