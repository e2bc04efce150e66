/** A filing's status: where it stands on the way through review, with the due date and what comes next. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { FieldPath } from '../../../../shared/filing/labels.js';
import { filingStatusCatalog } from '../../../../shared/i18n/locales/filingStatus.js';
import { RouteError } from '../../../components/RouteError.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { paths } from '../../../config/paths.js';
import { formatDateTime as fmt } from '../../../lib/format.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import { type Filing, filingKey, filingsKey, useFiling, withdrawFiling } from '../api/filings.js';
import { AfterApprovalCards, Article8Notice, RevokedNotice } from '../components/AfterApprovalCards.js';
import { DueText } from '../components/DueText.js';
import { FilingDocuments } from '../components/FilingDocuments.js';
import { LifecyclePanel } from '../components/LifecyclePanel.js';

type StatusT = ReturnType<typeof useCatalog<typeof filingStatusCatalog>>['t'];

function timelineItems(f: Filing, t: StatusT) {
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
  if (f.status === 'draft') {
    items.push({ color: 'gray', content: t('timeline.draftNext') });
    return items;
  }
  items.push({
    color: 'green',
    content: (
      <>
        {t('timeline.submitted', { date: f.receivedDate })}　{fmt(f.submittedAt)}
      </>
    ),
  });
  if (f.status === 'submitted') {
    items.push({
      color: f.due?.overdue ? 'red' : 'blue',
      content: (
        <Space direction="vertical" size={0}>
          <span>{t('timeline.checking')}</span>
          {f.due && <DueText due={f.due} />}
        </Space>
      ),
    });
    items.push({
      color: 'gray',
      content: t('timeline.ifTrue'),
    });
    items.push({ color: 'gray', content: t('timeline.ifNot') });
    items.push({ color: 'gray', content: t('timeline.afterwards') });
  } else if (f.status === 'correction_requested') {
    items.push({
      color: 'orange',
      content: (
        <>
          {t('timeline.correction')}　{fmt(f.correction?.createdAt)}
        </>
      ),
    });
    items.push({ color: 'gray', content: t('timeline.correctionNext') });
  } else if (f.status === 'approved' || f.status === 'deregistered' || f.status === 'revoked') {
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
  } else if (f.status === 'withdrawn') {
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
  const { label } = useI18n();
  const { t } = useCatalog(filingStatusCatalog);
  if (!f.correction) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="correction-notice"
      style={{ marginBottom: 24 }}
      title={t('correction.title', { date: fmt(f.correction.createdAt) })}
      description={
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
            {f.correction.summary}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {f.correction.items.map((i) => (
              <li key={`${i.field}:${i.message}`}>
                <Typography.Text strong>{label(i.field as FieldPath) ?? i.field}</Typography.Text>：{i.message}
              </li>
            ))}
          </ul>
        </>
      }
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
  const { t } = useI18n();
  const { t: ts } = useCatalog(filingStatusCatalog);
  const filing = useFiling(id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  if (filing.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (filing.error) return <RouteError error={filing.error} />;
  const f = filing.data;
  const can = (a: string) => f.allowedActions.includes(a);
  return (
    <Card
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>
            {f.data.platform?.name || t.unnamed}
          </Typography.Title>
          <StatusTag status={f.status} />
        </Space>
      }
      extra={
        <Space>
          {can('update') && !f.correction && (
            <Link to={paths.filingEdit(f.id)}>
              <Button type="primary">{t.edit}</Button>
            </Link>
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
      <RevokedNotice f={f} />
      <CorrectionAlert f={f} />
      <Article8Notice f={f} />
      <LifecyclePanel f={f} />
      <AfterApprovalCards f={f} />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 24 }}
        items={[
          { key: 'num', label: t.filingNumber, children: f.filingNumber ?? ts('details.numberPending') },
          { key: 'home', label: ts('details.homepage'), children: f.data.platform?.homepageUrl ?? '—' },
          { key: 'due', label: t.dueDate, children: f.due ? <DueText due={f.due} bare /> : '—' },
          {
            key: 'late',
            label: ts('details.article8'),
            children: f.late ? <Typography.Text type="warning">{ts('details.late')}</Typography.Text> : '—',
          },
        ]}
      />
      <FilingDocuments f={f} />
      <Timeline items={timelineItems(f, ts)} />
      {f.status === 'draft' && !f.completeness.complete && (
        <Typography.Paragraph type="secondary">
          {ts('details.remaining', { count: f.completeness.errors.length })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
