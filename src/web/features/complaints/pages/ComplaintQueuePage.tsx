/**
 * The complaint handlers' queue (SPEC §9, Article 9): open complaints by due date with overdue ones first, duplicates
 * about one target marked; intake of a phone call (dialog) and of an email (.eml import).
 */
import { App, Button, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { COMPLAINT_CATEGORY_LABELS } from '../../../../shared/complaints/lifecycle.js';
import { handlingCatalog } from '../../../../shared/i18n/locales/handling.js';
import { CoverageAlert } from '../../../components/CoverageAlert.js';
import { paths } from '../../../config/paths.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import { type ComplaintSummary, importEml, useComplaintQueue } from '../api/complaints.js';
import { DueTag } from '../components/DueTag.js';
import { PhoneIntakeModal } from '../components/PhoneIntakeModal.js';

export function ComplaintQueuePage() {
  const labels = useLabels();
  const { t, i18n } = useCatalog(handlingCatalog);
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [phone, setPhone] = useState(false);
  const queue = useComplaintQueue(filter);

  return (
    <div style={{ padding: 24 }}>
      <Typography.Title level={2}>{t('queue.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('queue.lead')}</Typography.Paragraph>
      <CoverageAlert />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          aria-label={t('queue.status')}
          value={filter}
          onChange={(v) => setFilter(v as 'open' | 'all')}
          options={[
            { label: t('queue.open'), value: 'open' },
            { label: t('queue.all'), value: 'all' },
          ]}
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
              .catch((err: Error) => message.error(err.message));
            return false;
          }}
        >
          <Button>{t('queue.importEml')}</Button>
        </Upload>
      </Space>
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
            render: (code: string, r) => <Link to={paths.handlingComplaint(r.id)}>{code}</Link>,
          },
          {
            title: t('queue.category'),
            dataIndex: 'category',
            render: (c: ComplaintSummary['category']) =>
              en ? COMPLAINT_CATEGORY_LABELS[c].en : COMPLAINT_CATEGORY_LABELS[c].zh,
          },
          {
            title: t('queue.target'),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{r.target.filingNumber ?? r.target.name ?? r.target.url}</span>
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
