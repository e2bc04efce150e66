/**
 * The documents of a filing on its status page: the 登记表 (附件1, with the filing's data) at any time; once filed,
 * the 备案证明 and the snippet that shows the number, linked to the public record, at the bottom of the homepage.
 */
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { footerSnippet, publicFilingUrl } from '../../../../shared/filing/publicRecord.js';
import { filingStatusCatalog } from '../../../../shared/i18n/locales/filingStatus.js';
import { useCatalog } from '../../../lib/i18n.js';
import { type Filing, filingDocumentUrl, hasCertificate } from '../api/filings.js';

export function FilingDocuments({ f }: { f: Filing }) {
  const { t } = useCatalog(filingStatusCatalog);
  const certified = hasCertificate(f) && f.filingNumber;
  const snippet = certified ? footerSnippet(publicFilingUrl(window.location.origin, certified), certified) : null;
  return (
    <Card size="small" title={t('documents.title')} style={{ marginBottom: 24 }} data-testid="filing-documents">
      <Space wrap>
        <Button icon={<FilePdfOutlined />} href={filingDocumentUrl(f.id, 'registration.pdf')}>
          {t('documents.registration')}
        </Button>
        {certified && (
          <Button type="primary" icon={<DownloadOutlined />} href={filingDocumentUrl(f.id, 'certificate.pdf')}>
            {t('documents.certificate')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('documents.privacy')}
      </Typography.Paragraph>
      {snippet && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t('documents.footerTitle')}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{t('documents.footerHelp')}</Typography.Paragraph>
              <Typography.Paragraph
                code
                copyable={{ text: snippet, tooltips: [t('documents.copy'), t('documents.copied')] }}
                style={{ marginBottom: 0, wordBreak: 'break-all' }}
                data-testid="footer-snippet"
                // HTML to paste into the homepage: code, not words to translate.
                translate="no"
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
