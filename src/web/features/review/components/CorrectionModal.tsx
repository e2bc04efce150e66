/**
 * The correction notice (通知补正, Article 5): a summary and, per field of 附件1, the reason it must be corrected.
 * Fields that failed the completeness check are listed to begin with.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { FieldError } from '../../../../shared/filing/completeness.js';
import { FIELD_LABELS, type FieldPath } from '../../../../shared/filing/labels.js';
import { FIELD_LABELS_EN, useI18n, useMessages } from '../../../lib/i18n.js';
import { fieldLabel } from '../../../lib/labels.js';
import { REVIEW_MESSAGES } from '../messages.js';

interface Values {
  summary: string;
  items: { field?: string; message?: string }[];
}

/** A filing's or a change's correction notice: `send` posts it (its mutation), `errors` are the completeness failures. */
export function CorrectionModal({
  errors: completenessErrors,
  send,
  open,
  onClose,
  onSent,
}: {
  errors: FieldError[];
  send: {
    mutate: (
      v: { summary: string; items: FieldError[] },
      o: { onSuccess: () => void; onError: (err: Error) => void },
    ) => void;
    isPending: boolean;
  };
  open: boolean;
  onClose: () => void;
  onSent: () => void;
}) {
  const m = useMessages(REVIEW_MESSAGES);
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<FieldError[] | string | null>(null);

  const initialItems = completenessErrors.length
    ? completenessErrors.map((e) => ({ field: e.field, message: e.message }))
    : [{}];
  const options = useMemo(() => {
    // Fields by their names only; the path stays searchable for staff who know it, but is never shown.
    const known = (Object.keys(FIELD_LABELS) as FieldPath[]).map((f) => ({
      value: f,
      label: fieldLabel(f, lang),
      search: `${FIELD_LABELS[f]} ${FIELD_LABELS_EN[f]} ${f}`,
    }));
    const extra = completenessErrors
      .map((e) => e.field)
      .filter((f, i, all) => !(f in FIELD_LABELS) && all.indexOf(f) === i)
      .map((f) => ({
        value: f,
        label: fieldLabel(f, lang),
        search: `${fieldLabel(f, 'zh')} ${fieldLabel(f, 'en')} ${f}`,
      }));
    return [...known, ...extra];
  }, [lang, completenessErrors]);

  const onOk = async () => {
    const v = await form.validateFields();
    setError(null);
    const items = v.items
      .filter((i) => i.field && i.message?.trim())
      .map((i) => ({ field: i.field as string, message: (i.message as string).trim() }));
    send.mutate(
      { summary: v.summary.trim(), items },
      {
        onSuccess: () => {
          form.resetFields();
          onSent();
        },
        onError: (err) =>
          setError(err && 'errors' in err && Array.isArray(err.errors) && err.errors.length ? err.errors : err.message),
      },
    );
  };

  return (
    <Modal
      open={open}
      width={820}
      title={m.correctionTitle}
      okText={m.send}
      cancelText={m.cancel}
      okButtonProps={{ danger: true }}
      confirmLoading={send.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{m.correctionIntro}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={
            typeof error === 'string'
              ? error
              : error.map((e) => `${fieldLabel(e.field, lang)}：${e.message}`).join('；')
          }
        />
      )}
      <Form<Values>
        form={form}
        name="correction"
        layout="vertical"
        preserve={false}
        initialValues={{ summary: '', items: initialItems }}
      >
        <Form.Item
          label={m.summary}
          name="summary"
          rules={[{ required: true, whitespace: true, message: m.summaryRequired }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={m.summaryPlaceholder} />
        </Form.Item>
        <Typography.Text strong>{m.items}</Typography.Text>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, items: Values['items']) => {
                if (!items?.length) throw new Error(m.itemsRequired);
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }} data-testid="correction-item">
                  <Form.Item
                    name={[f.name, 'field']}
                    label={`${m.field} ${i + 1}`}
                    rules={[{ required: true, message: m.fieldRequired }]}
                    style={{ width: 320, marginBottom: 12 }}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'search' }}
                      placeholder={m.fieldPlaceholder}
                      options={options}
                      popupMatchSelectWidth={420}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'message']}
                    label={`${m.reason} ${i + 1}`}
                    rules={[{ required: true, whitespace: true, message: m.reasonRequired }]}
                    style={{ width: 380, marginBottom: 12 }}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={500}
                      placeholder={m.reasonPlaceholder}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    style={{ marginTop: 30 }}
                    aria-label={m.removeItem(i + 1)}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {m.addItem}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
