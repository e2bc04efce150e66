/**
 * Every field of 附件1 as staff see it, in the one filing view the applicant confirmed (components/filing/FilingView):
 * personal values masked as the server sends them, until a reviewer asks to see them with a reason (logged on the
 * server), and then the revealed values.
 */
import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { FilingView, type PersonalPath } from '../../../components/filing/FilingView.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useCatalog } from '../../../lib/i18n.js';
import { type RevealedPersonal, type ReviewFiling, reveal } from '../api/review.js';

function revealedValue(r: RevealedPersonal, path: PersonalPath): string | undefined {
  if (path === 'sponsor.name') return r.sponsor.name;
  if (path === 'sponsor.idNumber') return r.sponsor.idNumber;
  const [, role, key] = path.split('.') as ['people', 'principal' | 'contact', 'name' | 'mobile' | 'email'];
  return r.people?.[role]?.[key];
}

export function FilingSections({ filing }: { filing: Pick<ReviewFiling, 'id' | 'data' | 'allowedActions'> }) {
  const { t } = useCatalog(reviewCatalog);
  const [revealed, setRevealed] = useState<RevealedPersonal | null>(null);
  const [asking, setAsking] = useState(false);
  const canReveal = filing.allowedActions.includes('reveal');

  const empty = <Typography.Text type="secondary">{t('reveal.notFilled')}</Typography.Text>;
  /** A personal value: masked as sent, or the revealed one, marked so nobody mistakes which is which. */
  const personal = (path: PersonalPath, masked: string | undefined): ReactNode => {
    if (revealed) {
      const full = revealedValue(revealed, path);
      return full ? (
        <Typography.Text mark data-user-data>
          {full}
        </Typography.Text>
      ) : (
        empty
      );
    }
    if (!masked) return empty;
    // Names are sent as they are (staff need them); numbers, phones and emails masked.
    if (path.endsWith('.name')) return <span data-user-data>{masked}</span>;
    return (
      <Space size={4}>
        <span data-user-data>{masked}</span>
        <Tag bordered={false}>{t('reveal.masked')}</Tag>
      </Space>
    );
  };

  const revealButton = revealed ? (
    <Tag color="gold" icon={<EyeOutlined />}>
      {t('reveal.done')}
    </Tag>
  ) : canReveal ? (
    <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
      {t('reveal.button')}
    </Button>
  ) : null;

  return (
    <div data-testid="filing-sections">
      <FilingView data={filing.data} personal={personal} extra={{ sponsor: revealButton, people: revealButton }} />
      <RevealModal
        open={asking}
        filingId={filing.id}
        onClose={() => setAsking(false)}
        onRevealed={(r) => {
          setRevealed(r);
          setAsking(false);
        }}
      />
    </div>
  );
}

function RevealModal({
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
