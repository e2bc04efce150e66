/**
 * The documents of a filing on its status page: the 登记表 (附件1, with the filing's data) at any time; once filed,
 * the 备案证明 and the snippet that shows the number, linked to the public record, at the bottom of the homepage.
 */
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { footerSnippet, publicFilingUrl } from '../../../../shared/filing/publicRecord.js';
import { type Filing, filingDocumentUrl, hasCertificate } from '../api/filings.js';

export function FilingDocuments({ f }: { f: Filing }) {
  const certified = hasCertificate(f) && f.filingNumber;
  const snippet = certified ? footerSnippet(publicFilingUrl(window.location.origin, certified), certified) : null;
  return (
    <Card size="small" title="备案文书" style={{ marginBottom: 24 }} data-testid="filing-documents">
      <Space wrap>
        <Button icon={<FilePdfOutlined />} href={filingDocumentUrl(f.id, 'registration.pdf')}>
          下载登记表
        </Button>
        {certified && (
          <Button type="primary" icon={<DownloadOutlined />} href={filingDocumentUrl(f.id, 'certificate.pdf')}>
            下载备案证明
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        登记表（附件1）含主办者证件号码和人员联系方式，请妥善保管。
      </Typography.Paragraph>
      {snippet && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title="请在网站主页底部位置标明备案编号（第五条）"
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                可将以下代码加入网站主页底部，备案编号链接到公示的备案信息：
              </Typography.Paragraph>
              <Typography.Paragraph
                code
                copyable={{ text: snippet, tooltips: ['复制代码', '已复制'] }}
                style={{ marginBottom: 0, wordBreak: 'break-all' }}
                data-testid="footer-snippet"
              >
                {snippet}
              </Typography.Paragraph>
            </>
          }
        />
      )}
    </Card>
  );
}
