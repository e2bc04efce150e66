/**
 * 忘记密码, from the sign-in page: the address gets a reset link if it has an account. The answer is the same either
 * way, so the page says "if it is registered" and never whether it is.
 */
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ForgotPasswordBody } from '../../../../shared/api/auth.js';
import { accountCatalog } from '../../../../shared/i18n/locales/account.js';
import { commonCatalog } from '../../../../shared/i18n/locales/common.js';
import { emailIssue } from '../../../../shared/validators/contact.js';
import { paths } from '../../../config/paths.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useForgotPassword } from '../api/auth.js';

export function ForgotPasswordPage() {
  const { t } = useCatalog(accountCatalog);
  const c = useCatalog(commonCatalog).t;
  const errorText = useApiErrorText();
  const issueText = useIssueText();
  const forgot = useForgotPassword();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const error = forgot.error instanceof ApiError ? forgot.error : null;
  if (sentTo) {
    return (
      <Card style={{ maxWidth: 520, margin: '48px auto' }} data-testid="forgot-sent">
        <Result
          status="success"
          title={t('forgot.sentTitle')}
          subTitle={t('forgot.sentText', { email: sentTo })}
          extra={<Link to={paths.login}>{t('backToLogin')}</Link>}
        />
        <Typography.Paragraph type="secondary">{t('forgot.sentHint')}</Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card style={{ maxWidth: 420, margin: '24px auto' }}>
      <Typography.Title level={3}>{t('forgot.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('forgot.lead')}</Typography.Paragraph>
      <Alert type="info" showIcon title={t('forgot.staffNote')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" />}
      <Form<ForgotPasswordBody>
        name="forgot-password"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => forgot.mutate(v, { onSuccess: () => setSentTo(v.email.trim().toLowerCase()) })}
      >
        <Form.Item
          label={c('auth.email')}
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
          <Input autoComplete="email" inputMode="email" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={forgot.isPending}>
          {t('forgot.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <Link to={paths.login}>{t('backToLogin')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
