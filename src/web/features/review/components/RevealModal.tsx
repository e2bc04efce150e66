/** Asks a reviewer why they need to see a filing's personal values, and reveals them (the server logs the reason). */
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useCatalog } from '../../../lib/i18n.js';
import { type RevealedPersonal, reveal } from '../api/review.js';

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
  const { t } = useCatalog(reviewCatalog);
  const [form] = Form.useForm<{ reason: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorText = useApiErrorText();
  const onOk = async () => {
    const { reason } = await form.validateFields();
    setPending(true);
    setError(null);
    try {
      onRevealed(await reveal(filingId, reason.trim()));
      form.resetFields();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('reveal.title')}
      okText={t('reveal.ok')}
      cancelText={t('cancel')}
      confirmLoading={pending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reveal.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="reveal" preserve={false}>
        <Form.Item
          label={t('reveal.reason')}
          name="reason"
          rules={[
            { required: true, min: 4, transform: (v: string | undefined) => v?.trim(), message: t('reveal.reasonMin') },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            placeholder={t('reveal.reasonPlaceholder')}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
