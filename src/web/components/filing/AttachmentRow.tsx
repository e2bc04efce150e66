/**
 * One uploaded file, as the applicant's upload lists and the reviewer's proofs show it: its name (a download), size,
 * when it came, and its digest behind a plain-language label; the page adds its buttons.
 */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { List, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { AttachmentView } from '../../../shared/api/common.js';
import { filingViewCatalog } from '../../../shared/i18n/locales/filingView.js';
import { formatDateTime, formatSize } from '../../lib/format.js';
import { useCatalog } from '../../lib/i18n.js';
import { Tooltip } from '../overlays/overlays.js';

/** What the row shows of an attachment (shared/api/common.ts), or of a complaint's evidence (no upload time). */
export type AttachmentFile = Pick<AttachmentView, 'id' | 'fileName' | 'size' | 'sm3'> &
  Partial<Pick<AttachmentView, 'uploadedAt'>>;

export function AttachmentRow({ file, href, actions }: { file: AttachmentFile; href: string; actions: ReactNode[] }) {
  const { t } = useCatalog(filingViewCatalog);
  return (
    <List.Item actions={actions} data-testid="attachment-row">
      <List.Item.Meta
        title={
          <a href={href} download={file.fileName} style={{ wordBreak: 'break-all' }} data-user-data>
            {file.fileName}
          </a>
        }
        description={
          <Space size="middle" wrap>
            <span>{formatSize(file.size)}</span>
            {file.uploadedAt && <span>{t('file.uploadedAt', { date: formatDateTime(file.uploadedAt) })}</span>}
            <Tooltip title={t('file.fingerprintHint', { sm3: file.sm3 })}>
              <Typography.Text type="secondary" copyable={{ text: file.sm3 }}>
                <SafetyCertificateOutlined /> {t('file.fingerprint')}
              </Typography.Text>
            </Tooltip>
          </Space>
        }
      />
    </List.Item>
  );
}
