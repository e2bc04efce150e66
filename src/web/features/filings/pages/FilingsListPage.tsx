import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { StatusTag } from '../../../components/StatusTag.js';
import { paths } from '../../../config/paths.js';
import { formatDateTime } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import { type FilingSummary, useCreateFiling, useMyFilings } from '../api/filings.js';
import { DueText } from '../components/DueText.js';

const EDITABLE = ['draft', 'correction_requested'];

export function FilingsListPage() {
  const { t } = useI18n();
  const filings = useMyFilings();
  const create = useCreateFiling();
  const navigate = useNavigate();
  const { message } = App.useApp();
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
              <Space>
                {EDITABLE.includes(f.status) && <Link to={paths.filingEdit(f.id)}>{t.edit}</Link>}
                <Link to={paths.filing(f.id)}>{t.view}</Link>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
