/**
 * The status page after approval (SPEC §8): the versions of the record (each approval and applied change), the history
 * of what the public registry showed (filed, changed, deregistered, revoked), built from the versions, the latest
 * deregistration and the revocation the API already returns, and the Article 8 notice on going live.
 */
import { Alert, Card, Empty, List, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { changesCatalog } from '../../../../shared/i18n/locales/changes.js';
import { paths } from '../../../config/paths.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useVersions, type VersionSummary } from '../api/changes.js';
import type { Filing } from '../api/filings.js';

export function VersionsCard({ f, versions }: { f: Filing; versions: VersionSummary[] | undefined }) {
  const { t } = useCatalog(changesCatalog);
  if (!f.filingNumber) return null;
  return (
    <Card size="small" title={t('versions.title')} style={{ marginBottom: 24 }} data-testid="versions-card">
      <Typography.Paragraph type="secondary">{t('versions.intro')}</Typography.Paragraph>
      {!versions?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('versions.empty')} />
      ) : (
        <List
          size="small"
          dataSource={[...versions].sort((a, b) => b.version - a.version)}
          renderItem={(v) => (
            <List.Item data-testid="version-row">
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    <Typography.Text strong>{t('versions.version', { version: v.version })}</Typography.Text>
                    {v.current && <Tag color="green">{t('versions.current')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    {v.changeId
                      ? t('versions.change', { date: v.changeDate ? formatDate(v.changeDate) : '—' })
                      : t('versions.first')}{' '}
                    · {t('versions.approvedAt')} {formatDateTime(v.approvedAt)}
                    {v.changeId && (
                      <>
                        {' · '}
                        <Link to={paths.change(v.changeId)}>{t('versions.viewChange')}</Link>
                      </>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

interface HistoryItem {
  at: string;
  color: string;
  text: React.ReactNode;
}

export function PublicHistoryCard({ f, versions }: { f: Filing; versions: VersionSummary[] | undefined }) {
  const { t } = useCatalog(changesCatalog);
  if (!f.filingNumber || !f.record) return null;
  const items: HistoryItem[] = [];
  for (const v of versions ?? []) {
    items.push(
      v.version === 1
        ? { at: v.approvedAt, color: 'green', text: t('history.filed', { number: f.filingNumber }) }
        : { at: v.approvedAt, color: 'blue', text: t('history.changed', { version: v.version }) },
    );
  }
  const d = f.deregistration;
  if (d?.status === 'done') {
    items.push({ at: d.carriedOutAt ?? d.requestedAt, color: 'gray', text: t('history.deregistered') });
  }
  if (f.record.revokedAt) {
    items.push({
      at: f.record.revokedAt,
      color: 'red',
      text: (
        <>
          {t('history.revoked')}
          {f.record.revocationReason && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {t('history.revokedReason', { reason: f.record.revocationReason })}
            </Typography.Paragraph>
          )}
        </>
      ),
    });
  }
  items.sort((a, b) => a.at.localeCompare(b.at));
  // What is pending is not public yet: said at the end, without a date.
  const pending: string[] = [];
  if (f.openChange?.status === 'submitted') pending.push(t('history.changePending'));
  if (d?.status === 'scheduled') pending.push(t('history.deregistrationScheduled', { date: d.terminationDate }));
  return (
    <Card size="small" title={t('history.title')} style={{ marginBottom: 24 }} data-testid="public-history">
      <Space size={8} wrap style={{ marginBottom: 8 }}>
        <Tag
          color={f.record.publicStatus === 'valid' ? 'green' : f.record.publicStatus === 'revoked' ? 'red' : 'default'}
          data-testid="public-status"
        >
          {t('history.publicStatus', {
            status: t(`history.status.${f.record.publicStatus}` as 'history.status.valid'),
          })}
        </Tag>
        <Link to={paths.publicFiling(f.filingNumber)}>{t('history.openPublic')}</Link>
      </Space>

      <Typography.Paragraph type="secondary">{t('history.intro')}</Typography.Paragraph>
      <Timeline
        items={[
          ...items.map((i) => ({
            color: i.color,
            content: (
              <>
                <Typography.Text type="secondary">{formatDateTime(i.at)}</Typography.Text>　{i.text}
              </>
            ),
          })),
          ...pending.map((p) => ({ color: 'gray', content: p })),
        ]}
      />
    </Card>
  );
}

const ARTICLE8_TYPES: Record<string, 'info' | 'warning' | 'success' | 'error'> = {
  online_late: 'warning',
  online_on_time: 'success',
  may_launch: 'success',
  launch_past: 'error',
  launch_near: 'warning',
  launch_planned: 'info',
};

export function Article8Notice({ f }: { f: Filing }) {
  const { t } = useCatalog(changesCatalog);
  const a8 = f.article8;
  if (!a8 || !(a8.state in ARTICLE8_TYPES)) return null;
  // A filing that ended (withdrawn, deregistered, revoked) has nothing more to say about going live.
  if (!['draft', 'submitted', 'correction_requested', 'approved'].includes(f.status)) return null;
  // Once the platform is filed and online on time there is nothing to tell.
  if (a8.state === 'online_on_time' && f.filingNumber) return null;
  return (
    <Alert
      type={ARTICLE8_TYPES[a8.state]}
      showIcon
      style={{ marginBottom: 24 }}
      data-testid="article8-notice"
      title={t('article8.title')}
      description={t(`article8.${a8.state}` as 'article8.launch_planned', { date: a8.launchDate ?? '—' })}
    />
  );
}

export function RevokedNotice({ f }: { f: Filing }) {
  const { t } = useCatalog(changesCatalog);
  if (f.status !== 'revoked' || !f.record?.revokedAt) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 24 }}
      data-testid="revoked-notice"
      title={t('revoked.title')}
      description={
        <>
          {t('revoked.body', { date: formatDateTime(f.record.revokedAt) })}
          {f.record.revocationReason && (
            <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
              {t('revoked.reason', { reason: f.record.revocationReason })}
            </Typography.Paragraph>
          )}
        </>
      }
    />
  );
}

/** The versions and public history, loaded once for both cards. */
export function AfterApprovalCards({ f }: { f: Filing }) {
  const versions = useVersions(f.id, !!f.filingNumber);
  if (!f.filingNumber) return null;
  return (
    <>
      <PublicHistoryCard f={f} versions={versions.data} />
      <VersionsCard f={f} versions={versions.data} />
    </>
  );
}
