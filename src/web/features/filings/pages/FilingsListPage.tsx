import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { filingStatusCatalog } from '../../../../shared/i18n/locales/filingStatus.js';
import { Popconfirm } from '../../../components/overlays/overlays.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { paths } from '../../../config/paths.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import { useDeleteDraft, useNewFiling } from '../api/drafts.js';
import { type FilingSummary, useMyFilings } from '../api/filings.js';
import { DueText } from '../components/DueText.js';

export function FilingsListPage() {
  const { t } = useI18n();
  const { t: ts } = useCatalog(filingStatusCatalog);
  const filings = useMyFilings();
  // 新建备案 goes back to an empty draft if there is one, rather than starting another on every click.
  const create = useNewFiling();
  const remove = useDeleteDraft();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const onCreate = () =>
    create.mutate(undefined, {
      onSuccess: (f) => navigate(paths.filingEdit(f.id)),
      onError: (err) => message.error(err.message),
    });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.myFilings}
        </Typography.Title>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} loading={create.isPending}>
          {t.newFiling}
        </Button>
      }
    >
      <Table<FilingSummary>
        rowKey="id"
        loading={filings.isPending}
        dataSource={filings.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t.emptyFilings} /> }}
        columns={[
          {
            title: t.platformName,
            render: (_, f) => <Link to={paths.filing(f.id)}>{f.platformName || t.unnamed}</Link>,
          },
          { title: t.status, render: (_, f) => <StatusTag status={f.status} /> },
          { title: t.filingNumber, render: (_, f) => f.filingNumber ?? '—' },
          { title: t.dueDate, render: (_, f) => (f.due ? <DueText due={f.due} bare /> : '—') },
          { title: t.updatedAt, render: (_, f) => formatDateTime(f.updatedAt) },
          {
            title: t.actions,
            render: (_, f) => (
              <Space wrap>
                {f.status === 'draft' && <Link to={paths.filingEdit(f.id)}>{ts('actions.continue')}</Link>}
                {f.status === 'correction_requested' && (
                  <Link to={paths.filingEdit(f.id)}>{ts('actions.correct')}</Link>
                )}
                <Link to={paths.filing(f.id)}>{t.view}</Link>
                {f.status === 'draft' && (
                  <Popconfirm
                    title={ts('actions.removeConfirm')}
                    okText={ts('actions.removeOk')}
                    okButtonProps={{ danger: true }}
                    cancelText={ts('actions.cancel')}
                    onConfirm={() =>
                      remove.mutate(f.id, {
                        onSuccess: () => message.success(ts('actions.removed')),
                        onError: (err) => message.error(err.message),
                      })
                    }
                  >
                    <Button type="link" danger size="small" style={{ padding: 0 }}>
                      {ts('actions.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
