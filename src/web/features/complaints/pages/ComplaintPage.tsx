/**
 * One complaint for its handler (SPEC §9, Article 9): what was reported, the target, the contact masked (revealed with
 * a logged reason), the evidence with previews, the history, other complaints about the same target, and the
 * buttons of the steps the server allows.
 */
import { Button, Card, Descriptions, Empty, Input, List, Modal, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ComplaintAction } from '../../../../shared/complaints/lifecycle.js';
import { handlingCatalog } from '../../../../shared/i18n/locales/handling.js';
import { monitorCatalog } from '../../../../shared/i18n/locales/monitor.js';
import { HomepageReason } from '../../../components/HomepageReason.js';
import { paths } from '../../../config/paths.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDateTime, formatSize } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import {
  type ComplaintDetail,
  evidenceUrl,
  homepageEvidenceUrl,
  useCheckComplaintHomepage,
  useComplaint,
  useRevealContact,
} from '../api/complaints.js';
import { ActionModal } from '../components/ActionModal.js';
import { DueTag } from '../components/DueTag.js';

function Contact({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useCatalog(handlingCatalog);
  const { message } = useFeedback();
  const errorText = useApiErrorText();
  const reveal = useRevealContact(complaint.id);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [full, setFull] = useState<ComplaintDetail['contact']>(null);
  if (!complaint.contact) return <Typography.Text type="secondary">{t('detail.anonymous')}</Typography.Text>;
  const shown = full ?? complaint.contact;
  return (
    <Space direction="vertical" size={0} data-testid="complaint-contact">
      {shown.name && <span>{shown.name}</span>}
      {shown.phone && <span>{shown.phone}</span>}
      {shown.email && <span>{shown.email}</span>}
      {!full && (
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setAsking(true)}>
          {t('detail.reveal')}
        </Button>
      )}
      <Modal
        open={asking}
        title={t('detail.reveal')}
        onCancel={() => setAsking(false)}
        confirmLoading={reveal.isPending}
        onOk={() =>
          reveal.mutate(reason, {
            onSuccess: (res) => {
              setFull(res.contact);
              setAsking(false);
              message.success(t('detail.revealed'));
            },
            onError: (err) => message.error(errorText(err)),
          })
        }
      >
        <label htmlFor="reveal-reason">{t('detail.revealReason')}</label>
        <Input id="reveal-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </Space>
  );
}

