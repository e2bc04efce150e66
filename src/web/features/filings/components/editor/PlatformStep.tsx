import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { Field, GroupError } from './EditorContext.js';

export const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
  normalize: (v: unknown) => (v && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined),
};

export function PlatformStep() {
  const publishes = Form.useWatch(['platform', 'publishesVulnerabilities']);
  const online = Form.useWatch(['operation', 'alreadyOnline']);
  return (
    <>
      <Field field="platform.name">
        <Input maxLength={100} showCount placeholder="如：某某漏洞收集平台" />
      </Field>
      <Field field="platform.homepageUrl">
        <Input placeholder="https://" inputMode="url" />
      </Field>
      <Field field="platform.icpNumber" extra="如：京ICP备16020626号-8">
        <Input />
      </Field>
      <Field field="platform.publishesVulnerabilities">
        <Radio.Group
          options={[
            { label: '发布漏洞信息', value: true },
            { label: '不发布', value: false },
          ]}
        />
      </Field>
      <Form.Item label="发布漏洞的相关网址" required={publishes !== false}>
        <Form.List name={['platform', 'publishUrls']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Field field={`platform.publishUrls[${i}]`} path={[f.name]} label={`网址 ${i + 1}`} required={false}>
                    <Input placeholder="https://" style={{ width: 480 }} />
                  </Field>
                  <Button
                    type="text"
                    aria-label={`删除网址 ${i + 1}`}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <GroupError field="platform.publishUrls" />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                添加网址
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label="发布漏洞的社交软件公众号" required={false}>
        <Form.List name={['platform', 'socialAccounts']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Field field={`platform.socialAccounts[${i}].app`} path={[f.name, 'app']} label="社交软件名称">
                    <Input placeholder="如：微信" />
                  </Field>
                  <Field field={`platform.socialAccounts[${i}].account`} path={[f.name, 'account']} label="公众号">
                    <Input />
                  </Field>
                  <Button
                    type="text"
                    aria-label={`删除公众号 ${i + 1}`}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <GroupError field="platform.socialAccounts" />
              <div>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ app: '', account: '' })}>
                  添加公众号
                </Button>
              </div>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Field field="operation.alreadyOnline">
        <Radio.Group
          options={[
            { label: '已上线运行', value: true },
            { label: '尚未上线', value: false },
          ]}
        />
      </Field>
      <Field
        field="operation.launchDate"
        label={online === false ? '计划上线日期' : '上线日期'}
        extra={online === false ? '漏洞收集平台应在上线前完成备案（第八条）' : undefined}
        {...dateProps}
      >
        <DatePicker />
      </Field>
    </>
  );
}
