/** A filing's status: where it stands on the way through review, with the due date and what comes next. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { FieldPath } from '../../../../shared/filing/labels.js';
import { RouteError } from '../../../components/RouteError.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { paths } from '../../../config/paths.js';
import { formatDateTime as fmt } from '../../../lib/format.js';
import { useI18n } from '../../../lib/i18n.js';
import { type Filing, filingKey, filingsKey, useFiling, withdrawFiling } from '../api/filings.js';
import { AfterApprovalCards, Article8Notice, RevokedNotice } from '../components/AfterApprovalCards.js';
import { DueText } from '../components/DueText.js';
import { FilingDocuments } from '../components/FilingDocuments.js';
import { LifecyclePanel } from '../components/LifecyclePanel.js';

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
  } else if (f.status === 'correction_requested') {
    items.push({
      color: 'orange',
      content: <>工业和信息化部通知补正　{fmt(f.correction?.createdAt)}</>,
    });
    items.push({ color: 'gray', content: '按补正通知修改备案信息后重新提交，重新计算 10 个工作日的审核期限' });
  } else if (f.status === 'approved' || f.status === 'deregistered' || f.status === 'revoked') {
    items.push({
      color: 'green',
      content: (
        <>
          予以备案，发放备案编号 {f.filingNumber}　{fmt(f.approvedAt)}
        </>
      ),
    });
    items.push({ color: 'green', content: '备案信息已通报公安部和国家网信办，并向社会公布' });
    if (f.status === 'deregistered') {
      items.push({ color: 'gray', content: <>已注销备案　{fmt(f.record?.deregisteredAt)}</> });
    } else if (f.status === 'revoked') {
      items.push({ color: 'red', content: <>备案已被撤销　{fmt(f.record?.revokedAt)}</> });
    }
  } else if (f.status === 'withdrawn') {
    items.push({ color: 'gray', content: <>已撤回　{fmt(f.updatedAt)}</> });
  }
  return items;
}

/** The open correction notice: what the reviewer asked for, field by field, and the way back into the editor. */
function CorrectionAlert({ f }: { f: Filing }) {
  const { label } = useI18n();
  if (!f.correction) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="correction-notice"
      style={{ marginBottom: 24 }}
      title={`补正通知（${fmt(f.correction.createdAt)}）：请按以下意见修改后重新提交`}
      description={
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
            {f.correction.summary}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {f.correction.items.map((i) => (
              <li key={`${i.field}:${i.message}`}>
                <Typography.Text strong>{label(i.field as FieldPath) ?? i.field}</Typography.Text>：{i.message}
              </li>
            ))}
          </ul>
        </>
      }
      action={
        f.allowedActions.includes('update') && (
          <Link to={paths.filingEdit(f.id)}>
            <Button type="primary">修改并重新提交</Button>
          </Link>
        )
      }
    />
  );
}

/** After approval: the number, and Article 5's duty to show it at the bottom of the platform's homepage. */
function ApprovedBanner({ f }: { f: Filing }) {
  if (f.status !== 'approved' || !f.filingNumber) return null;
  return (
    <Result
      status="success"
      style={{ padding: '8px 0 24px' }}
      title="已予以备案"
      subTitle={
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text type="secondary">备案编号</Typography.Text>
          <Typography.Title level={2} style={{ margin: 0 }} copyable data-testid="filing-number">
            {f.filingNumber}
          </Typography.Title>
          <Alert
            type="info"
            showIcon
            style={{ textAlign: 'start', maxWidth: 640, margin: '8px auto 0' }}
            title="请在平台网站主页底部标明备案编号"
            description={
              <>
                依据《网络产品安全漏洞收集平台备案管理办法》第五条，完成备案的漏洞收集平台应当在其网站主页
                {f.data.platform?.homepageUrl && <>（{f.data.platform.homepageUrl}）</>}底部标明备案编号：
                <Typography.Text code>{f.filingNumber}</Typography.Text>
              </>
            }
          />
        </Space>
      }
    />
  );
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
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>
            {f.data.platform?.name || t.unnamed}
          </Typography.Title>
          <StatusTag status={f.status} />
        </Space>
      }
      extra={
        <Space>
          {can('update') && !f.correction && (
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
      <ApprovedBanner f={f} />
      <RevokedNotice f={f} />
      <CorrectionAlert f={f} />
      <Article8Notice f={f} />
      <LifecyclePanel f={f} />
      <AfterApprovalCards f={f} />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
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
      <FilingDocuments f={f} />
      <Timeline items={timelineItems(f)} />
      {f.status === 'draft' && !f.completeness.complete && (
        <Typography.Paragraph type="secondary">尚有 {f.completeness.errors.length} 项待完善。</Typography.Paragraph>
      )}
    </Card>
  );
}
