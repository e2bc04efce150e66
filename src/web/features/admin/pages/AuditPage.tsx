/**
 * The audit viewer (SPEC §7): the chain's state from the verifier, filters by who, what, subject and time (China
 * dates), pages newest first (a cursor: older / newer), and the filtered entries as CSV.
 */
import { Alert, AutoComplete, Button, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { AuditEntryView, AuditFilter } from '../../../../shared/api/adminAudit.js';
import { AUDIT_SUBJECT_TYPES } from '../../../../shared/api/auditSubjects.js';
import { RangePicker } from '../../../components/datePicker/DatePicker.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { auditExportUrl, useAuditChain, useAuditPage } from '../api/audit.js';
import { useStaff } from '../api/staff.js';
import { adminCatalog } from '../catalog.js';

interface FilterForm {
  actorId?: string;
  action?: string;
  subjectType?: AuditFilter['subjectType'];
  subjectId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const toFilter = (v: FilterForm): AuditFilter => ({
  actorId: v.actorId || undefined,
  action: v.action?.trim() || undefined,
  subjectType: v.subjectType || undefined,
  subjectId: v.subjectId?.trim() || undefined,
  from: v.range?.[0]?.format('YYYY-MM-DD'),
  to: v.range?.[1]?.format('YYYY-MM-DD'),
});

function ChainStatus() {
  const { t } = useCatalog(adminCatalog);
  const chain = useAuditChain();
  const action = (
    <Button size="small" onClick={() => chain.refetch()} loading={chain.isFetching}>
      {chain.isFetching ? t('audit.verifying') : t('audit.verify')}
    </Button>
  );
  if (!chain.data) return <Alert type="info" showIcon title={t('audit.verifying')} />;
  const { ok, checked, firstBroken } = chain.data;
  return (
    <Alert
      data-testid="audit-chain"
      type={ok ? 'success' : 'error'}
      showIcon
      title={`${t('audit.chain')}：${
        ok
          ? t('audit.chainOk', { count: checked })
          : t('audit.chainBroken', { seq: firstBroken?.seq ?? '', reason: firstBroken?.reason ?? '' })
      }`}
      action={action}
    />
  );
}

export function AuditPage() {
  const { t, i18n } = useCatalog(adminCatalog);
  const errorText = useApiErrorText();
  const [form] = Form.useForm<FilterForm>();
  const staff = useStaff();
  const [filter, setFilter] = useState<AuditFilter>({});
  // The cursors of the pages seen: [undefined, before of page 2, …].
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const page = useAuditPage(filter, before);

  const actionLabel = (a: string) => {
    const key = `audit.actions.${a}`;
    return i18n.exists(key, { ns: 'admin' }) ? t(key as never) : a;
  };
  const actionOptions = useMemo(() => {
    const tree = i18n.getResource(i18n.language, 'admin', 'audit.actions') as
      | Record<string, Record<string, string>>
      | undefined;
    return Object.entries(tree ?? {}).flatMap(([group, names]) => [
      { value: `${group}.`, label: `${group}.*` },
      ...Object.entries(names).map(([name, label]) => ({
        value: `${group}.${name}`,
        label: `${label}（${group}.${name}）`,
      })),
    ]);
  }, [i18n, i18n.language]);

  const apply = (v: FilterForm) => {
    setFilter(toFilter(v));
    setCursors([undefined]);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.hint')}</Typography.Paragraph>
      <ChainStatus />
      <Form<FilterForm> form={form} name="audit-filter" layout="vertical" onFinish={apply}>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('audit.who')} name="actorId">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('audit.whoPlaceholder')}
                options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName ?? s.email }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('audit.what')} name="action">
              <AutoComplete
                allowClear
                options={actionOptions}
                placeholder={t('audit.whatPlaceholder')}
                filterOption={(input, o) =>
                  String(o?.label ?? '')
                    .toLowerCase()
                    .includes(input.toLowerCase())
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('audit.time')} name="range">
              <RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('audit.subjectType')} name="subjectType">
              <Select
                allowClear
                options={AUDIT_SUBJECT_TYPES.map((s) => ({ value: s, label: t(`audit.subjectTypes.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('audit.subjectId')} name="subjectId">
              <Input allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label=" " colon={false}>
              <Space wrap>
                <Button type="primary" htmlType="submit" data-testid="audit-apply">
                  {t('audit.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    apply({});
                  }}
                >
                  {t('audit.reset')}
                </Button>
                <Button href={auditExportUrl(filter)} download data-testid="audit-export">
                  {t('audit.export')}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {page.error && <Alert type="error" showIcon title={errorText(page.error)} role="alert" />}
      <Table<AuditEntryView>
        rowKey="seq"
        size="small"
        data-testid="audit-table"
        loading={page.isFetching}
        dataSource={page.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('audit.empty') }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
          { title: t('audit.at'), key: 'at', width: 170, render: (_, e) => formatDateTime(e.at) },
          {
            title: t('audit.actor'),
            key: 'actor',
            width: 160,
            render: (_, e) => (e.actor ? e.actor.name || e.actor.id.slice(0, 8) : <Tag>{t('audit.system')}</Tag>),
          },
          {
            title: t('audit.action'),
            key: 'action',
            width: 220,
            render: (_, e) => (
              <Space direction="vertical" size={0}>
                <span>{actionLabel(e.action)}</span>
                <Typography.Text type="secondary" code>
                  {e.action}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('audit.subject'),
            key: 'subject',
            width: 220,
            render: (_, e) => (
              <span>
                {i18n.exists(`audit.subjectTypes.${e.subjectType}`, { ns: 'admin' })
                  ? t(`audit.subjectTypes.${e.subjectType}` as never)
                  : e.subjectType}{' '}
                <Typography.Text type="secondary" copyable={!!e.subjectId}>
                  {e.subjectId ?? ''}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: t('audit.details'),
            key: 'details',
            render: (_, e) => (
              <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {JSON.stringify(e.details)}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Space>
        <Button
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="audit-newer"
        >
          {t('audit.newer')}
        </Button>
        <Typography.Text>{t('audit.page', { page: cursors.length })}</Typography.Text>
        <Button
          disabled={!page.data?.nextBefore}
          onClick={() => {
            const next = page.data?.nextBefore;
            if (next) setCursors((c) => [...c, next]);
          }}
          data-testid="audit-older"
        >
          {t('audit.older')}
        </Button>
      </Space>
    </Space>
  );
}
