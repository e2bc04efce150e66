import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { useMessages } from '../../../../lib/i18n.js';
import { Field, GroupError } from './EditorContext.js';
import { EDITOR_MESSAGES } from './messages.js';

export const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
  normalize: (v: unknown) => (v && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined),
};

export function PlatformStep() {
  const m = useMessages(EDITOR_MESSAGES);
  const publishes = Form.useWatch(['platform', 'publishesVulnerabilities']);
  const online = Form.useWatch(['operation', 'alreadyOnline']);
  return (
    <>
      <Field field="platform.name">
        <Input maxLength={100} showCount placeholder={m.namePlaceholder} />
      </Field>
      <Field field="platform.homepageUrl">
        <Input placeholder="https://" inputMode="url" />
      </Field>
      <Field field="platform.icpNumber" extra={m.icpExample}>
        <Input />
      </Field>
      <Field field="platform.publishesVulnerabilities">
        <Radio.Group
          options={[
            { label: m.publishes, value: true },
            { label: m.notPublishes, value: false },
          ]}
        />
      </Field>
      <Form.Item label={m.publishUrls} required={publishes !== false}>
        <Form.List name={['platform', 'publishUrls']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Field field={`platform.publishUrls[${i}]`} path={[f.name]} label={m.url(i + 1)} required={false}>
                    <Input placeholder="https://" style={{ width: 480, maxWidth: 'calc(100vw - 120px)' }} />
                  </Field>
                  <Button
                    type="text"
                    aria-label={m.removeUrl(i + 1)}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <GroupError field="platform.publishUrls" />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                {m.addUrl}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={m.socialAccounts} required={false}>
        <Form.List name={['platform', 'socialAccounts']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Field field={`platform.socialAccounts[${i}].app`} path={[f.name, 'app']} label={m.socialApp}>
                    <Input placeholder={m.socialAppPlaceholder} />
                  </Field>
                  <Field
                    field={`platform.socialAccounts[${i}].account`}
                    path={[f.name, 'account']}
                    label={m.socialAccount}
                  >
                    <Input />
                  </Field>
                  <Button
                    type="text"
                    aria-label={m.removeSocial(i + 1)}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <GroupError field="platform.socialAccounts" />
              <div>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ app: '', account: '' })}>
                  {m.addSocial}
                </Button>
              </div>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Field field="operation.alreadyOnline">
        <Radio.Group
          options={[
            { label: m.online, value: true },
            { label: m.notOnline, value: false },
          ]}
        />
      </Field>
      <Field
        field="operation.launchDate"
        label={online === false ? m.plannedLaunch : m.launch}
        required={online !== false}
        extra={online === false ? m.fileBeforeLaunch : undefined}
        {...dateProps}
      >
        <DatePicker />
      </Field>
    </>
  );
}
