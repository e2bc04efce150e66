/**
 * A change filing (Article 6) at /changes/:changeId: while the applicant may edit it, the step editor on the change's
 * copy of the record, with the change's dates and state above, files replaced in the change (the record's stay), and
 * the server's field-by-field diff before submitting; submitting needs a difference and a change not overtaken by a
 * newer version. After submitting (or once approved or cancelled) the page only shows the change.
 */
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Space, Spin, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { changesCatalog } from '../../../../shared/i18n/locales/changes.js';
import { Tooltip } from '../../../components/overlays/overlays.js';
import { RouteError } from '../../../components/RouteError.js';
import { paths } from '../../../config/paths.js';
import { lazyComponent } from '../../../lib/chunks.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDate, formatDateTime, formatSize } from '../../../lib/format.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import { fieldLabel, useLabels } from '../../../lib/labels.js';
import {
  type ChangeDetail,
  changeAttachmentUrl,
  changeKey,
  deleteChangeAttachment,
  saveChange,
  submitChange,
  uploadChangeAttachment,
  useChange,
} from '../api/changes.js';
import { filingKey, filingsKey } from '../api/filings.js';
import type { AttachmentOps } from '../components/editor/EditorContext.js';
import { StepEditor } from '../components/editor/StepEditor.js';

/** The server's diff (a table), shown on the confirmation step or the read-only view: loaded then. */
const DiffTable = lazyComponent(async () => (await import('../../../components/DiffTable.js')).DiffTable);
const diffOf = (change: ChangeDetail) => (
  <Suspense fallback={<Spin />}>
    <DiffTable diff={change.diff} />
  </Suspense>
);

