/** A filing's status: where it stands on the way through review, with the due date and what comes next. */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Space, Spin, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { RouteError } from '../../../components/RouteError.js';
import { paths } from '../../../config/paths.js';
import { formatDateTime as fmt } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import { type Filing, filingKey, filingsKey, useFiling, withdrawFiling } from '../api/filings.js';
import { DueText } from '../components/DueText.js';
import { StatusTag } from '../components/StatusTag.js';

function timelineItems(f: Filing) {
  const items: { color?: string; content: React.ReactNode }[] = [
    { color: 'green', content: <>创建备案草稿　{fmt(f.createdAt)}</> },
  ];
  if (f.status === 'draft') {
    items.push({ color: 'gray', content: '填写《备案登记表》，上传证明材料和签字盖章的承诺书扫描件，提交备案' });
    return items;
  }
  items.push({
    color: 'green',
    content: (
      <>
        提交备案，收到日期 {f.receivedDate}　{fmt(f.submittedAt)}
      </>
    ),
  });
  if (f.status === 'submitted') {
    items.push({
      color: f.due?.overdue ? 'red' : 'blue',
      content: (
        <Space direction="vertical" size={0}>
          <span>工业和信息化部核查备案信息</span>
          {f.due && <DueText due={f.due} />}
        </Space>
      ),
    });
    items.push({
      color: 'gray',
      content: '信息真实、完整的，予以备案并发放备案编号，通报公安部和国家网信办，向社会公布',
    });
    items.push({ color: 'gray', content: '信息不真实、不完整的，通知补正' });
    items.push({ color: 'gray', content: '完成备案后，在平台网站主页底部标明备案编号' });
  } else if (f.status === 'withdrawn') {
    items.push({ color: 'gray', content: <>已撤回　{fmt(f.updatedAt)}</> });
  }
  return items;
}

export function FilingStatusPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
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
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {f.data.platform?.name || t.unnamed}
          </Typography.Title>
          <StatusTag status={f.status} />
        </Space>
      }
      extra={
        <Space>
          {can('update') && (
            <Link to={paths.filingEdit(f.id)}>
              <Button type="primary">{t.edit}</Button>
            </Link>
          )}
          {can('withdraw') && (
            <Popconfirm
              title="撤回后本次申请终止，确定撤回？"
              okText="撤回"
              cancelText="取消"
              onConfirm={async () => {
                const updated = await withdrawFiling(f.id);
                qc.setQueryData(filingKey(f.id), updated);
                await qc.invalidateQueries({ queryKey: filingsKey, exact: true });
                message.success('已撤回');
              }}
            >
              <Button danger>撤回申请</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 24 }}
        items={[
          { key: 'num', label: t.filingNumber, children: f.filingNumber ?? '（审核通过后发放）' },
          { key: 'home', label: '网站首页', children: f.data.platform?.homepageUrl ?? '—' },
          { key: 'due', label: t.dueDate, children: f.due ? <DueText due={f.due} bare /> : '—' },
          {
            key: 'late',
            label: '备案时限（第八条）',
            children: f.late ? <Typography.Text type="warning">逾期备案</Typography.Text> : '—',
          },
        ]}
      />
      <Timeline items={timelineItems(f)} />
      {f.status === 'draft' && !f.completeness.complete && (
        <Typography.Paragraph type="secondary">尚有 {f.completeness.errors.length} 项待完善。</Typography.Paragraph>
      )}
    </Card>
  );
}
