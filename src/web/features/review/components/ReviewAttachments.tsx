/** The proofs, listed by kind, each with an inline preview (PDF in a frame, images as they are) and a download. */
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Empty, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ATTACHMENT_KINDS } from '../../../../shared/attachments.js';
import { AttachmentRow } from '../../../components/filing/AttachmentRow.js';
import { useI18n, useMessages } from '../../../lib/i18n.js';
import { fieldLabel } from '../../../lib/labels.js';
import { type ReviewAttachment, reviewAttachmentUrl } from '../api/review.js';
import { REVIEW_MESSAGES } from '../messages.js';

const previewable = (a: ReviewAttachment) => a.mime === 'application/pdf' || a.mime.startsWith('image/');

export function ReviewAttachments({
  filingId,
  attachments,
  urlOf,
}: {
  filingId: string;
  attachments: ReviewAttachment[];
  /** Where a file is read from: the filing's staff route by default, a change's for a change. */
  urlOf?: (attachmentId: string, inline?: boolean) => string;
}) {
  const url = urlOf ?? ((id: string, inline?: boolean) => reviewAttachmentUrl(filingId, id, inline));
  const m = useMessages(REVIEW_MESSAGES);
  const { lang } = useI18n();
  const [preview, setPreview] = useState<ReviewAttachment | null>(null);
  const kinds = ATTACHMENT_KINDS.filter((k) => attachments.some((a) => a.kind === k));
  if (attachments.length === 0) return <Empty description={m.noAttachments} />;
  return (
    <>
      {kinds.map((kind) => (
        <div key={kind} style={{ marginBottom: 16 }} data-testid={`review-attachments-${kind}`}>
          <Typography.Text strong>{fieldLabel(`attachments.${kind}`, lang)}</Typography.Text>
          <List
            size="small"
            bordered
            style={{ marginTop: 6 }}
            dataSource={attachments.filter((a) => a.kind === kind)}
            renderItem={(a) => (
              <AttachmentRow
                file={a}
                href={url(a.id)}
                actions={[
                  <Button
                    key="preview"
                    size="small"
                    icon={<EyeOutlined />}
                    onClick={() => setPreview(a)}
                    disabled={!previewable(a)}
                    aria-label={`${m.preview} ${a.fileName}`}
                  >
                    {m.preview}
                  </Button>,
                  <a key="download" href={url(a.id)} download={a.fileName} aria-label={`${m.download} ${a.fileName}`}>
                    <DownloadOutlined /> {m.download}
                  </a>,
                ]}
              />
            )}
          />
        </div>
      ))}
      <Modal
        open={!!preview}
        onCancel={() => setPreview(null)}
        footer={null}
        width={920}
        title={preview ? `${fieldLabel(`attachments.${preview.kind}`, lang)}：${preview.fileName}` : ''}
        destroyOnHidden
      >
        {preview && <Preview url={url} attachment={preview} />}
      </Modal>
    </>
  );
}

function Preview({
  url: urlOf,
  attachment,
}: {
  url: (id: string, inline?: boolean) => string;
  attachment: ReviewAttachment;
}) {
  const m = useMessages(REVIEW_MESSAGES);
  const url = urlOf(attachment.id, true);
  if (attachment.mime.startsWith('image/'))
    return (
      <img
        src={url}
        alt={attachment.fileName}
        data-testid="attachment-preview"
        style={{ maxWidth: '100%', display: 'block', margin: '0 auto', border: '1px solid #f0f0f0' }}
      />
    );
  if (attachment.mime === 'application/pdf')
    return (
      <iframe
        src={url}
        title={attachment.fileName}
        data-testid="attachment-preview"
        style={{ width: '100%', height: 640, border: 0 }}
      />
    );
  return (
    <Typography.Paragraph>
      {m.noPreview} <a href={urlOf(attachment.id)}>{m.download}</a>
    </Typography.Paragraph>
  );
}
