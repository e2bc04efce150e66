/**
 * Every field of 附件1 as staff see it: personal values masked as the server sends them, until a reviewer asks to
 * see them with a reason (logged on the server), and then the revealed values.
 */
import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { DescriptionsItemType } from 'antd/es/descriptions/index.js';
import { type ReactNode, useState } from 'react';
import type { FieldPath } from '../../../../shared/filing/labels.js';
import { editorCatalog } from '../../../../shared/i18n/locales/editor.js';
import { ApiError } from '../../../lib/api.js';
import { useCatalog, useI18n, useMessages } from '../../../lib/i18n.js';
import { type RevealedPersonal, type ReviewFiling, reveal } from '../api/review.js';
import { REVIEW_MESSAGES } from '../messages.js';

const SECTION_STYLE = { marginBottom: 20 } as const;

export function FilingSections({ filing }: { filing: Pick<ReviewFiling, 'id' | 'data' | 'allowedActions'> }) {
  const m = useMessages(REVIEW_MESSAGES);
  const { t: te } = useCatalog(editorCatalog);
  const { label } = useI18n();
  const [revealed, setRevealed] = useState<RevealedPersonal | null>(null);
  const [asking, setAsking] = useState(false);
  const canReveal = filing.allowedActions.includes('reveal');
  const d = filing.data;
  const p = d.platform ?? {};
  const individual = d.sponsor?.type === 'individual';

  const show = (v: unknown): ReactNode => {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
      return <Typography.Text type="secondary">{m.notFilled}</Typography.Text>;
    if (typeof v === 'boolean') return v ? m.yes : m.no;
    return String(v);
  };
  const item = (f: FieldPath, v: unknown, extra?: Partial<DescriptionsItemType>): DescriptionsItemType => ({
    key: f,
    label: label(f),
    children: show(v),
    ...extra,
  });
  const long = (f: FieldPath, v: string | undefined): DescriptionsItemType => ({
    key: f,
    label: label(f),
    span: 'filled' as const,
    children: v ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v}</Typography.Paragraph>
    ) : (
      show(v)
    ),
  });
  /** A personal value: masked as sent, or the revealed one, marked so nobody mistakes which is which. */
  const personal = (masked: string | undefined, full: string | undefined): ReactNode => {
    if (revealed) return full ? <Typography.Text mark>{full}</Typography.Text> : show(full);
    return masked ? (
      <Space size={4}>
        <span>{masked}</span>
        <Tag bordered={false}>{m.masked}</Tag>
      </Space>
    ) : (
      show(masked)
    );
  };

  const revealButton = revealed ? (
    <Tag color="gold" icon={<EyeOutlined />}>
      {m.revealed}
    </Tag>
  ) : canReveal ? (
    <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
      {m.reveal}
    </Button>
  ) : null;

  const people = d.people ?? {};
  const rp = revealed?.people ?? {};
  const personItems = (role: 'principal' | 'contact'): DescriptionsItemType[] => [
    {
      key: `${role}.name`,
      label: label(`people.${role}.name`),
      children: show(revealed ? rp[role]?.name : people[role]?.name),
    },
    {
      key: `${role}.mobile`,
      label: label(`people.${role}.mobile`),
      children: personal(people[role]?.mobile, rp[role]?.mobile),
    },
    {
      key: `${role}.email`,
      label: label(`people.${role}.email`),
      span: 'filled' as const,
      children: personal(people[role]?.email, rp[role]?.email),
    },
  ];

  return (
    <div data-testid="filing-sections">
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="small"
        title={m.sections.platform}
        style={SECTION_STYLE}
        items={[
          item('platform.name', p.name, { span: 'filled' }),
          item('platform.homepageUrl', p.homepageUrl),
          item('platform.icpNumber', p.icpNumber),
          item('operation.alreadyOnline', d.operation?.alreadyOnline),
          item('operation.launchDate', d.operation?.launchDate),
          item('platform.publishesVulnerabilities', p.publishesVulnerabilities !== false),
          {
            key: 'urls',
            label: label('platform.publishUrls'),
            span: 'filled' as const,
            children: p.publishUrls?.length ? (
              <Space direction="vertical" size={0}>
                {p.publishUrls.map((u) => (
                  <span key={u}>{u}</span>
                ))}
              </Space>
            ) : (
              show(undefined)
            ),
          },
          {
            key: 'social',
            label: label('platform.socialAccounts'),
            span: 'filled' as const,
            children: show((p.socialAccounts ?? []).map((s) => `${s.app}：${s.account}`).join('；') || undefined),
          },
        ]}
      />
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="small"
        title={m.sections.sponsor}
        extra={revealButton}
        style={SECTION_STYLE}
        items={[
          item(
            'sponsor.type',
            d.sponsor?.type ? te(`sponsorTypes.${d.sponsor.type}` as 'sponsorTypes.enterprise') : undefined,
          ),
          item('sponsor.name', revealed?.sponsor.name ?? d.sponsor?.name),
          {
            key: 'sponsor.idNumber',
            label: label('sponsor.idNumber'),
            span: 'filled' as const,
            children: personal(d.sponsor?.idNumber, revealed?.sponsor.idNumber),
          },
        ]}
      />
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="small"
        title={m.sections.people}
        extra={revealButton}
        style={SECTION_STYLE}
        items={[...personItems('principal'), ...personItems('contact')]}
      />
      {!individual && (
        <div style={SECTION_STYLE}>
          <Descriptions
            bordered
            column={{ xs: 1, sm: 2 }}
            size="small"
            title={m.sections.capital}
            items={[
              item(
                'capital.registeredCapital',
                d.capital?.registeredCapital === undefined
                  ? undefined
                  : m.capitalValue(d.capital.registeredCapital, d.capital.currency ?? 'CNY'),
                { span: 'filled' },
              ),
            ]}
          />
          <Table
            size="small"
            bordered
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={d.capital?.shareholders ?? []}
            aria-label={label('capital.shareholders')}
            columns={[
              { title: label('capital.shareholders'), dataIndex: 'name' },
              { title: '%', dataIndex: 'percent', width: 100, align: 'right' },
            ]}
          />
        </div>
      )}
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="small"
        title={m.sections.rules}
        style={SECTION_STYLE}
        items={[
          long('rules.collectionScope', d.rules?.collectionScope),
          long('rules.verification', d.rules?.verification),
          long('rules.notification', d.rules?.notification),
          long('rules.publication', d.rules?.publication),
          long('rules.identityVerification', d.rules?.identityVerification),
          long('rules.classification', d.rules?.classification),
        ]}
      />
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="small"
        title={m.sections.mlps}
        style={SECTION_STYLE}
        items={[
          item('mlps.certificateNumber', d.mlps?.certificateNumber),
          item('mlps.level', d.mlps?.level === undefined ? undefined : m.levelSuffix(d.mlps.level)),
          long('management', d.management),
          long('other', d.other),
        ]}
      />
      <RevealModal
        open={asking}
        filingId={filing.id}
        onClose={() => setAsking(false)}
        onRevealed={(r) => {
          setRevealed(r);
          setAsking(false);
        }}
      />
    </div>
  );
}

function RevealModal({
  open,
  filingId,
  onClose,
  onRevealed,
}: {
  open: boolean;
  filingId: string;
  onClose: () => void;
  onRevealed: (r: RevealedPersonal) => void;
}) {
  const m = useMessages(REVIEW_MESSAGES);
  const [form] = Form.useForm<{ reason: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onOk = async () => {
    const { reason } = await form.validateFields();
    setPending(true);
    setError(null);
    try {
      onRevealed(await reveal(filingId, reason.trim()));
      form.resetFields();
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal
      open={open}
      title={m.revealTitle}
      okText={m.revealOk}
      cancelText={m.cancel}
      confirmLoading={pending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{m.revealIntro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="reveal" preserve={false}>
        <Form.Item
          label={m.revealReason}
          name="reason"
          rules={[
            { required: true, min: 4, transform: (v: string | undefined) => v?.trim(), message: m.revealReasonMin },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            placeholder={m.revealReasonPlaceholder}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
