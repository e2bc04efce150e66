/**
 * The applicant's actions after approval (Articles 6, 7): apply for a change (declaring the day the information
 * changed) or for deregistration (termination date, reason, confirmation), and the open change or scheduled
 * deregistration with the way to cancel it. Which buttons show is the server's `allowedActions`.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ZodError } from 'zod';
import { startChangeBody } from '../../../../shared/api/changes.js';
import { deregistrationBody } from '../../../../shared/api/deregistration.js';
import { chinaToday } from '../../../../shared/calendar/dates.js';
import { changesCatalog } from '../../../../shared/i18n/locales/changes.js';
import { lifecycleCatalog } from '../../../../shared/i18n/locales/lifecycle.js';
import { paths } from '../../../config/paths.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useLabels } from '../../../lib/labels.js';
import { type Filing, type FilingAction, filingKey, filingsKey } from '../api/filings.js';
import { cancelChange, cancelDeregistration, deregister, startChange } from '../api/lifecycle.js';

/** Puts a zod or API error on the form's fields (the API names `changeDate`, `terminationDate`, `reason`). */
function showErrors<T>(form: FormInstance<T>, errors: { field: string; message: string }[]) {
  form.setFields(errors.map((e) => ({ name: e.field as never, errors: [e.message] })));
}

/**
 * One dialog's submit: check the values with the shared schema (the server's own), send, then close and reload
 * the filing; field errors from either side land on the form's fields.
 */
function useSchemaSubmit<T, R>(
  f: Filing,
  form: FormInstance,
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: ZodError } },
  send: (body: T) => Promise<R>,
  done: (result: R) => string,
  onClose: () => void,
) {
  const [busy, setBusy] = useState(false);
  const { message } = useFeedback();
  const refresh = useRefresh(f.id);
  const issueText = useIssueText();
  const errorText = useApiErrorText();
  const submit = async (values: unknown) => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      showErrors(
        form,
        parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })),
      );
      return;
    }
    setBusy(true);
    try {
      message.success(done(await send(parsed.data)));
      onClose();
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        showErrors(
          form,
          e.errors.map((x) => ({ field: x.field, message: issueText(x) })),
        );
      else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: filingKey(id) });
    await qc.invalidateQueries({ queryKey: filingsKey, exact: true });
  };
}

