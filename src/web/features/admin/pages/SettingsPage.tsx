/**
 * The settings page (SPEC §1 admin): effective date (Art. 8, 10), the filing number's format with a live preview
 * (SPEC §3), the upload limit, the complaint channels and time limits (Art. 9), the monitor's schedule (SPEC §10),
 * and the partner agencies' endpoints. Fields are checked with the server's own schemas as the admin types; a
 * refusal from the server lands on the field it names. Only the values that changed are sent.
 */

import type { FormRule as Rule } from 'antd';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Space, Spin, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  SETTING_SCHEMAS,
  type SettingKey,
  type SettingsResponse,
  type SettingsUpdate,
  type SettingsValues,
} from '../../../../shared/api/adminSettings.js';
import { COMPLAINT_CATEGORIES } from '../../../../shared/complaints/lifecycle.js';
import { toNamePath } from '../../../../shared/fieldPath.js';
import { formatFilingNumber } from '../../../../shared/filing/numberFormat.js';
import { DatePicker } from '../../../components/datePicker/DatePicker.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import { usePartners } from '../api/deliveries.js';
import { useSettings, useUpdateSettings } from '../api/settings.js';
import { adminCatalog } from '../catalog.js';
import { PartnerCard } from '../components/PartnerCard.js';

const MB = 1024 * 1024;

/** The form holds the settings' groups as the API does, except the upload limit, shown in MB. */
type FormValues = Omit<SettingsValues, 'upload'> & { upload: { maxMb: number } };

const toForm = (s: SettingsValues): FormValues => ({
  ...s,
  upload: { maxMb: Math.round((s.upload.maxBytes / MB) * 10) / 10 },
});

const fromForm = (v: FormValues): SettingsValues => ({
  ...v,
  upload: { maxBytes: Math.round(v.upload.maxMb * MB) },
  complaints: {
    ...v.complaints,
    // An emptied category goes back to the default.
    limitWorkingDays: Object.fromEntries(
      Object.entries(v.complaints.limitWorkingDays ?? {}).filter(([, n]) => typeof n === 'number'),
    ),
  },
});

/** A form rule from the shared schema of one setting: the message the server would give. */
const rule = (key: SettingKey, map: (v: unknown) => unknown = (v) => v): Rule => ({
  validator: async (_r, value) => {
    const res = SETTING_SCHEMAS[key].safeParse(map(value));
    if (!res.success) throw new Error(res.error.issues[0]?.message ?? 'invalid');
  },
});

function changedOnly(before: SettingsValues, after: SettingsValues): SettingsUpdate {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [group, values] of Object.entries(after) as [string, Record<string, unknown>][]) {
    const old = (before as unknown as Record<string, Record<string, unknown>>)[group] ?? {};
    for (const [name, value] of Object.entries(values)) {
      if (JSON.stringify(value) === JSON.stringify(old[name])) continue;
      out[group] = { ...out[group], [name]: value };
    }
  }
  return out as SettingsUpdate;
}

function NumberPreview({ data }: { data: SettingsResponse }) {
  const { t } = useCatalog(adminCatalog);
  const format = Form.useWatch<string | undefined>(['filingNumber', 'format']);
  const valid = format !== undefined && SETTING_SCHEMAS['filingNumber.format'].safeParse(format).success;
  return (
    <Typography.Text data-testid="number-preview" type={valid ? undefined : 'danger'}>
      {valid
        ? t('settings.preview', {
            number: formatFilingNumber(format.trim(), data.numbering.year, data.numbering.nextSeq),
          })
        : t('settings.previewInvalid')}
    </Typography.Text>
  );
}