function Evidence({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useCatalog(handlingCatalog);
  if (!complaint.evidence.length) return <Typography.Text type="secondary">{t('detail.noEvidence')}</Typography.Text>;
  return (
    <Space wrap align="start" data-testid="complaint-evidence">
      {complaint.evidence.map((e) => (
        <Card key={e.id} size="small" style={{ width: 220 }}>
          {e.mime.startsWith('image/') ? (
            <img
              src={evidenceUrl(complaint.id, e.id, true)}
              alt={e.fileName}
              style={{ width: '100%', maxHeight: 160, objectFit: 'contain' }}
            />
          ) : (
            <iframe
              title={e.fileName}
              src={evidenceUrl(complaint.id, e.id, true)}
              style={{ width: '100%', height: 160, border: 0 }}
            />
          )}
          <Typography.Text ellipsis style={{ display: 'block' }}>
            <a href={evidenceUrl(complaint.id, e.id)}>{e.fileName}</a>
          </Typography.Text>
          <Typography.Text type="secondary">{formatSize(e.size)}</Typography.Text>
        </Card>
      ))}
    </Space>
  );
}

const RESULT_COLOURS = { compliant: 'green', missing: 'red', unreachable: 'orange', manual_review: 'blue' } as const;

function HomepageChecks({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useCatalog(handlingCatalog);
  const tm = useCatalog(monitorCatalog).t;
  const { message } = useFeedback();
  const errorText = useApiErrorText();
  const run = useCheckComplaintHomepage(complaint.id);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="complaint-homepage-checks">
      <Typography.Text type="secondary">{t('detail.homepageChecksHint')}</Typography.Text>
      {complaint.canCheckHomepage && (
        <Button
          loading={run.isPending}
          onClick={() =>
            run.mutate(undefined, {
              onSuccess: () => message.success(t('detail.homepageCheckDone')),
              onError: (err) => message.error(errorText(err)),
            })
          }
        >
          {t('detail.homepageCheckNow')}
        </Button>
      )}
      <List
        size="small"
        dataSource={complaint.homepageChecks}
        locale={{ emptyText: t('detail.homepageChecksEmpty') }}
        renderItem={(c) => (
          <List.Item data-testid="complaint-homepage-check">
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Space wrap size={8}>
                <Tag color={RESULT_COLOURS[c.result]}>{tm(`result.${c.result}`)}</Tag>
                <span>{formatDateTime(c.checkedAt)}</span>
                <HomepageReason reason={c.reason} />
              </Space>
              <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                {c.finalUrl}
              </Typography.Text>
              {c.sm3 && (
                <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>
                  SM3 {c.sm3}
                </Typography.Text>
              )}
              <a href={homepageEvidenceUrl(complaint.id, c.id)} download>
                {tm('download')}
              </a>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

export function ComplaintPage() {
  const { id = '' } = useParams();
  const labels = useLabels();
  const { t } = useCatalog(handlingCatalog);
  const complaint = useComplaint(id);
  const errorText = useApiErrorText();
  const [action, setAction] = useState<ComplaintAction | null>(null);
  if (complaint.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!complaint.data) return <Empty description={complaint.error ? errorText(complaint.error) : undefined} />;
  const c = complaint.data;
  const category = labels.complaintCategory(c.category);

  return (
    <div style={{ padding: 24, maxWidth: 1100 }}>
      <Link to={paths.handling}>{t('detail.back')}</Link>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {c.trackingCode} <Tag data-testid="complaint-status">{labels.complaintStatus(c.status)}</Tag>
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }} data-testid="complaint-actions">
        {c.allowedActions.map((a) => (
          <Button
            key={a}
            danger={a === 'revoke'}
            type={a === 'close' ? 'primary' : 'default'}
            onClick={() => setAction(a)}
          >
            {t(`action.${a}`)}
          </Button>
        ))}
      </Space>
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('queue.category')}>{category}</Descriptions.Item>
        <Descriptions.Item label={t('queue.channel')}>{t(`channel.${c.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('queue.target')}>
          <Space direction="vertical" size={0}>
            {c.target.filingNumber && <a href={paths.publicFiling(c.target.filingNumber)}>{c.target.filingNumber}</a>}
            {c.target.name && <span>{c.target.name}</span>}
            {c.target.url && <span>{c.target.url}</span>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('queue.due')}>
          <DueTag complaint={c} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.received')}>{formatDateTime(c.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.handler')}>{c.handlerName ?? t('detail.unassigned')}</Descriptions.Item>
        <Descriptions.Item label={t('detail.contact')} span={2}>
          <Contact complaint={c} />
        </Descriptions.Item>
      </Descriptions>
      <Card title={t('detail.description')} size="small" style={{ marginTop: 16 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.description}</Typography.Paragraph>
      </Card>
      <Card title={t('detail.evidence')} size="small" style={{ marginTop: 16 }}>
        <Evidence complaint={c} />
      </Card>
      {c.category === 'number_not_shown' && c.target.filingNumber && (
        <Card title={t('detail.homepageChecks')} size="small" style={{ marginTop: 16 }}>
          <HomepageChecks complaint={c} />
        </Card>
      )}
      {c.reply && (
        <Card title={t('detail.reply')} size="small" style={{ marginTop: 16 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.reply}</Typography.Paragraph>
        </Card>
      )}
      <Card title={t('detail.timeline')} size="small" style={{ marginTop: 16 }}>
        <Timeline
          items={c.timeline.map((e) => ({
            children: (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {formatDateTime(e.at)} · {e.action in ACTION_KEYS ? t(`action.${e.action}`) : e.action}
                </Typography.Text>
                {e.note && <Typography.Text>{e.note}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>
      <Card title={t('detail.duplicates')} size="small" style={{ marginTop: 16 }}>
        <List
          dataSource={c.duplicates}
          locale={{ emptyText: t('detail.noDuplicates') }}
          renderItem={(d) => (
            <List.Item>
              <Link to={paths.handlingComplaint(d.id)}>{d.trackingCode}</Link> · {t(`channel.${d.channel}`)} ·{' '}
              {labels.complaintStatus(d.status)} · {formatDateTime(d.receivedAt)}
            </List.Item>
          )}
        />
      </Card>
      {action && <ActionModal complaintId={c.id} action={action} onClose={() => setAction(null)} />}
    </div>
  );
}

const ACTION_KEYS = {
  receive: 1,
  reveal: 1,
  assign: 1,
  startVerification: 1,
  substantiate: 1,
  reject: 1,
  interview: 1,
  rectify: 1,
  revoke: 1,
  refer: 1,
  close: 1,
  homepage_check: 1,
} as const;
