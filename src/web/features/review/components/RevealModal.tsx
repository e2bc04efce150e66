/** Asks a reviewer why they need to see a filing's personal values, and reveals them (the server logs the reason). */
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../lib/api.js';
import { useMessages } from '../../../lib/i18n.js';
import { type RevealedPersonal, reveal } from '../api/review.js';
import { REVIEW_MESSAGES } from '../messages.js';

export function RevealModal({
  open,
  filingId,
  onClose,
  onRevealed,
}: {
  open: boolean;
  filingId: string;
  onClose: () => void;
  onRevealed: (r: RevealedPersonal) => void;
}) {
  const m = useMessages(REVIEW_MESSAGES);
  const [form] = Form.useForm<{ reason: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onOk = async () => {
    const { reason } = await form.validateFields();
    setPending(true);
    setError(null);
    try {
      onRevealed(await reveal(filingId, reason.trim()));
      form.resetFields();
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal
      open={open}
      title={m.revealTitle}
      okText={m.revealOk}
      cancelText={m.cancel}
      confirmLoading={pending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{m.revealIntro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="reveal" preserve={false}>
        <Form.Item
          label={m.revealReason}
          name="reason"
          rules={[
            { required: true, min: 4, transform: (v: string | undefined) => v?.trim(), message: m.revealReasonMin },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            placeholder={m.revealReasonPlaceholder}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
