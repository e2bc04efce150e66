/**
 * A filing's public record (Article 5 向社会公布): where the QR code of the 备案证明 and the number at the bottom of a
 * platform's homepage lead. Open to anyone; shows only what the public registry publishes.
 */
import { Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { RouteError } from '../../../components/RouteError.js';
import { ApiError } from '../../../lib/api.js';
import { type PublicFiling, usePublicFiling } from '../api/publicFilings.js';

const STATUS_COLORS: Record<PublicFiling['status'], string> = {
  valid: 'success',
  deregistered: 'default',
  revoked: 'error',
};

const external = (url: string) =>
  /^https?:\/\//i.test(url) ? (
    <Typography.Link href={url} target="_blank" rel="noopener noreferrer nofollow">
      {url}
    </Typography.Link>
  ) : (
    url
  );

export function PublicFilingPage() {
  const { filingNumber = '' } = useParams();
  const filing = usePublicFiling(filingNumber);
  if (filing.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (filing.error) {
    if (filing.error instanceof ApiError && filing.error.status === 404)
      return (
        <Result
          status="404"
          title="未找到该备案编号"
          subTitle={`没有编号为“${filingNumber}”的备案信息，请核对备案编号。`}
          data-testid="public-filing-not-found"
        />
      );
    return <RouteError error={filing.error} />;
  }
  const f = filing.data;
  return (
    <Card
      data-testid="public-filing"
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {f.platformName}
          </Typography.Title>
          <Tag color={STATUS_COLORS[f.status]} data-testid="public-status">
            {f.statusLabel}
          </Tag>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        网络产品安全漏洞收集平台备案信息公示（《网络产品安全漏洞收集平台备案管理办法》第五条）
      </Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'number', label: '备案编号', children: <Typography.Text strong>{f.filingNumber}</Typography.Text> },
          { key: 'status', label: '备案状态', children: f.statusLabel },
          { key: 'name', label: '漏洞收集平台名称', children: f.platformName },
          { key: 'home', label: '网站首页网址', children: external(f.homepageUrl) },
          { key: 'icp', label: 'ICP备案号', children: f.icpNumber },
          {
            key: 'urls',
            label: '发布漏洞的相关网址',
            children: f.publishUrls.length ? (
              <Space direction="vertical" size={0}>
                {f.publishUrls.map((u) => (
                  <span key={u}>{external(u)}</span>
                ))}
              </Space>
            ) : (
              '—'
            ),
          },
          {
            key: 'social',
            label: '发布漏洞的社交软件公众号',
            children: f.socialAccounts.length ? f.socialAccounts.map((s) => `${s.app}：${s.account}`).join('；') : '—',
          },
          { key: 'sponsor', label: '主办单位或主办个人', children: `${f.sponsorName}（${f.sponsorTypeLabel}）` },
          { key: 'date', label: '备案日期', children: f.filingDate },
          ...(f.lastChangeDate ? [{ key: 'changed', label: '最近变更日期', children: f.lastChangeDate }] : []),
        ]}
      />
    </Card>
  );
}
