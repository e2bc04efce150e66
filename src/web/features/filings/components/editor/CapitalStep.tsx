import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { filingViewCatalog } from '../../../../../shared/i18n/locales/filingView.js';
import { useCatalog } from '../../../../lib/i18n.js';
import { AttachmentList } from '../AttachmentList.js';
import { Field, GroupError, useEditor } from './EditorContext.js';
import { counted, LIMITS } from './limits.js';

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'] as const;

export function CapitalStep() {
  const { t } = useCatalog(editorCatalog);
  const { t: tv } = useCatalog(filingViewCatalog);
  const { filing, editable, errors } = useEditor();
  const holders = (Form.useWatch(['capital', 'shareholders']) ?? []) as { percent?: number }[];
  const total = holders.reduce((s, h) => s + (typeof h?.percent === 'number' ? h.percent : 0), 0);
  const off = Math.abs(total - 100) > 0.01;
  // Once the sum is shown as the step's error (any share typed), the hint below says the same in red.
  const shown = errors.has('capital.shareholders');
  return (
    <>
      <Space wrap align="start">
        <Field field="capital.registeredCapital" label={t('form.registeredCapital')}>
          <InputNumber min={0} step={100} style={{ width: 240 }} addonAfter={t('form.tenThousand')} />
        </Field>
        <Field field="capital.currency" required={false} label={t('form.currency')}>
          <Select
            style={{ width: 180 }}
            options={CURRENCIES.map((c) => ({ value: c, label: `${tv(`currencies.${c}`)}（${c}）` }))}
          />
        </Field>
      </Space>
      <Form.Item label={t('form.equity')} required>
        <Form.List name={['capital', 'shareholders']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Field
                    field={`capital.shareholders[${i}].name`}
                    path={[f.name, 'name']}
                    label={t('form.shareholder', { n: i + 1 })}
                  >
                    <Input
                      {...counted(LIMITS.shareholderName)}
                      style={{ width: 320, maxWidth: 'calc(100vw - 120px)' }}
                    />
                  </Field>
                  <Field
                    field={`capital.shareholders[${i}].percent`}
                    path={[f.name, 'percent']}
                    label={t('form.percent')}
                  >
                    <InputNumber min={0} max={100} step={0.01} addonAfter="%" style={{ width: 160 }} />
                  </Field>
                  <Button
                    type="text"
                    aria-label={t('form.removeShareholder', { n: i + 1 })}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Typography.Paragraph type={off ? (shown ? 'danger' : 'warning') : 'success'} data-testid="shares-total">
                {t('form.total', { total: Math.round(total * 100) / 100 })}
              </Typography.Paragraph>
              <GroupError field="capital.shareholders" />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                {t('form.addShareholder')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <AttachmentList
        kind="equity_proof"
        attachments={filing.attachments}
        editable={editable}
        required
        error={errors.get('attachments.equity_proof')}
      />
    </>
  );
}