export function ChangeEditorPage() {
  const { changeId = '' } = useParams();
  const change = useChange(changeId);
  if (change.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (change.error) return <RouteError error={change.error} />;
  return change.data.allowedActions.includes('update') ? (
    <ChangeEditor change={change.data} />
  ) : (
    <ChangeView change={change.data} />
  );
}

/** The change's dates and state: change day, the Article 6 deadline, late, the version it is based on, stale. */
export function ChangeBanner({ change }: { change: ChangeDetail }) {
  const { t } = useCatalog(changesCatalog);
  const labels = useLabels();
  return (
    <div data-testid="change-banner" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        title={t('banner.title')}
        items={[
          { key: 'number', label: t('banner.number'), children: change.filingNumber ?? '—' },
          {
            key: 'status',
            label: t('banner.status'),
            children: <span data-testid="change-status">{labels.changeStatus(change.status)}</span>,
          },
          { key: 'changeDate', label: t('banner.changeDate'), children: formatDate(change.changeDate) },
          {
            key: 'deadline',
            label: (
              <Tooltip title={t('banner.deadlineHelp')}>
                <span>{t('banner.deadline')}</span>
              </Tooltip>
            ),
            children: (
              <Space size={4} wrap>
                <span data-testid="change-deadline">{formatDate(change.changeDeadline)}</span>
                {change.deadlineProvisional && <Tag color="orange">{t('banner.provisional')}</Tag>}
                {change.late ? (
                  <Tag color="red" data-testid="change-late">
                    {t('banner.late')}
                  </Tag>
                ) : (
                  <Tag color="green">{t('banner.onTime')}</Tag>
                )}
              </Space>
            ),
          },
          ...(change.submittedAt
            ? [{ key: 'submitted', label: t('banner.submittedAt'), children: formatDateTime(change.submittedAt) }]
            : []),
          ...(change.due ? [{ key: 'due', label: t('banner.due'), children: formatDate(change.due.date) }] : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('banner.base', { version: change.baseVersion })} · {t('banner.publicNote')}
      </Typography.Paragraph>
      {change.late && change.allowedActions.includes('submit') && (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('banner.lateHelp')} />
      )}
      {change.stale && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="change-stale"
          style={{ marginTop: 8 }}
          title={t('banner.stale', { current: change.currentVersion ?? '—', base: change.baseVersion })}
        />
      )}
    </div>
  );
}

function BackLink({ change }: { change: ChangeDetail }) {
  const { t } = useCatalog(changesCatalog);
  return (
    <Link to={paths.filing(change.filingId)} style={{ display: 'inline-block', marginBottom: 12 }}>
      <ArrowLeftOutlined /> {t('editor.back')}
    </Link>
  );
}

function ChangeEditor({ change }: { change: ChangeDetail }) {
  const { t } = useCatalog(changesCatalog);
  const qc = useQueryClient();
  const { message } = useFeedback();
  const refresh = () => qc.invalidateQueries({ queryKey: changeKey(change.id) });
  const files: AttachmentOps = {
    // A replacement takes the place of the one file of its kind (mode=replace); next to others, it is added and the
    // old one removed, so the rest of that kind stay.
    upload: async (kind, file, onProgress, replaceId) => {
      const sameKind = change.attachments.filter((a) => a.kind === kind);
      if (replaceId && sameKind.length === 1)
        return uploadChangeAttachment(change.id, kind, file, 'replace', onProgress);
      const added = await uploadChangeAttachment(change.id, kind, file, 'add', onProgress);
      if (replaceId) await deleteChangeAttachment(change.id, replaceId);
      return added;
    },
    remove: (attachmentId) => deleteChangeAttachment(change.id, attachmentId),
    url: (attachmentId, inline) => changeAttachmentUrl(change.id, attachmentId, inline),
    refresh,
  };
  const blocked = change.stale
    ? t('editor.staleBlocked', { current: change.currentVersion ?? '—', base: change.baseVersion })
    : change.diff.length === 0
      ? t('editor.nothingChanged')
      : null;
  return (
    <>
      <BackLink change={change} />
      <StepEditor
        subject={{
          id: change.id,
          filingId: change.filingId,
          data: change.form,
          attachments: change.attachments,
          updatedAt: change.updatedAt,
        }}
        files={files}
        correction={change.correction}
        save={async (draft) => {
          qc.setQueryData(changeKey(change.id), await saveChange(change.id, draft));
        }}
        submit={async () => {
          const submitted = await submitChange(change.id);
          qc.setQueryData(changeKey(change.id), submitted);
          await qc.invalidateQueries({ queryKey: filingKey(change.filingId) });
          await qc.invalidateQueries({ queryKey: filingsKey, exact: true });
          message.success(t('editor.submitted', { date: formatDate(submitted.dueDate) || '—' }));
          window.scrollTo({ top: 0 });
        }}
        texts={{
          title: change.status === 'correction_requested' ? t('editor.titleCorrection') : t('editor.title'),
          submit: t('editor.submit'),
        }}
        banner={<ChangeBanner change={change} />}
        confirmExtra={diffOf(change)}
        submitBlocked={blocked}
      />
    </>
  );
}

/** A change that can no longer be edited: its state, the diff it made or proposes, its files. */
function ChangeView({ change }: { change: ChangeDetail }) {
  const { t } = useCatalog(changesCatalog);
  const { lang } = useI18n();
  const state =
    change.status === 'approved'
      ? { type: 'success' as const, text: t('readonly.approved', { version: change.appliedVersion ?? '—' }) }
      : change.status === 'cancelled'
        ? {
            type: 'info' as const,
            text: change.cancelReason
              ? t('readonly.cancelledReason', { reason: change.cancelReason })
              : t('readonly.cancelled'),
          }
        : change.status === 'submitted'
          ? { type: 'info' as const, text: t('readonly.submitted') }
          : { type: 'info' as const, text: t('editor.notOpen') };
  return (
    <>
      <BackLink change={change} />
      <Card
        title={
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('editor.titleView')}
            </Typography.Title>
            <Typography.Text type="secondary">{change.platformName}</Typography.Text>
          </Space>
        }
        data-testid="change-view"
      >
        <Alert type={state.type} showIcon style={{ marginBottom: 16 }} title={state.text} data-testid="change-state" />
        <ChangeBanner change={change} />
        {diffOf(change)}
        <Typography.Title level={5}>{t('readonly.attachments')}</Typography.Title>
        <List
          bordered
          size="small"
          dataSource={change.attachments}
          locale={{ emptyText: t('readonly.noAttachments') }}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a key="dl" href={changeAttachmentUrl(change.id, a.id)} download={a.fileName}>
                  <DownloadOutlined /> {t('readonly.download')}
                </a>,
              ]}
            >
              <List.Item.Meta
                title={a.fileName}
                description={`${fieldLabel(`attachments.${a.kind}`, lang)} · ${formatSize(a.size)} · SM3 ${a.sm3.slice(0, 16)}…`}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