function SettingsForm({ data }: { data: SettingsResponse }) {
  const { t } = useCatalog(adminCatalog);
  const labels = useLabels();
  const { message } = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const update = useUpdateSettings();
  const [error, setError] = useState<string | null>(null);
  const errorText = useApiErrorText();
  const issueText = useIssueText();

  useEffect(() => form.setFieldsValue(toForm(data.settings)), [data, form]);

  const onFinish = (v: FormValues) => {
    setError(null);
    const body = changedOnly(data.settings, fromForm(v));
    if (!Object.keys(body).length) {
      message.info(t('common.unchanged'));
      return;
    }
    update.mutate(body, {
      onSuccess: () => message.success(t('common.saved')),
      onError: (err) => {
        setError(errorText(err));
        if (err instanceof ApiError && err.errors.length) {
          form.setFields(
            err.errors.map((e) => ({
              name: (e.field === 'upload.maxBytes' ? ['upload', 'maxMb'] : toNamePath(e.field)) as never,
              errors: [issueText(e)],
            })),
          );
        }
      },
    });
  };

  const cardStyle = { marginBottom: 16 } as const;
  return (
    <Form<FormValues>
      form={form}
      name="settings"
      layout="vertical"
      initialValues={toForm(data.settings)}
      onFinish={onFinish}
      onFinishFailed={() => setError(t('settings.invalid'))}
      onValuesChange={() => setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={cardStyle} />}
      <Card size="small" title={t('settings.measures')} style={cardStyle}>
        <Form.Item
          label={t('settings.effectiveDate')}
          name={['measures', 'effectiveDate']}
          extra={t('settings.effectiveDateHelp')}
          rules={[rule('measures.effectiveDate')]}
          getValueProps={(v: string) => ({ value: v ? dayjs(v) : null })}
          normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')}
        >
          <DatePicker allowClear={false} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('settings.numbering')} style={cardStyle}>
        <Form.Item
          label={t('settings.format')}
          name={['filingNumber', 'format']}
          extra={t('settings.formatHelp')}
          rules={[rule('filingNumber.format')]}
          style={{ marginBottom: 8 }}
        >
          <Input maxLength={100} />
        </Form.Item>
        <NumberPreview data={data} />
      </Card>
      <Card size="small" title={t('settings.upload')} style={cardStyle}>
        <Form.Item
          label={t('settings.maxMb')}
          name={['upload', 'maxMb']}
          rules={[rule('upload.maxBytes', (mb) => (typeof mb === 'number' ? Math.round(mb * MB) : mb))]}
        >
          <InputNumber min={0.001} max={200} step={1} style={{ width: 160 }} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('settings.complaints')} style={cardStyle}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('settings.phone')}
              name={['complaints', 'phone']}
              extra={t('settings.phoneHelp')}
              rules={[rule('complaints.phone')]}
            >
              <Input inputMode="tel" maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('settings.email')} name={['complaints', 'email']} rules={[rule('complaints.email')]}>
              <Input inputMode="email" maxLength={254} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph strong>{t('settings.limits')}</Typography.Paragraph>
        <Row gutter={16}>
          {COMPLAINT_CATEGORIES.map((c) => (
            <Col xs={24} md={12} key={c}>
              <Form.Item
                label={labels.complaintCategory(c)}
                name={['complaints', 'limitWorkingDays', c]}
                rules={[
                  {
                    validator: async (_r, v) => {
                      if (v === null || v === undefined) return;
                      const res = SETTING_SCHEMAS['complaints.limitWorkingDays'].safeParse({ [c]: v });
                      if (!res.success) throw new Error(res.error.issues[0]?.message ?? 'invalid');
                    },
                  },
                ]}
              >
                <InputNumber
                  min={1}
                  max={120}
                  placeholder={t('settings.limitDefault', { count: data.defaults.complaintLimitWorkingDays })}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={t('settings.monitor')} style={cardStyle}>
        <Typography.Paragraph type="secondary">{t('settings.monitorHelp')}</Typography.Paragraph>
        <Space wrap size="large" align="start">
          <Form.Item label={t('settings.daily')} name={['monitor', 'daily']} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            label={t('settings.spreadHours')}
            name={['monitor', 'spreadHours']}
            rules={[rule('monitor.spreadHours')]}
          >
            <InputNumber min={1} max={24} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            label={t('settings.hostDelayMs')}
            name={['monitor', 'hostDelayMs']}
            rules={[rule('monitor.hostDelayMs')]}
          >
            <InputNumber min={0} max={60000} step={100} style={{ width: 160 }} />
          </Form.Item>
        </Space>
      </Card>
      {/* Settings the form does not show are carried as they are. */}
      <Form.Item name={['article8', 'launchWarningDays']} hidden>
        <InputNumber />
      </Form.Item>
      <Form.Item name={['complaints', 'evidenceMaxBytes']} hidden>
        <InputNumber />
      </Form.Item>
      <Form.Item name={['complaints', 'altchaMaxNumber']} hidden>
        <InputNumber />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

export function SettingsPage() {
  const { t } = useCatalog(adminCatalog);
  const errorText = useApiErrorText();
  const settings = useSettings();
  const partners = usePartners();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2}>{t('settings.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('settings.hint')}</Typography.Paragraph>
      </div>
      {settings.error && (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: errorText(settings.error) })} />
      )}
      {settings.data ? <SettingsForm data={settings.data} /> : !settings.error && <Spin />}
      <div>
        <Typography.Title level={3}>{t('settings.partners')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {(partners.data ?? []).map((p) => (
            <Col xs={24} lg={12} key={p.id}>
              <PartnerCard partner={p} />
            </Col>
          ))}
        </Row>
      </div>
    </Space>
  );
}