function ChangeModal({ f, open, onClose }: { f: Filing; open: boolean; onClose: () => void }) {
  const { t } = useCatalog(lifecycleCatalog);
  const [form] = Form.useForm<{ changeDate: string }>();
  const today = chinaToday();
  const { busy, submit } = useSchemaSubmit(
    f,
    form,
    startChangeBody,
    (body) => startChange(f.id, body),
    () => t('change.started'),
    onClose,
  );
  return (
    <Modal
      open={open}
      title={t('change.title')}
      onCancel={onClose}
      okText={t('change.submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('change.explain')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ changeDate: today }}>
        <Form.Item
          name="changeDate"
          label={t('change.changeDate')}
          extra={t('change.changeDateHelp')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input type="date" max={today} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DeregValues {
  terminationDate: string;
  reason?: string;
  confirmed?: boolean;
}

function DeregistrationModal({ f, open, onClose }: { f: Filing; open: boolean; onClose: () => void }) {
  const { t } = useCatalog(lifecycleCatalog);
  const [form] = Form.useForm<DeregValues>();
  const { busy, submit } = useSchemaSubmit(
    f,
    form,
    deregistrationBody,
    (body) => deregister(f.id, body),
    (d) => (d.status === 'scheduled' ? t('dereg.scheduledOk', { date: d.terminationDate }) : t('dereg.doneNow')),
    onClose,
  );
  const onFinish = ({ confirmed: _c, ...v }: DeregValues) => submit({ ...v, reason: v.reason?.trim() || undefined });
  return (
    <Modal
      open={open}
      title={t('dereg.title')}
      onCancel={onClose}
      okText={t('dereg.submit')}
      okButtonProps={{ danger: true }}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} description={t('dereg.explain')} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ terminationDate: chinaToday() }}>
        <Form.Item
          name="terminationDate"
          label={t('dereg.terminationDate')}
          extra={t('dereg.terminationDateHelp')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('dereg.reason')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          name="confirmed"
          valuePropName="checked"
          rules={[
            { validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('dereg.confirmRequired')))) },
          ]}
        >
          <Checkbox>{t('dereg.confirm')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function LifecyclePanel({ f }: { f: Filing }) {
  const { t } = useCatalog(lifecycleCatalog);
  const { t: tc } = useCatalog(changesCatalog);
  const labels = useLabels();
  const { message } = useFeedback();
  const refresh = useRefresh(f.id);
  const errorText = useApiErrorText();
  const [modal, setModal] = useState<'change' | 'dereg' | null>(null);
  const can = (a: FilingAction) => f.allowedActions.includes(a);
  const change = f.openChange;
  const dereg = f.deregistration;
  const canDeregister = can('deregister') || can('scheduleDeregistration');
  if (!(can('startChange') || canDeregister || change || dereg)) return null;
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card size="small" title={t('title')} style={{ marginBottom: 24 }} data-testid="lifecycle-panel">
      {f.status === 'approved' && <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {dereg?.status === 'scheduled' && (
          <Alert
            type="warning"
            showIcon
            data-testid="deregistration-scheduled"
            title={t('dereg.scheduled', { date: formatDate(dereg.terminationDate) })}
            description={t('dereg.scheduledHelp')}
            action={
              can('cancelDeregistration') && (
                <Popconfirm
                  title={t('dereg.cancelConfirm')}
                  okText={t('dereg.cancel')}
                  cancelText={t('close')}
                  onConfirm={() => run(() => cancelDeregistration(f.id), t('dereg.cancelled'))}
                >
                  <Button size="small">{t('dereg.cancel')}</Button>
                </Popconfirm>
              )
            }
          />
        )}
        {dereg?.status === 'done' && (
          <Alert
            type="info"
            showIcon
            data-testid="deregistration-done"
            title={t('dereg.done', { date: formatDate(dereg.terminationDate) })}
            description={
              <>
                {dereg.late && <Typography.Text type="warning">{t('dereg.lateNote')}　</Typography.Text>}
                {dereg.carriedOutAt && formatDateTime(dereg.carriedOutAt)}
              </>
            }
          />
        )}
        {change && (
          <Alert
            type="info"
            showIcon
            data-testid="open-change"
            title={t('change.open', { status: labels.changeStatus(change.status) })}
            description={
              <>
                {t('change.openDetail', {
                  changeDate: formatDate(change.changeDate),
                  deadline: formatDate(change.changeDeadline),
                })}
                {change.late && (
                  <>
                    {' '}
                    <Typography.Text type="warning">{t('change.late')}</Typography.Text>
                  </>
                )}
              </>
            }
            action={
              <Space wrap>
                <Link to={paths.change(change.id)}>
                  <Button size="small" type="primary" data-testid="open-change-link">
                    {change.status === 'correction_requested'
                      ? tc('actions.correct')
                      : change.allowedActions.includes('update')
                        ? tc('actions.continue')
                        : tc('actions.view')}
                  </Button>
                </Link>
                {change.allowedActions.includes('cancel') && (
                  <Popconfirm
                    title={t('change.cancelConfirm')}
                    okText={t('change.cancel')}
                    cancelText={t('close')}
                    onConfirm={() => run(() => cancelChange(change.id), t('change.cancelled'))}
                  >
                    <Button size="small">{t('change.cancel')}</Button>
                  </Popconfirm>
                )}
              </Space>
            }
          />
        )}
        {(can('startChange') || canDeregister) && (
          <Space wrap>
            {can('startChange') && (
              <Button type="primary" onClick={() => setModal('change')}>
                {t('startChange')}
              </Button>
            )}
            {canDeregister && (
              <Button danger onClick={() => setModal('dereg')}>
                {t('deregister')}
              </Button>
            )}
          </Space>
        )}
      </Space>
      {/* Mounted only while open, so each opening starts from a fresh form. */}
      {modal === 'change' && <ChangeModal f={f} open onClose={() => setModal(null)} />}
      {modal === 'dereg' && <DeregistrationModal f={f} open onClose={() => setModal(null)} />}
    </Card>
  );
}
