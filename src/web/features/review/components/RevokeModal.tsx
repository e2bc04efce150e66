/**
 * Revoking a filing (SPEC §8, admins): the legal basis, the reason the applicant will read, and optionally the verified
 * complaint behind it (Article 9). The basis goes in front of the reason (the API takes `{ reason, complaintId? }`).
 */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { revokeBody } from '../../../../shared/api/revocation.js';
import { reviewLifecycleCatalog } from '../../../../shared/i18n/locales/reviewLifecycle.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useRevoke } from '../api/lifecycle.js';

const BASES = ['complaint', 'commitment', 'falseInfo', 'other'] as const;
type Basis = (typeof BASES)[number];

/** The basis as stored with the reason: always in Chinese, like every record the regulator keeps. */
const ZH = reviewLifecycleCatalog.resources['zh-CN'].revoke;

interface Values {
  basis?: Basis;
  reason?: string;
  complaintId?: string;
}

export function RevokeModal({ filingId, onClose }: { filingId: string; onClose: () => void }) {
  const { t } = useCatalog(reviewLifecycleCatalog);
  const { message } = useFeedback();
  const issueText = useIssueText();
  const errorText = useApiErrorText();
  const [form] = Form.useForm<Values>();
  const revoke = useRevoke(filingId);

  const onFinish = (v: Values) => {
    const body = {
      reason: `【${ZH.basis}】${v.basis ? ZH.basisOptions[v.basis] : ''}\n${v.reason?.trim() ?? ''}`,
      complaintId: v.complaintId?.trim() || undefined,
    };
    const parsed = revokeBody.safeParse(body);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]) as never, errors: [i.message] })));
      return;
    }
    revoke.mutate(parsed.data, {
      onSuccess: () => {
        message.success(t('revoke.done'));
        onClose();
      },
      onError: (err) => {
        if (err instanceof ApiError && err.errors.length)
          form.setFields(err.errors.map((e) => ({ name: e.field as never, errors: [issueText(e)] })));
        else message.error(errorText(err));
      },
    });
  };

  return (
    <Modal
      open
      title={t('revoke.title')}
      okText={t('revoke.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('change.cancel')}
      confirmLoading={revoke.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Alert type="error" showIcon style={{ marginBottom: 16 }} description={t('revoke.explain')} />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="basis"
          label={t('revoke.basis')}
          rules={[{ required: true, message: t('revoke.basisRequired') }]}
        >
          <Select
            aria-label={t('revoke.basis')}
            options={BASES.map((b) => ({ value: b, label: t(`revoke.basisOptions.${b}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('revoke.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('revoke.reasonPlaceholder') }]}
        >
          <Input.TextArea rows={4} maxLength={1800} showCount placeholder={t('revoke.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item name="complaintId" label={t('revoke.complaintId')}>
          <Input maxLength={36} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
