import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { commonCatalog } from '../../../../shared/i18n/locales/common.js';
import { filingStatusCatalog } from '../../../../shared/i18n/locales/filingStatus.js';
import { Popconfirm } from '../../../components/overlays/overlays.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { paths } from '../../../config/paths.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useDeleteDraft, useNewFiling } from '../api/drafts.js';
import { type FilingSummary, useMyFilings } from '../api/filings.js';
import { DueText } from '../components/DueText.js';

export function FilingsListPage() {
  const { t } = useCatalog(commonCatalog);
  const { t: ts } = useCatalog(filingStatusCatalog);
  const filings = useMyFilings();
  // 新建备案 goes back to an empty draft if there is one, rather than starting another on every click.
  const create = useNewFiling();
  const remove = useDeleteDraft();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const errorText = useApiErrorText();
  const onCreate = () =>
    create.mutate(undefined, {
      onSuccess: (f) => navigate(paths.filingEdit(f.id)),
      onError: (err) => message.error(errorText(err)),
    });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.myFilings')}
        </Typography.Title>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} loading={create.isPending}>
          {t('filing.newFiling')}
        </Button>
      }
    >
      <Table<FilingSummary>
        rowKey="id"
        loading={filings.isPending}
        dataSource={filings.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('filing.emptyFilings')} /> }}
        columns={[
          {
            title: t('filing.platformName'),
            render: (_, f) => <Link to={paths.filing(f.id)}>{f.platformName || t('filing.unnamed')}</Link>,
          },
          { title: t('words.status'), render: (_, f) => <StatusTag status={f.status} /> },
          { title: t('filing.filingNumber'), render: (_, f) => f.filingNumber ?? '—' },
          { title: t('filing.dueDate'), render: (_, f) => (f.due ? <DueText due={f.due} bare /> : '—') },
          { title: t('words.updatedAt'), render: (_, f) => formatDateTime(f.updatedAt) },
          {
            title: t('words.actions'),
            render: (_, f) => (
              <Space wrap>
                {f.status === 'draft' && <Link to={paths.filingEdit(f.id)}>{ts('actions.continue')}</Link>}
                {f.status === 'correction_requested' && (
                  <Link to={paths.filingEdit(f.id)}>{ts('actions.correct')}</Link>
                )}
                <Link to={paths.filing(f.id)}>{t('words.view')}</Link>
                {f.status === 'draft' && (
                  <Popconfirm
                    title={ts('actions.removeConfirm')}
                    okText={ts('actions.removeOk')}
                    okButtonProps={{ danger: true }}
                    cancelText={ts('actions.cancel')}
                    onConfirm={() =>
                      remove.mutate(f.id, {
                        onSuccess: () => message.success(ts('actions.removed')),
                        onError: (err) => message.error(errorText(err)),
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
