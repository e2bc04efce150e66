import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useMessages } from '../../../../lib/i18n.js';
import { AttachmentList } from '../AttachmentList.js';
import { Field, GroupError, useEditor } from './EditorContext.js';
import { EDITOR_MESSAGES } from './messages.js';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];

export function CapitalStep() {
  const m = useMessages(EDITOR_MESSAGES);
  const { filing, editable, errors } = useEditor();
  const holders = (Form.useWatch(['capital', 'shareholders']) ?? []) as { percent?: number }[];
  const total = holders.reduce((s, h) => s + (typeof h?.percent === 'number' ? h.percent : 0), 0);
  return (
    <>
      <Space wrap align="start">
        <Field field="capital.registeredCapital">
          <InputNumber min={0} step={100} style={{ width: 240 }} addonAfter={m.tenThousandYuan} />
        </Field>
        <Field field="capital.currency" required={false}>
          <Select style={{ width: 120 }} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        </Field>
      </Space>
      <Form.Item label={m.equity} required>
        <Form.List name={['capital', 'shareholders']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Field field={`capital.shareholders[${i}].name`} path={[f.name, 'name']} label={m.shareholder(i + 1)}>
                    <Input style={{ width: 320, maxWidth: 'calc(100vw - 120px)' }} />
                  </Field>
                  <Field field={`capital.shareholders[${i}].percent`} path={[f.name, 'percent']} label={m.percent}>
                    <InputNumber min={0} max={100} step={0.01} addonAfter="%" style={{ width: 160 }} />
                  </Field>
                  <Button
                    type="text"
                    aria-label={m.removeShareholder(i + 1)}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Typography.Paragraph type={Math.abs(total - 100) > 0.01 ? 'warning' : 'success'}>
                {m.total(Math.round(total * 100) / 100)}
              </Typography.Paragraph>
              <GroupError field="capital.shareholders" />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                {m.addShareholder}
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
