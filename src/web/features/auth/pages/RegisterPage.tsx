import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { toNamePath } from '../../../../shared/fieldPath.js';
import { commonCatalog } from '../../../../shared/i18n/locales/common.js';
import { signUpCatalog } from '../../../../shared/i18n/locales/signUp.js';
import { emailIssue } from '../../../../shared/validators/contact.js';
import { isPasswordShapeOk } from '../../../../shared/validators/password.js';
import { paths } from '../../../config/paths.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useCatalog } from '../../../lib/i18n.js';
import { type RegisterInput, useRegister } from '../api/auth.js';

export function RegisterPage() {
  const { t } = useCatalog(commonCatalog);
  const s = useCatalog(signUpCatalog).t;
  const errorText = useApiErrorText();
  const issueText = useIssueText();
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
          extra={<Link to={paths.login}>{t('auth.loginNow')}</Link>}
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
          form.setFields(err.errors.map((e) => ({ name: toNamePath(e.field) as never, errors: [issueText(e)] })));
        }
      },
    });
  return (
    <Card style={{ maxWidth: 420, margin: '24px auto' }}>
      <Typography.Title level={3}>{t('auth.register')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('appName')}</Typography.Paragraph>
      {error && !error.errors.length && (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<RegisterInput> form={form} name="register" layout="vertical" requiredMark={false} onFinish={onFinish}>
        <Form.Item
          label={t('auth.email')}
          name="email"
          rules={[
            {
              validator: async (_, v?: string) => {
                const found = emailIssue(v ?? '');
                if (found) throw new Error(issueText(found));
              },
            },
          ]}
        >
          <Input autoComplete="email" autoFocus />
        </Form.Item>
        {/* The rule is said once, under the field; a password that breaks it gets a short error, not the rule again. */}
        <Form.Item
          label={t('auth.password')}
          name="password"
          extra={t('auth.passwordHint')}
          rules={[
            {
              validator: async (_, v?: string) => {
                if (!v) throw new Error(issueText({ code: 'required', params: { field: 'password' } }));
                if (!isPasswordShapeOk(v)) throw new Error(t('auth.passwordWeak'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t('auth.displayName')} name="displayName">
          <Input autoComplete="nickname" maxLength={50} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={register.isPending}>
          {t('auth.register')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('auth.haveAccount')} <Link to={paths.login}>{t('auth.loginNow')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
