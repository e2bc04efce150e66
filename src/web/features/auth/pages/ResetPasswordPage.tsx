/**
 * The page the reset mail links to: `/reset-password#token=…` sets a new password. It signs nobody in (every session
 * of the account has just ended): the user signs in again, staff with their one-time code as before.
 */
import { Alert, Button, Card, Form, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { accountCatalog } from '../../../../shared/i18n/locales/account.js';
import { NewPasswordFields, usePasswordServerErrors } from '../../../components/NewPasswordFields.js';
import { paths } from '../../../config/paths.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useResetPassword } from '../api/auth.js';

/** The token travels in the fragment, which the browser never sends to a server. */
const tokenInHash = () => new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');

export function ResetPasswordPage() {
  const { t } = useCatalog(accountCatalog);
  const errorText = useApiErrorText();
  const serverErrors = usePasswordServerErrors('password');
  const reset = useResetPassword();
  const navigate = useNavigate();
  const [token] = useState(tokenInHash);
  // Once read, it leaves the address bar (and the history), so it is not shown, bookmarked or shared by accident.
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  const [form] = Form.useForm<{ password: string }>();
  const error = reset.error instanceof ApiError ? reset.error : null;
  const badLink = !token || error?.code === 'invalid_token';

  if (reset.data) {
    return (
      <Card style={{ maxWidth: 520, margin: '48px auto' }} data-testid="reset-done">
        <Result
          status="success"
          title={t('reset.doneTitle')}
          subTitle={t('reset.doneText')}
          extra={
            <Button type="primary" onClick={() => navigate(paths.login)}>
              {t('reset.login')}
            </Button>
          }
        />
        {reset.data.totpRequired && <Alert type="info" showIcon title={t('reset.doneTotp')} />}
      </Card>
    );
  }
  return (
    <Card style={{ maxWidth: 420, margin: '24px auto' }}>
      <Typography.Title level={3}>{t('reset.title')}</Typography.Title>
      {badLink ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={token ? t('reset.invalid') : t('reset.noToken')}
          description={<Link to={paths.forgotPassword}>{t('reset.again')}</Link>}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('reset.lead')}</Typography.Paragraph>
          <Alert type="info" showIcon title={t('reset.staffNote')} style={{ marginBottom: 16 }} />
          {error && !error.errors.length && (
            <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" />
          )}
          <Form<{ password: string }>
            form={form}
            name="reset-password"
            layout="vertical"
            requiredMark={false}
            onFinish={(v) =>
              reset.mutate(
                { token: token ?? '', password: v.password },
                { onError: (err) => form.setFields(serverErrors(err) as never) },
              )
            }
          >
            <NewPasswordFields
              name="password"
              label={t('reset.newPassword')}
              confirmLabel={t('reset.confirmPassword')}
            />
            <Button type="primary" htmlType="submit" block loading={reset.isPending}>
              {t('reset.submit')}
            </Button>
          </Form>
        </>
      )}
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <Link to={paths.login}>{t('backToLogin')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
