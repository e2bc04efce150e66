/**
 * Staff accounts (SPEC §1 admin): who they are, their roles, state and last sign-in; create one (the TOTP QR and
 * first password shown once), change roles, disable or enable, reset the one-time code or the password (a new first
 * password, shown once). The server keeps the last active admin (409), and its message is shown as it is.
 */
import { Button, Card, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { StaffAccount, StaffCreate } from '../../../../shared/api/adminStaff.js';
import { STAFF_ROLES, type StaffRoleName } from '../../../../shared/api/staffRoles.js';
import { toNamePath } from '../../../../shared/fieldPath.js';
import { Popconfirm } from '../../../components/overlays/overlays.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useCreateStaff, useResetStaffPassword, useResetTotp, useStaff, useUpdateStaff } from '../api/staff.js';
import { adminCatalog } from '../catalog.js';
import { type Enrolment, EnrolmentModal } from '../components/EnrolmentModal.js';
import { type GivenPassword, PasswordModal } from '../components/PasswordModal.js';

const ROLE_COLORS: Record<string, string> = { admin: 'red', reviewer: 'blue', complaints: 'purple' };

/** A rule from one field of the shared create schema (zod: fetched at the first check, not with the page). */
const fieldRule = (field: keyof StaffCreate) => ({
  validator: async (_r: unknown, value: unknown) => {
    const { staffCreateBody } = await import('../../../../shared/api/adminStaff.js');
    const res = staffCreateBody.shape[field].safeParse(value);
    if (!res.success) throw new Error(res.error.issues[0]?.message ?? 'invalid');
  },
});

function RoleBoxes() {
  const { t } = useCatalog(adminCatalog);
  return <Checkbox.Group options={STAFF_ROLES.map((r) => ({ value: r, label: t(`staff.role.${r}`) }))} />;
}

function CreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (e: Enrolment) => void;
}) {
  const { t } = useCatalog(adminCatalog);
  const [form] = Form.useForm<StaffCreate>();
  const create = useCreateStaff();
  const issueText = useIssueText();
  const errorText = useApiErrorText();
  const submit = (v: StaffCreate) =>
    create.mutate(v, {
      onSuccess: (r) => {
        form.resetFields();
        onClose();
        onCreated({
          name: r.account.displayName ?? r.account.email,
          ...r.enrolment,
          initialPassword: r.initialPassword,
        });
      },
      onError: (err) => {
        const fields =
          err instanceof ApiError && err.errors.length
            ? err.errors.map((e) => ({ field: e.field, text: issueText(e) }))
            : [{ field: 'email', text: errorText(err) }];
        form.setFields(fields.map((e) => ({ name: toNamePath(e.field) as never, errors: [e.text] })));
      },
    });
  return (
    <Modal
      open={open}
      title={t('staff.create')}
      onCancel={onClose}
      okText={t('staff.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<StaffCreate>
        form={form}
        name="staff-create"
        layout="vertical"
        onFinish={submit}
        initialValues={{ roles: ['reviewer'] }}
      >
        <Form.Item label={t('staff.email')} name="email" rules={[fieldRule('email')]}>
          <Input inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('staff.displayName')} name="displayName" rules={[fieldRule('displayName')]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t('staff.roles')} name="roles" rules={[fieldRule('roles')]}>
          <RoleBoxes />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesModal({ account, onClose }: { account: StaffAccount | null; onClose: () => void }) {
  const { t } = useCatalog(adminCatalog);
  const { message } = useFeedback();
  const [roles, setRoles] = useState<StaffRoleName[]>([]);
  const update = useUpdateStaff();
  const errorText = useApiErrorText();
  return (
    <Modal
      open={account !== null}
      title={`${t('staff.editRoles')}：${account?.displayName ?? account?.email ?? ''}`}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: roles.length === 0 }}
      confirmLoading={update.isPending}
      afterOpenChange={(o) => {
        if (o && account)
          setRoles(account.roles.filter((r): r is StaffRoleName => (STAFF_ROLES as readonly string[]).includes(r)));
      }}
      onOk={() =>
        account &&
        update.mutate(
          { id: account.id, body: { roles } },
          {
            onSuccess: () => {
              message.success(t('common.saved'));
              onClose();
            },
            onError: (err) => message.error(errorText(err)),
          },
        )
      }
      destroyOnHidden
    >
      <Checkbox.Group
        value={roles}
        onChange={(v) => setRoles(v as StaffRoleName[])}
        options={STAFF_ROLES.map((r) => ({ value: r, label: t(`staff.role.${r}`) }))}
      />
    </Modal>
  );
}

export function StaffPage() {
  const { t } = useCatalog(adminCatalog);
  const { message } = useFeedback();
  const staff = useStaff();
  const update = useUpdateStaff();
  const reset = useResetTotp();
  const resetPassword = useResetStaffPassword();
  const [given, setGiven] = useState<GivenPassword | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<StaffAccount | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const errorText = useApiErrorText();
  const onError = (err: Error) => message.error(errorText(err));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('staff.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="staff-create">
          {t('staff.create')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('staff.hint')}</Typography.Paragraph>
      {/* In its card, the table scrolls sideways on a phone; the page does not (e2e/account.test.ts measures it). */}
      <Card size="small" data-testid="staff-card">
        <Table<StaffAccount>
          rowKey="id"
          loading={staff.isLoading}
          dataSource={staff.data ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          columns={[
            {
              title: t('staff.displayName'),
              key: 'name',
              render: (_, a) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {a.displayName ?? '—'}{' '}
                    {a.self && <Typography.Text type="secondary">{t('staff.you')}</Typography.Text>}
                  </Typography.Text>
                  <Typography.Text type="secondary">{a.email}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('staff.roles'),
              key: 'roles',
              render: (_, a) =>
                a.roles
                  .filter((r) => (STAFF_ROLES as readonly string[]).includes(r))
                  .map((r) => (
                    <Tag key={r} color={ROLE_COLORS[r]}>
                      {t(`staff.role.${r}`)}
                    </Tag>
                  )),
            },
            {
              title: t('staff.state'),
              key: 'state',
              render: (_, a) =>
                a.disabled ? <Tag>{t('staff.disabled')}</Tag> : <Tag color="success">{t('staff.active')}</Tag>,
            },
            {
              title: t('staff.lastSignIn'),
              key: 'last',
              render: (_, a) => (a.lastSignInAt ? formatDateTime(a.lastSignInAt) : t('staff.never')),
            },
            {
              title: t('staff.actions'),
              key: 'actions',
              render: (_, a) => (
                <Space wrap size="small">
                  <Button size="small" onClick={() => setEditing(a)}>
                    {t('staff.editRoles')}
                  </Button>
                  {a.disabled ? (
                    <Button
                      size="small"
                      onClick={() => update.mutate({ id: a.id, body: { disabled: false } }, { onError })}
                    >
                      {t('staff.enable')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('staff.disableConfirm')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => update.mutate({ id: a.id, body: { disabled: true } }, { onError })}
                    >
                      <Button size="small" danger>
                        {t('staff.disable')}
                      </Button>
                    </Popconfirm>
                  )}
                  <Popconfirm
                    title={t('staff.resetConfirm')}
                    okText={t('common.ok')}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      reset.mutate(a.id, {
                        onSuccess: (r) => setEnrolment({ name: a.displayName ?? a.email, ...r.enrolment }),
                        onError,
                      })
                    }
                  >
                    <Button size="small">{t('staff.resetTotp')}</Button>
                  </Popconfirm>
                  {!a.self && (
                    <Popconfirm
                      title={t('staff.resetPasswordConfirm')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() =>
                        resetPassword.mutate(a.id, {
                          onSuccess: (r) => setGiven({ name: a.displayName ?? a.email, password: r.initialPassword }),
                          onError,
                        })
                      }
                    >
                      <Button size="small" data-testid={`reset-password-${a.id}`}>
                        {t('staff.resetPassword')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <CreateModal open={creating} onClose={() => setCreating(false)} onCreated={setEnrolment} />
      <RolesModal account={editing} onClose={() => setEditing(null)} />
      <EnrolmentModal enrolment={enrolment} onClose={() => setEnrolment(null)} />
      <PasswordModal given={given} onClose={() => setGiven(null)} />
    </Space>
  );
}
