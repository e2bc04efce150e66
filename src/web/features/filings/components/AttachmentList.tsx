/**
 * The files of one attachment kind: upload with a progress bar, then each file's row (shared AttachmentRow) with
 * preview, replace and remove. The server checks the type from the bytes; the picker only suggests. A refused upload
 * stays said on the row, with the file's name and the reason, until the next upload or the user dismisses it.
 */
import { DeleteOutlined, EyeOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, List, Modal, Popconfirm, Progress, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { type AttachmentKind, acceptAttribute } from '../../../../shared/attachments.js';
import { editorCatalog } from '../../../../shared/i18n/locales/editor.js';
import { AttachmentRow } from '../../../components/filing/AttachmentRow.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import { fieldLabel } from '../../../lib/labels.js';
import type { Attachment } from '../api/filings.js';
import { type AttachmentOps, useEditor } from './editor/EditorContext.js';

interface Props {
  kind: AttachmentKind;
  attachments: Attachment[];
  editable: boolean;
  required?: boolean;
  error?: string | undefined;
  hint?: string;
}

export function AttachmentList({ kind, attachments, editable, required, error, hint }: Props) {
  const { files: ops } = useEditor();
  const { t } = useCatalog(editorCatalog);
  const { lang } = useI18n();
  const errorText = useApiErrorText();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<Attachment | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const replaceTarget = useRef<string | undefined>(undefined);
  const files = attachments.filter((a) => a.kind === kind);
  const label = fieldLabel(`attachments.${kind}`, lang);
  const inputId = `upload-${kind}`;

  const refresh = () => ops.refresh();

  const onPick = async (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    setUploadError(null);
    try {
      await ops.upload(kind, file, setProgress, replaceTarget.current);
      await refresh();
    } catch (err) {
      const reason = err instanceof ApiError ? errorText(err) : t('files.uploadFailed');
      setUploadError(t('files.uploadFailedNamed', { name: file.name, reason }));
    } finally {
      setProgress(null);
      replaceTarget.current = undefined;
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const pick = (replaceId?: string) => {
    replaceTarget.current = replaceId;
    fileInput.current?.click();
  };

  return (
    <div style={{ marginBottom: 24 }} data-testid={`attachments-${kind}`}>
      <Space align="baseline" wrap>
        <label htmlFor={inputId}>
          <Typography.Text strong>
            {required && <span style={{ color: '#ff4d4f', marginInlineEnd: 4 }}>*</span>}
            {label}
          </Typography.Text>
        </label>
        {editable && (
          <Button icon={<UploadOutlined />} onClick={() => pick()} loading={progress !== null}>
            {t('files.upload')}
          </Button>
        )}
        <Typography.Text type="secondary">{hint ?? t('files.types')}</Typography.Text>
      </Space>
      <input
        id={inputId}
        ref={fileInput}
        type="file"
        accept={acceptAttribute(kind)}
        style={{ display: 'none' }}
        onChange={(e) => void onPick(e.target.files?.[0])}
      />
      {progress !== null && <Progress percent={progress} size="small" aria-label={t('files.progress', { label })} />}
      {uploadError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid={`upload-error-${kind}`}
          style={{ margin: '8px 0' }}
          title={uploadError}
          closable={{ 'aria-label': t('files.dismiss') }}
          onClose={() => setUploadError(null)}
        />
      )}
      {error && (
        <Typography.Paragraph type="danger" role="alert" style={{ margin: '4px 0' }}>
          {error}
        </Typography.Paragraph>
      )}
      {files.length > 0 && (
        <List
          size="small"
          bordered
          style={{ marginTop: 8 }}
          dataSource={files}
          renderItem={(a) => (
            <AttachmentRow
              file={a}
              href={ops.url(a.id)}
              actions={[
                <Button key="preview" size="small" icon={<EyeOutlined />} onClick={() => setPreview(a)}>
                  {t('files.preview')}
                </Button>,
                ...(editable
                  ? [
                      <Button key="replace" size="small" icon={<SwapOutlined />} onClick={() => pick(a.id)}>
                        {t('files.replace')}
                      </Button>,
                      <Popconfirm
                        key="remove"
                        title={t('files.removeConfirm', { name: a.fileName })}
                        okText={t('files.remove')}
                        cancelText={t('files.cancel')}
                        onConfirm={async () => {
                          await ops.remove(a.id);
                          await refresh();
                        }}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />}>
                          {t('files.remove')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            />
          )}
        />
      )}
      <Modal
        open={!!preview}
        onCancel={() => setPreview(null)}
        footer={null}
        width={900}
        title={preview?.fileName}
        destroyOnHidden
      >
        {preview && <Preview ops={ops} attachment={preview} />}
      </Modal>
    </div>
  );
}

function Preview({ ops, attachment }: { ops: AttachmentOps; attachment: Attachment }) {
  const { t } = useCatalog(editorCatalog);
  const url = ops.url(attachment.id, true);
  if (attachment.mime.startsWith('image/'))
    return <img src={url} alt={attachment.fileName} style={{ maxWidth: '100%' }} />;
  if (attachment.mime === 'application/pdf')
    return <iframe src={url} title={attachment.fileName} style={{ width: '100%', height: 600, border: 0 }} />;
  return (
    <Typography.Paragraph>
      {t('files.noPreview')} <a href={ops.url(attachment.id)}>{t('files.download')}</a>
    </Typography.Paragraph>
  );
}
