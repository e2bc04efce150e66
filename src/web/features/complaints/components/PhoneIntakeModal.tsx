/** Recording a phone call as a complaint (SPEC §9 staff intake): the same fields and rules as the web form. */
import { Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router';
import type { StaffComplaintInput } from '../../../../shared/api/complaints.js';
import { COMPLAINT_CATEGORIES } from '../../../../shared/complaints/lifecycle.js';
import { handlingCatalog } from '../../../../shared/i18n/locales/handling.js';
import { paths } from '../../../config/paths.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import { useRecordPhoneCall } from '../api/complaints.js';

/** The form's fields are the intake body's (shared/api/complaints.ts), each possibly still empty. */
type Values = Partial<Omit<StaffComplaintInput, 'channel'>>;

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export function PhoneIntakeModal({ onClose }: { onClose: () => void }) {
  const { t } = useCatalog(handlingCatalog);
  const labels = useLabels();
  const { message } = useFeedback();
  const issueText = useIssueText();
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const record = useRecordPhoneCall();

  const onFinish = (v: Values) => {
    const contact = {
      name: blank(v.contact?.name),
      phone: blank(v.contact?.phone),
      email: blank(v.contact?.email),
    };
    record.mutate(
      {
        channel: 'phone',
        category: v.category as NonNullable<Values['category']>,
        targetFilingNumber: blank(v.targetFilingNumber),
        targetName: blank(v.targetName),
        targetUrl: blank(v.targetUrl),
        description: v.description ?? '',
        contact: contact.name || contact.phone || contact.email ? contact : undefined,
      },
      {
        onSuccess: (res) => {
          message.success(t('intake.saved'));
          onClose();
          navigate(paths.handlingComplaint(res.complaint.id));
        },
        onError: (err) => {
          if (err instanceof ApiError && err.errors.length)
            form.setFields(err.errors.map((e) => ({ name: e.field.split('.') as never, errors: [issueText(e)] })));
          else message.error(errorText(err));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('intake.title')}
      okText={t('intake.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="category" label={t('intake.category')} rules={[{ required: true }]}>
          <Select
            options={COMPLAINT_CATEGORIES.map((c) => ({
              value: c,
              label: labels.complaintCategory(c),
            }))}
          />
        </Form.Item>
        <Form.Item name="targetFilingNumber" label={t('intake.filingNumber')}>
          <Input />
        </Form.Item>
        <Form.Item name="targetName" label={t('intake.targetName')}>
          <Input />
        </Form.Item>
        <Form.Item name="targetUrl" label={t('intake.targetUrl')}>
          <Input inputMode="url" />
        </Form.Item>
        <Form.Item name="description" label={t('intake.description')} rules={[{ required: true }]}>
          <Input.TextArea rows={5} maxLength={10000} />
        </Form.Item>
        <Form.Item name={['contact', 'name']} label={t('intake.contactName')}>
          <Input />
        </Form.Item>
        <Form.Item name={['contact', 'phone']} label={t('intake.contactPhone')}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name={['contact', 'email']} label={t('intake.contactEmail')}>
          <Input inputMode="email" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
