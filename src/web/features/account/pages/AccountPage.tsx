/**
 * The signed-in account (applicants and staff): who it is, and 修改密码 with the current password. The other
 * sessions end, this one stays; a wrong current password counts like a failed sign-in (the server says so with 400
 * `wrong_password`, or 423 once the account is locked).
 */
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { accountCatalog } from '../../../../shared/i18n/locales/account.js';
import { CONFIRM_FIELD, NewPasswordFields, usePasswordServerErrors } from '../../../components/NewPasswordFields.js';
import { hasAnyRole, STAFF_ROLES } from '../../../config/paths.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useMe } from '../../../lib/session.js';
import { useChangePassword } from '../api/account.js';

interface ChangeForm {
  currentPassword: string;
  newPassword: string;
  [CONFIRM_FIELD]: string;
}

const ROLES = ['applicant', 'reviewer', 'admin', 'complaints'] as const;

export function AccountPage() {
  const { t } = useCatalog(accountCatalog);
  const { message } = useFeedback();
  const errorText = useApiErrorText();
  const me = useMe().data;
  const change = useChangePassword();
  const serverErrors = usePasswordServerErrors('newPassword', 'currentPassword');
  const [form] = Form.useForm<ChangeForm>();
  const [done, setDone] = useState<number | null>(null);
  const error = change.error instanceof ApiError ? change.error : null;
  // Field errors go beside the fields; a lock (423) or anything else above the form.
  const shownAbove = error && !['wrong_password', 'same_password'].includes(error.code) && !error.errors.length;
  if (!me) return null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('page.title')}
      </Typography.Title>
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('page.email')}>{me.email}</Descriptions.Item>
          {me.displayName && <Descriptions.Item label={t('page.name')}>{me.displayName}</Descriptions.Item>}
          <Descriptions.Item label={t('page.roles')}>
            {ROLES.filter((r) => me.roles.includes(r)).map((r) => (
              <Tag key={r}>{t(`page.role.${r}`)}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={<span id="change-password">{t('page.change')}</span>}>
        <Typography.Paragraph type="secondary">{t('page.changeLead')}</Typography.Paragraph>
        {hasAnyRole(me.roles, STAFF_ROLES) && (
          <Alert type="info" showIcon title={t('page.staffTotp')} style={{ marginBottom: 16 }} />
        )}
        {done !== null && (
          <Alert
            type="success"
            showIcon
            role="status"
            data-testid="password-changed"
            title={done > 0 ? t('page.changedOthers', { count: done }) : t('page.changed')}
            style={{ marginBottom: 16 }}
          />
        )}
        {shownAbove && (
          <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 16 }} />
        )}
        <Form<ChangeForm>
          form={form}
          name="change-password"
          aria-labelledby="change-password"
          layout="vertical"
          requiredMark={false}
          onValuesChange={() => setDone(null)}
          onFinish={(v) =>
            change.mutate(
              { currentPassword: v.currentPassword, newPassword: v.newPassword },
              {
                onSuccess: (res) => {
                  form.resetFields();
                  setDone(res.sessionsEnded);
                  message.success(t('page.changed'));
                },
                onError: (err) => form.setFields(serverErrors(err) as never),
              },
            )
          }
        >
          <Form.Item
            label={t('page.current')}
            name="currentPassword"
            extra={t('page.currentHelp')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <NewPasswordFields
            name="newPassword"
            label={t('page.newPassword')}
            confirmLabel={t('page.confirmPassword')}
          />
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('page.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
