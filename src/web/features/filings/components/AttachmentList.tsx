/**
 * The files of one attachment kind: upload with a progress bar, then name, size, SM3 digest, preview,
 * replace and remove. The server checks the type from the bytes; the picker only suggests.
 */
import { DeleteOutlined, EyeOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Modal, Popconfirm, Progress, Space, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ATTACHMENT_KIND_LABELS, type AttachmentKind, acceptAttribute } from '../../../../shared/attachments.js';
import { ApiError } from '../../../lib/api.js';
import { formatSize } from '../../../lib/format.js';
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
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<Attachment | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const replaceTarget = useRef<string | undefined>(undefined);
  const files = attachments.filter((a) => a.kind === kind);
  const label = ATTACHMENT_KIND_LABELS[kind];
  const inputId = `upload-${kind}`;

  const refresh = () => ops.refresh();

  const onPick = async (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    try {
      await ops.upload(kind, file, setProgress, replaceTarget.current);
      message.success(`已上传：${file.name}`);
      await refresh();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '上传失败');
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
            上传文件
          </Button>
        )}
        <Typography.Text type="secondary">{hint ?? 'PDF、OFD、JPEG、PNG'}</Typography.Text>
      </Space>
      <input
        id={inputId}
        ref={fileInput}
        type="file"
        accept={acceptAttribute(kind)}
        style={{ display: 'none' }}
        onChange={(e) => void onPick(e.target.files?.[0])}
      />
      {progress !== null && <Progress percent={progress} size="small" aria-label={`${label}上传进度`} />}
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
            <List.Item
              actions={[
                <Button key="preview" size="small" icon={<EyeOutlined />} onClick={() => setPreview(a)}>
                  预览
                </Button>,
                ...(editable
                  ? [
                      <Button key="replace" size="small" icon={<SwapOutlined />} onClick={() => pick(a.id)}>
                        替换
                      </Button>,
                      <Popconfirm
                        key="remove"
                        title={`删除 ${a.fileName}？`}
                        okText="删除"
                        cancelText="取消"
                        onConfirm={async () => {
                          await ops.remove(a.id);
                          await refresh();
                        }}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />}>
                          删除
                        </Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={
                  <a href={ops.url(a.id)} download={a.fileName}>
                    {a.fileName}
                  </a>
                }
                description={
                  <Space size="middle" wrap>
                    <span>{formatSize(a.size)}</span>
                    <Tooltip title={a.sm3}>
                      <Typography.Text type="secondary" copyable={{ text: a.sm3 }}>
                        SM3 {a.sm3.slice(0, 16)}…
                      </Typography.Text>
                    </Tooltip>
                  </Space>
                }
              />
            </List.Item>
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
  const url = ops.url(attachment.id, true);
  if (attachment.mime.startsWith('image/'))
    return <img src={url} alt={attachment.fileName} style={{ maxWidth: '100%' }} />;
  if (attachment.mime === 'application/pdf')
    return <iframe src={url} title={attachment.fileName} style={{ width: '100%', height: 600, border: 0 }} />;
  return (
    <Typography.Paragraph>
      该格式不支持在线预览，请 <a href={ops.url(attachment.id)}>下载查看</a>。
    </Typography.Paragraph>
  );
}
