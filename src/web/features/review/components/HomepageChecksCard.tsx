/** A filing's homepage checks for staff (Article 5, SPEC §10): run one now, the latest evidence, the history. */
import { Alert, Button, Descriptions, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { monitorCatalog } from '../../../../shared/i18n/locales/monitor.js';
import { HomepageReason } from '../../../components/HomepageReason.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import {
  evidenceUrl,
  type HomepageCheckView,
  screenshotUrl,
  useHomepageChecks,
  useRunHomepageCheck,
} from '../api/homepageChecks.js';

const COLOURS: Record<HomepageCheckView['result'], string> = {
  compliant: 'green',
  missing: 'red',
  unreachable: 'orange',
  manual_review: 'blue',
};

export function HomepageChecksCard({ filingId }: { filingId: string }) {
  const { t } = useCatalog(monitorCatalog);
  const errorText = useApiErrorText();
  const checks = useHomepageChecks(filingId);
  const run = useRunHomepageCheck(filingId);
  if (checks.isPending) return <Spin />;
  const list = checks.data?.checks ?? [];
  const latest = list[0];
  const monitor = checks.data?.monitor;
  return (
    <div data-testid="homepage-checks">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button type="primary" loading={run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? t('running') : t('runNow')}
        </Button>
        {run.isError && <Alert type="error" showIcon message={t('failed', { message: errorText(run.error) })} />}
        {monitor?.flaggedAt && (
          <Alert type="warning" showIcon message={t('flagged', { count: monitor.consecutiveMisses })} />
        )}
        {!latest && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />}
        {latest && (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('checkedAt')}>
              <Tag color={COLOURS[latest.result]}>{t(`result.${latest.result}`)}</Tag>{' '}
              {formatDateTime(latest.checkedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('evidence.reason')}>
              <HomepageReason reason={latest.reason} />
            </Descriptions.Item>
            <Descriptions.Item label={t('evidence.finalUrl')}>
              <Typography.Text style={{ wordBreak: 'break-all' }}>{latest.finalUrl}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('evidence.status')}>{latest.httpStatus || '—'}</Descriptions.Item>
            {latest.evidence.redirects.length > 0 && (
              <Descriptions.Item label={t('evidence.redirects')}>
                {latest.evidence.redirects.map((r) => `${r.status} → ${r.location}`).join('\n')}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('evidence.charset')}>{latest.evidence.charset ?? '—'}</Descriptions.Item>
            {latest.evidence.excerpt && (
              <Descriptions.Item label={t('evidence.excerpt')}>{latest.evidence.excerpt}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('evidence.sm3')}>
              <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {latest.evidence.sm3 ?? '—'}
              </Typography.Text>
            </Descriptions.Item>
            {latest.securityTxt && (
              <Descriptions.Item label={t('evidence.securityTxt')}>
                {latest.securityTxt.findings.length === 0
                  ? t('evidence.securityTxtOk')
                  : latest.securityTxt.findings.map((f) => (
                      <div key={f.code}>
                        <Tag color={f.level === 'error' ? 'red' : 'gold'}>{f.code}</Tag>
                        {f.message}
                      </div>
                    ))}
              </Descriptions.Item>
            )}
            {latest.screenshot && (
              <Descriptions.Item label={t('evidence.screenshot')}>
                <img
                  src={screenshotUrl(filingId, latest.id)}
                  alt={t('evidence.screenshot')}
                  style={{ maxWidth: '100%', border: '1px solid #eee' }}
                />
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {latest && (
          <a href={evidenceUrl(filingId, latest.id)} download data-testid="homepage-evidence-download">
            {t('download')}
          </a>
        )}
        {monitor && !monitor.flaggedAt && (
          <Typography.Text type="secondary">{t('misses', { count: monitor.consecutiveMisses })}</Typography.Text>
        )}
        {list.length > 1 && (
          <List
            size="small"
            dataSource={list.slice(1)}
            renderItem={(c) => (
              <List.Item data-testid="homepage-check-row">
                <Space size={8} wrap>
                  <Tag color={COLOURS[c.result]}>{t(`result.${c.result}`)}</Tag>
                  <Typography.Text type="secondary">
                    {formatDateTime(c.checkedAt)} · {t(`trigger.${c.trigger}`)} ·
                  </Typography.Text>
                  <HomepageReason reason={c.reason} />
                  <a href={evidenceUrl(filingId, c.id)} download>
                    {t('download')}
                  </a>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Space>
    </div>
  );
}
