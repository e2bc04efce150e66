/**
 * One dialog for each workflow step of a complaint (SPEC §9): assignment, verification, the measures on a
 * substantiated complaint (责令整改 asks what the platform is told, without the complainant) and closing with the
 * reply. Only the buttons the server allows are shown (allowedActions); its 4xx land on the fields.
 */
import { Form, Input, Modal, Select } from 'antd';
import type { ComplaintAction } from '../../../../shared/complaints/lifecycle.js';
import { handlingCatalog } from '../../../../shared/i18n/locales/handling.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { useCatalog } from '../../../lib/i18n.js';
import { type ActionBody, useComplaintAction, useHandlers } from '../api/complaints.js';

interface Values {
  handlerId?: string;
  note?: string;
  instructions?: string;
  reply?: string;
}

function bodyOf(action: ComplaintAction, v: Values): ActionBody {
  const note = v.note ?? '';
  switch (action) {
    case 'assign':
      return { action: 'assign', handlerId: v.handlerId ?? '' };
    case 'startVerification':
      return { action: 'startVerification' };
    case 'substantiate':
      return { action: 'verify', outcome: 'substantiated', note };
    case 'reject':
      return { action: 'verify', outcome: 'unsubstantiated', note };
    case 'close':
      return { action: 'close', reply: v.reply ?? '' };
    default:
      return { action: 'measure', measure: action, note, instructions: v.instructions?.trim() || undefined };
  }
}

export function ActionModal({
  complaintId,
  action,
  onClose,
}: {
  complaintId: string;
  action: ComplaintAction;
  onClose: () => void;
}) {
  const { t } = useCatalog(handlingCatalog);
  const { message } = useFeedback();
  const issueText = useIssueText();
  const errorText = useApiErrorText();
  const [form] = Form.useForm<Values>();
  const run = useComplaintAction(complaintId);
  const handlers = useHandlers();
  const needsNote = !['assign', 'startVerification', 'close'].includes(action);

  const onFinish = (v: Values) =>
    run.mutate(bodyOf(action, v), {
      onSuccess: () => {
        message.success(t('action.done'));
        onClose();
      },
      onError: (err) => {
        if (err instanceof ApiError && err.errors.length)
          form.setFields(err.errors.map((e) => ({ name: e.field as never, errors: [issueText(e)] })));
        else message.error(errorText(err));
      },
    });

  return (
    <Modal
      open
      title={t(`action.${action}`)}
      okText={t('action.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      okButtonProps={{ danger: action === 'revoke' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish}>
        {action === 'assign' && (
          <Form.Item name="handlerId" label={t('action.handlerId')} rules={[{ required: true }]}>
            <Select
              loading={handlers.isPending}
              options={(handlers.data ?? []).map((h) => ({ value: h.id, label: h.displayName ?? h.id }))}
            />
          </Form.Item>
        )}
        {needsNote && (
          <Form.Item name="note" label={t('action.note')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        )}
        {(action === 'rectify' || action === 'interview') && (
          <Form.Item name="instructions" label={t('action.instructions')} rules={[{ required: action === 'rectify' }]}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
        )}
        {action === 'close' && (
          <Form.Item name="reply" label={t('action.reply')} rules={[{ required: true }]}>
            <Input.TextArea rows={5} maxLength={10000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
