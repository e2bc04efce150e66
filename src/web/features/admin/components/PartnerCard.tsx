/** One partner agency's delivery settings: webhook URL, signing secret (write-only), email, enabled, pull token. */
import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { deliveriesCatalog } from '../../../../shared/i18n/locales/deliveries.js';
import { Popconfirm } from '../../../components/overlays/overlays.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import { type Partner, type PartnerUpdate, useNewPullToken, useUpdatePartner } from '../api/deliveries.js';

/** The form holds every field of the update (shared/api/adminPartners.ts), blank rather than null. */
type Values = { [K in keyof PartnerUpdate]-?: NonNullable<PartnerUpdate[K]> };

export function PartnerCard({ partner }: { partner: Partner }) {
  const { t } = useCatalog(deliveriesCatalog);
  const name = useLabels().partner(partner.id, partner.name);
  const { message } = useFeedback();
  const [form] = Form.useForm<Values>();
  const update = useUpdatePartner(partner.id);
  const newToken = useNewPullToken(partner.id);
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorText = useApiErrorText();

  const onFinish = (v: Values) => {
    const body: PartnerUpdate = {};
    const url = v.webhookUrl.trim();
    const email = v.email.trim();
    if (url !== (partner.webhookUrl ?? '')) body.webhookUrl = url || null;
    if (email !== (partner.email ?? '')) body.email = email || null;
    if (v.webhookSecret) body.webhookSecret = v.webhookSecret;
    if (v.enabled !== partner.enabled) body.enabled = v.enabled;
    setError(null);
    update.mutate(body, {
      onSuccess: () => {
        form.setFieldValue('webhookSecret', '');
        message.success(t('partners.saved', { name }));
      },
      onError: (err) => setError(errorText(err)),
    });
  };

  const id = (f: string) => `partner-${partner.id}-${f}`;
  return (
    <Card
      size="small"
      title={name}
      data-testid={`partner-${partner.id}`}
      extra={
        <Space>
          <Typography.Text type="secondary">
            {t('partners.pullToken', {
              state: partner.hasPullToken ? t('partners.tokenSet') : t('partners.tokenUnset'),
            })}
          </Typography.Text>
          <Popconfirm
            title={t('partners.newTokenConfirm')}
            okText={t('ok')}
            cancelText={t('cancel')}
            disabled={!partner.hasPullToken}
            onConfirm={() =>
              newToken.mutate(undefined, {
                onSuccess: (r) => setToken(r.token),
                onError: (err) => message.error(errorText(err)),
              })
            }
          >
            <Button
              size="small"
              icon={<KeyOutlined />}
              loading={newToken.isPending}
              onClick={() => {
                if (!partner.hasPullToken)
                  newToken.mutate(undefined, {
                    onSuccess: (r) => setToken(r.token),
                    onError: (err) => message.error(errorText(err)),
                  });
              }}
            >
              {t('partners.newToken')}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        name={`partner-${partner.id}`}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          webhookUrl: partner.webhookUrl ?? '',
          webhookSecret: '',
          email: partner.email ?? '',
          enabled: partner.enabled,
        }}
      >
        <Form.Item
          label={t('partners.webhookUrl')}
          name="webhookUrl"
          rules={[{ pattern: /^https?:\/\/\S+$/, message: t('partners.urlInvalid') }]}
          style={{ marginBottom: 12 }}
        >
          <Input placeholder="https://" inputMode="url" />
        </Form.Item>
        <Form.Item
          label={t('partners.webhookSecret')}
          name="webhookSecret"
          rules={[{ min: 16, max: 256, message: t('partners.secretLength') }]}
          extra={partner.hasWebhookSecret ? t('partners.secretKeep') : undefined}
          style={{ marginBottom: 12 }}
        >
          <Input.Password
            autoComplete="new-password"
            placeholder={partner.hasWebhookSecret ? t('partners.secretSet') : t('partners.secretUnset')}
            visibilityToggle={false}
          />
        </Form.Item>
        <Form.Item
          label={t('partners.email')}
          name="email"
          rules={[{ type: 'email', message: t('partners.emailInvalid') }]}
          style={{ marginBottom: 12 }}
        >
          <Input inputMode="email" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space>
            <label htmlFor={id('enabled')}>{t('partners.enabled')}</label>
            <Form.Item name="enabled" valuePropName="checked" noStyle>
              <Switch id={id('enabled')} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('partners.save')}
          </Button>
        </Space>
      </Form>
      <Modal
        open={token !== null}
        title={t('partners.tokenTitle', { name })}
        closable={false}
        maskClosable={false}
        keyboard={false}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setToken(null)}>
            {t('partners.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('partners.tokenOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph code copyable data-testid="pull-token" style={{ wordBreak: 'break-all' }}>
          {token}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
