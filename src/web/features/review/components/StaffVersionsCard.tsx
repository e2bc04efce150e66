/** Every approved version of a filing for staff (SPEC §8), and the field-by-field diff between any two of them. */
import { Empty, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { reviewLifecycleCatalog } from '../../../../shared/i18n/locales/reviewLifecycle.js';
import { DiffTable } from '../../../components/DiffTable.js';
import { paths } from '../../../config/paths.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useStaffVersions, useVersionDiff } from '../api/lifecycle.js';

export function StaffVersionsCard({ filingId }: { filingId: string }) {
  const { t } = useCatalog(reviewLifecycleCatalog);
  const versions = useStaffVersions(filingId, true);
  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const latest = list[0]?.version ?? null;
  useEffect(() => {
    if (latest !== null && latest > 1) {
      setTo((v) => v ?? latest);
      setFrom((v) => v ?? latest - 1);
    }
  }, [latest]);
  const diff = useVersionDiff(filingId, from, to);
  if (versions.isPending) return <Spin />;
  if (!list.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('versions.none')} />;
  const options = list.map((v) => ({ value: v.version, label: t('versions.version', { version: v.version }) }));
  return (
    <div data-testid="staff-versions">
      <List
        size="small"
        dataSource={list}
        renderItem={(v) => (
          <List.Item data-testid="staff-version-row">
            <Space direction="vertical" size={0}>
              <Space size={8}>
                <Typography.Text strong>{t('versions.version', { version: v.version })}</Typography.Text>
                {v.current && <Tag color="green">{t('versions.current')}</Tag>}
              </Space>
              <Typography.Text type="secondary">
                {v.changeId ? (
                  <Link to={paths.reviewChange(v.changeId)}>{t('versions.change', { date: v.changeDate ?? '—' })}</Link>
                ) : (
                  t('versions.first')
                )}{' '}
                · {formatDateTime(v.approvedAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {list.length > 1 && (
        <div style={{ marginTop: 12 }}>
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text>{t('versions.compare')}</Typography.Text>
            <Select
              size="small"
              aria-label={t('versions.from')}
              style={{ width: 110 }}
              value={from}
              options={options}
              onChange={setFrom}
            />
            →
            <Select
              size="small"
              aria-label={t('versions.to')}
              style={{ width: 110 }}
              value={to}
              options={options}
              onChange={setTo}
            />
          </Space>
          {from !== null && to !== null && from !== to && diff.data && (
            <DiffTable diff={diff.data} title={t('versions.diffTitle', { from, to })} compact />
          )}
        </div>
      )}
    </div>
  );
}
