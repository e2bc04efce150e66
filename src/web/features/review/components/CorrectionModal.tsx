/**
 * The correction notice (通知补正, Article 5): a summary and, per field of 附件1, the reason it must be corrected.
 * Fields that failed the completeness check are listed to begin with.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { FieldError } from '../../../../shared/filing/completeness.js';
import { FIELD_LABELS, type FieldPath } from '../../../../shared/filing/labels.js';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import { fieldLabel } from '../../../lib/labels.js';

/** Fields by their names only; the path stays searchable for staff who know it, but is never shown. */
function fieldOptions(lang: 'zh' | 'en', extra: readonly string[]) {
  const option = (f: string) => ({
    key: f,
    value: f,
    label: fieldLabel(f, lang),
    search: `${fieldLabel(f, 'zh')} ${fieldLabel(f, 'en')} ${f}`,
  });
  return [...(Object.keys(FIELD_LABELS) as FieldPath[]).map(option), ...extra.map(option)];
}

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
  const { t } = useCatalog(reviewCatalog);
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<FieldError[] | string | null>(null);
  const issueText = useIssueText();
  const errorText = useApiErrorText();

  const initialItems = completenessErrors.length
    ? completenessErrors.map((e) => ({ field: e.field, message: issueText(e) }))
    : [{}];
  // Fields outside the known list that the completeness check named (list entries, e.g. `platform.publishUrls[1]`).
  const extraKey = [...new Set(completenessErrors.map((e) => e.field).filter((f) => !(f in FIELD_LABELS)))].join('\n');
  // The list is built once per language and set of fields: rebuilding it while the popup is open would replace the
  // option under the pointer and lose the click.
  const options = useMemo(() => fieldOptions(lang, extraKey ? extraKey.split('\n') : []), [lang, extraKey]);

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
          setError(
            err && 'errors' in err && Array.isArray(err.errors) && err.errors.length ? err.errors : errorText(err),
          ),
      },
    );
  };

  return (
    <Modal
      open={open}
      width={820}
      title={t('correction.title')}
      okText={t('correction.send')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true }}
      confirmLoading={send.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('correction.intro')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={
            typeof error === 'string'
              ? error
              : error
                  .map((e) => t('correction.errorItem', { field: fieldLabel(e.field, lang), message: issueText(e) }))
                  .join(t('correction.errorJoin'))
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
          label={t('correction.summary')}
          name="summary"
          rules={[{ required: true, whitespace: true, message: t('correction.summaryRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            placeholder={t('correction.summaryPlaceholder')}
          />
        </Form.Item>
        <Typography.Text strong>{t('correction.items')}</Typography.Text>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, items: Values['items']) => {
                if (!items?.length) throw new Error(t('correction.itemsRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                // Field and reason side by side where they fit, one above the other on a phone; the remove button
                // stays at the row's end either way.
                <div
                  key={f.key}
                  data-testid="correction-item"
                  style={{ position: 'relative', display: 'flex', flexWrap: 'wrap', columnGap: 8, paddingRight: 40 }}
                >
                  <Form.Item
                    name={[f.name, 'field']}
                    label={t('correction.field', { n: i + 1 })}
                    rules={[{ required: true, message: t('correction.fieldRequired') }]}
                    style={{ flex: '1 1 260px', minWidth: 0, marginBottom: 12 }}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'search' }}
                      placeholder={t('correction.fieldPlaceholder')}
                      options={options}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'message']}
                    label={t('correction.reason', { n: i + 1 })}
                    rules={[{ required: true, whitespace: true, message: t('correction.reasonRequired') }]}
                    style={{ flex: '1 1 300px', minWidth: 0, marginBottom: 12 }}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={500}
                      placeholder={t('correction.reasonPlaceholder')}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    style={{ position: 'absolute', right: 0, top: 30 }}
                    aria-label={t('correction.removeItem', { n: i + 1 })}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('correction.addItem')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
