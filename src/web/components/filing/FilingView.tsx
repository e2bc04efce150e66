/**
 * The one read-only view of a filing's form (附件1), section by section in the shared order: the applicant's
 * confirmation step and the reviewer's page both show it. A page may render personal values its own way (the review
 * page masks them until revealed) and put something beside a section's title.
 */
import { Descriptions, Space, Typography } from 'antd';
import type { DescriptionsItemType } from 'antd/es/descriptions/index.js';
import type { ReactNode } from 'react';
import type { FieldPath } from '../../../shared/filing/labels.js';
import type { FilingDraft } from '../../../shared/filing/schema.js';
import { type FormSection, sectionsFor } from '../../../shared/filing/sections.js';
import { editorCatalog } from '../../../shared/i18n/locales/editor.js';
import { filingViewCatalog } from '../../../shared/i18n/locales/filingView.js';
import { useCatalog, useI18n } from '../../lib/i18n.js';
import { LazyTable } from '../table/LazyTable.js';

export type PersonalPath =
  | 'sponsor.name'
  | 'sponsor.idNumber'
  | `people.${'principal' | 'contact'}.${'name' | 'mobile' | 'email'}`;

export interface FilingViewProps {
  data: FilingDraft;
  /** How a personal value is shown (default: as it is). */
  personal?: (path: PersonalPath, value: string | undefined) => ReactNode;
  /** Beside a section's title (e.g. the reviewer's reveal button). */
  extra?: Partial<Record<FormSection, ReactNode>>;
}

const SECTION_STYLE = { marginBottom: 20 } as const;

export function FilingView({ data: d, personal, extra }: FilingViewProps) {
  const { t } = useCatalog(filingViewCatalog);
  const { t: te } = useCatalog(editorCatalog);
  const { label } = useI18n();
  const p = d.platform ?? {};
  const s = d.sponsor ?? {};
  const individual = s.type === 'individual';

  const show = (v: unknown): ReactNode => {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
      return <Typography.Text type="secondary">{t('notFilled')}</Typography.Text>;
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    return String(v);
  };
  const own = (path: PersonalPath, v: string | undefined) => (personal ? personal(path, v) : show(v));
  const item = (f: FieldPath, v: unknown, more?: Partial<DescriptionsItemType>): DescriptionsItemType => ({
    key: f,
    label: label(f),
    children: show(v),
    ...more,
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
  const person = (role: 'principal' | 'contact'): DescriptionsItemType[] => [
    {
      key: `${role}.name`,
      label: label(`people.${role}.name`),
      children: own(`people.${role}.name`, d.people?.[role]?.name),
    },
    {
      key: `${role}.mobile`,
      label: label(`people.${role}.mobile`),
      children: own(`people.${role}.mobile`, d.people?.[role]?.mobile),
    },
    {
      key: `${role}.email`,
      label: label(`people.${role}.email`),
      span: 'filled' as const,
      children: own(`people.${role}.email`, d.people?.[role]?.email),
    },
  ];

  const items: Record<FormSection, DescriptionsItemType[]> = {
    platform: [
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
        children: p.publishUrls?.filter(Boolean).length ? (
          <Space direction="vertical" size={0} style={{ wordBreak: 'break-all' }}>
            {[...new Set(p.publishUrls.filter(Boolean))].map((u) => (
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
        children: show(
          (p.socialAccounts ?? []).map((a) => `${a.app ?? ''}：${a.account ?? ''}`).join('；') || undefined,
        ),
      },
    ],
    sponsor: [
      item('sponsor.type', s.type ? te(`sponsorTypes.${s.type}` as 'sponsorTypes.enterprise') : undefined),
      {
        key: 'sponsor.name',
        label: label('sponsor.name'),
        children: individual ? own('sponsor.name', s.name) : show(s.name),
      },
      {
        key: 'sponsor.idNumber',
        // An organisation's number is its 统一社会信用代码; an individual's the ID card number (有效证件号码).
        label: individual || !s.type ? t('idNumber') : t('uscc'),
        span: 'filled' as const,
        children: (
          <Space direction="vertical" size={0}>
            {own('sponsor.idNumber', s.idNumber)}
            {!individual && s.idNumberConfirmed && (
              <Typography.Text type="warning" data-testid="id-number-confirmed">
                {t('idConfirmed')}
              </Typography.Text>
            )}
          </Space>
        ),
      },
    ],
    people: [...person('principal'), ...person('contact')],
    capital: [
      {
        key: 'capital.registeredCapital',
        label: t('registeredCapital'),
        span: 'filled' as const,
        children:
          d.capital?.registeredCapital === undefined
            ? show(undefined)
            : t('capitalValue', {
                amount: d.capital.registeredCapital,
                currency: currencyName(d.capital.currency ?? 'CNY', t),
              }),
      },
    ],
    rules: [
      long('rules.collectionScope', d.rules?.collectionScope),
      long('rules.verification', d.rules?.verification),
      long('rules.notification', d.rules?.notification),
      long('rules.publication', d.rules?.publication),
      long('rules.identityVerification', d.rules?.identityVerification),
      long('rules.classification', d.rules?.classification),
    ],
    mlps: [
      item('mlps.certificateNumber', d.mlps?.certificateNumber),
      item('mlps.level', d.mlps?.level === undefined ? undefined : t('level', { level: d.mlps.level })),
      long('management', d.management),
      long('other', d.other),
    ],
  };

  return (
    <div data-testid="filing-view">
      {sectionsFor(s.type).map((section) => (
        <div key={section} style={SECTION_STYLE} data-testid={`filing-view-${section}`}>
          <Descriptions
            bordered
            column={{ xs: 1, sm: 2 }}
            size="small"
            title={t(`sections.${section}`)}
            extra={extra?.[section]}
            items={items[section]}
          />
          {section === 'capital' && (
            <LazyTable
              size="small"
              bordered
              pagination={false}
              rowKey={(_, i) => String(i)}
              dataSource={d.capital?.shareholders ?? []}
              aria-label={label('capital.shareholders')}
              locale={{ emptyText: t('notFilled') }}
              columns={[
                { title: t('shareholder'), dataIndex: 'name' },
                { title: t('percent'), dataIndex: 'percent', width: 120, align: 'right' },
              ]}
            />
          )}
        </div>
      ))}
    </div>
  );
}

type ViewT = ReturnType<typeof useCatalog<typeof filingViewCatalog>>['t'];

/** The currency by its name (人民币, 美元), not its ISO code; an unknown code as it is. */
export function currencyName(code: string, t: ViewT): string {
  const known = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];
  return known.includes(code) ? t(`currencies.${code}` as 'currencies.CNY') : code;
}
