import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { DatePicker } from '../../../../components/datePicker/DatePicker.js';
import { useCatalog } from '../../../../lib/i18n.js';
import { Field, GroupError } from './EditorContext.js';
import { counted, LIMITS } from './limits.js';

export const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined }),
  normalize: (v: unknown) => (v && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined),
};

export function PlatformStep() {
  const { t } = useCatalog(editorCatalog);
  const publishes = Form.useWatch(['platform', 'publishesVulnerabilities']);
  const online = Form.useWatch(['operation', 'alreadyOnline']);
  return (
    <>
      <Field field="platform.name">
        <Input {...counted(LIMITS.platformName)} placeholder={t('form.namePlaceholder')} />
      </Field>
      <Field field="platform.homepageUrl">
        <Input placeholder="https://" inputMode="url" {...counted(LIMITS.url)} />
      </Field>
      <Field field="platform.icpNumber" extra={t('form.icpExample')}>
        <Input {...counted(LIMITS.icp)} />
      </Field>
      <Field field="platform.publishesVulnerabilities">
        <Radio.Group
          options={[
            { label: t('form.publishes'), value: true },
            { label: t('form.notPublishes'), value: false },
          ]}
        />
      </Field>
      <Form.Item label={t('form.publishUrls')} required={publishes !== false}>
        <Form.List name={['platform', 'publishUrls']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} style={{ display: 'flex', alignItems: 'baseline', gap: 8, maxWidth: 560 }}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Field
                      field={`platform.publishUrls[${i}]`}
                      path={[f.name]}
                      label={t('form.url', { n: i + 1 })}
                      required={false}
                    >
                      <Input placeholder="https://" inputMode="url" />
                    </Field>
                  </div>
                  <Button
                    type="text"
                    aria-label={t('form.removeUrl', { n: i + 1 })}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </div>
              ))}
              <GroupError field="platform.publishUrls" />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                {t('form.addUrl')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={t('form.socialAccounts')} required={false}>
        <Form.List name={['platform', 'socialAccounts']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Field field={`platform.socialAccounts[${i}].app`} path={[f.name, 'app']} label={t('form.socialApp')}>
                    <Input placeholder={t('form.socialAppPlaceholder')} {...counted(LIMITS.socialApp)} />
                  </Field>
                  <Field
                    field={`platform.socialAccounts[${i}].account`}
                    path={[f.name, 'account']}
                    label={t('form.socialAccount')}
                  >
                    <Input {...counted(LIMITS.socialAccount)} />
                  </Field>
                  <Button
                    type="text"
                    aria-label={t('form.removeSocial', { n: i + 1 })}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <GroupError field="platform.socialAccounts" />
              <div>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ app: '', account: '' })}>
                  {t('form.addSocial')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Field field="operation.alreadyOnline">
        <Radio.Group
          options={[
            { label: t('form.online'), value: true },
            { label: t('form.notOnline'), value: false },
          ]}
        />
      </Field>
      <Field
        field="operation.launchDate"
        label={online === false ? t('form.plannedLaunch') : t('form.launch')}
        required={online !== false}
        extra={online === false ? t('form.fileBeforeLaunch') : undefined}
        {...dateProps}
      >
        <DatePicker />
      </Field>
    </>
  );
}
