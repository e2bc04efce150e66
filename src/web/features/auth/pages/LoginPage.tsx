import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { commonCatalog } from '../../../../shared/i18n/locales/common.js';
import { emailIssue } from '../../../../shared/validators/contact.js';
import { homeOf, paths } from '../../../config/paths.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useCatalog } from '../../../lib/i18n.js';
import { type LoginInput, useLogin } from '../api/auth.js';

/**
 * Only paths of this app are followed after sign-in, never another site. Without one, staff land on the review
 * queue and applicants on their filings.
 */
export function safeNext(next: string | null, roles?: readonly string[]): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : homeOf(roles);
}

export function LoginPage() {
  const { t } = useCatalog(commonCatalog);
  const errorText = useApiErrorText();
  const issueText = useIssueText();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const error = login.error instanceof ApiError ? login.error : null;
  // Once the server asked for the code it stays asked for: a wrong code answers like a wrong password.
  const [askedTotp, setAskedTotp] = useState(false);
  const needTotp = askedTotp || error?.code === 'totp_required';
  useEffect(() => {
    if (error?.code === 'totp_required') setAskedTotp(true);
  }, [error?.code]);
  return (
    <Card style={{ maxWidth: 420, margin: '24px auto' }}>
      <Typography.Title level={3}>{t('auth.login')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('appName')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" />}
      <Form<LoginInput>
        name="login"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          login.mutate(v, { onSuccess: (res) => navigate(safeNext(params.get('next'), res.user.roles)) })
        }
      >
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
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          label={t('auth.password')}
          name="password"
          rules={[{ required: true, message: issueText({ code: 'required', params: { field: 'password' } }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <div style={{ textAlign: 'end', marginTop: -12, marginBottom: 12 }}>
          <Link to={paths.forgotPassword} data-testid="forgot-password">
            {t('auth.forgotPassword')}
          </Link>
        </div>
        {needTotp && (
          <Form.Item
            label={t('auth.totp')}
            name="totp"
            extra={t('auth.totpHelp')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.totpInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.login')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('auth.noAccount')} <Link to={paths.register}>{t('auth.registerNow')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
