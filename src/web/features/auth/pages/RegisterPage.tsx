import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { toNamePath } from '../../../../shared/fieldPath.js';
import { signUpCatalog } from '../../../../shared/i18n/locales/signUp.js';
import { paths } from '../../../config/paths.js';
import { ApiError } from '../../../lib/api.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import { type RegisterInput, useRegister } from '../api/auth.js';

export function RegisterPage() {
  const { t } = useI18n();
  const s = useCatalog(signUpCatalog).t;
  const register = useRegister();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [form] = Form.useForm<RegisterInput>();
  const error = register.error instanceof ApiError ? register.error : null;
  if (sentTo) {
    return (
      <Card style={{ maxWidth: 520, margin: '48px auto' }}>
        <Result
          status="success"
          title={s('sentTitle')}
          subTitle={s('sentText', { email: sentTo })}
          extra={<Link to={paths.login}>{t.loginNow}</Link>}
        />
        <Typography.Paragraph type="secondary">{s('sentHint')}</Typography.Paragraph>
      </Card>
    );
  }
  const onFinish = (v: RegisterInput) =>
    register.mutate(v, {
      onSuccess: () => setSentTo(v.email.trim().toLowerCase()),
      onError: (err) => {
        if (err instanceof ApiError && err.errors.length) {
          form.setFields(err.errors.map((e) => ({ name: toNamePath(e.field) as never, errors: [e.message] })));
        }
      },
    });
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={3}>{t.register}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.appName}</Typography.Paragraph>
      {error && !error.errors.length && (
        <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<RegisterInput> form={form} name="register" layout="vertical" requiredMark={false} onFinish={onFinish}>
        <Form.Item label={t.email} name="email" rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="email" autoFocus />
        </Form.Item>
        <Form.Item
          label={t.password}
          name="password"
          extra={t.passwordHint}
          rules={[
            { required: true },
            { min: 10, message: t.passwordHint },
            { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t.passwordHint },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t.displayName} name="displayName">
          <Input autoComplete="nickname" maxLength={50} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={register.isPending}>
          {t.register}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t.haveAccount} <Link to={paths.login}>{t.loginNow}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
