/** Everything the applicant is about to submit, section by section, with what still needs fixing. */
import { Alert, Button, Descriptions, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { FieldError } from '../../../../../shared/filing/completeness.js';
import type { FieldPath } from '../../../../../shared/filing/labels.js';
import type { FilingDraft } from '../../../../../shared/filing/schema.js';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { fieldLabel } from '../../../../components/DiffTable.js';
import { formatSize } from '../../../../lib/format.js';
import { useCatalog, useI18n } from '../../../../lib/i18n.js';
import { useEditor } from './EditorContext.js';
import { STEP_TITLES, type StepKey, stepOfField } from './steps.js';

export function ConfirmStep({
  draft,
  errors,
  goTo,
}: {
  draft: FilingDraft;
  errors: FieldError[];
  goTo: (s: StepKey) => void;
}) {
  const { filing } = useEditor();
  const { label, lang } = useI18n();
  const { t } = useCatalog(editorCatalog);
  const show = (v: unknown): ReactNode => {
    if (v === undefined || v === null || v === '')
      return <Typography.Text type="secondary">{t('confirm.notFilled')}</Typography.Text>;
    if (typeof v === 'boolean') return v ? t('confirm.yes') : t('confirm.no');
    return String(v);
  };
  const individual = draft.sponsor?.type === 'individual';
  const item = (f: FieldPath, v: unknown) => ({ key: f, label: label(f), children: show(v) });
  const long = (f: FieldPath, v: string | undefined) => ({
    key: f,
    label: label(f),
    span: 'filled' as const,
    children: v ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v}</Typography.Paragraph>
    ) : (
      show(v)
    ),
  });
  const p = draft.platform ?? {};
  return (
    <>
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('confirm.errors', { count: errors.length })}
          description={
            <List
              size="small"
              dataSource={errors}
              renderItem={(e) => (
                <List.Item>
                  <Button type="link" size="small" onClick={() => goTo(stepOfField(e.field))}>
                    {STEP_TITLES[stepOfField(e.field)][lang]}
                  </Button>
                  {e.message}
                </List.Item>
              )}
            />
          }
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('confirm.complete')} />
      )}
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="small"
        title={t('confirm.platform')}
        style={{ marginBottom: 16 }}
        items={[
          item('platform.name', p.name),
          item('platform.homepageUrl', p.homepageUrl),
          item('platform.icpNumber', p.icpNumber),
          item('operation.alreadyOnline', draft.operation?.alreadyOnline),
          item('operation.launchDate', draft.operation?.launchDate),
          item('platform.publishesVulnerabilities', p.publishesVulnerabilities !== false),
          {
            key: 'urls',
            label: label('platform.publishUrls'),
            span: 'filled' as const,
            children: show((p.publishUrls ?? []).join('\n') || undefined),
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
        title={t('confirm.sponsorPeople')}
        style={{ marginBottom: 16 }}
        items={[
          item(
            'sponsor.type',
            draft.sponsor?.type ? t(`sponsorTypes.${draft.sponsor.type}` as 'sponsorTypes.enterprise') : undefined,
          ),
          item('sponsor.name', draft.sponsor?.name),
          item('sponsor.idNumber', draft.sponsor?.idNumber),
          { key: 'sp', label: '', children: null },
          item('people.principal.name', draft.people?.principal?.name),
          item('people.principal.mobile', draft.people?.principal?.mobile),
          item('people.principal.email', draft.people?.principal?.email),
          { key: 'sp2', label: '', children: null },
          item('people.contact.name', draft.people?.contact?.name),
          item('people.contact.mobile', draft.people?.contact?.mobile),
          item('people.contact.email', draft.people?.contact?.email),
        ]}
      />
      {!individual && (
        <Descriptions
          bordered
          column={{ xs: 1, sm: 2 }}
          size="small"
          title={t('confirm.capital')}
          style={{ marginBottom: 16 }}
          items={[
            item(
              'capital.registeredCapital',
              draft.capital?.registeredCapital === undefined
                ? undefined
                : t('confirm.capitalValue', {
                    amount: draft.capital.registeredCapital,
                    currency: draft.capital.currency ?? 'CNY',
                  }),
            ),
            {
              key: 'holders',
              label: label('capital.shareholders'),
              children: show(
                (draft.capital?.shareholders ?? []).map((h) => `${h.name} ${h.percent}%`).join('；') || undefined,
              ),
            },
          ]}
        />
      )}
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="small"
        title={t('confirm.rules')}
        style={{ marginBottom: 16 }}
        items={[
          long('rules.collectionScope', draft.rules?.collectionScope),
          long('rules.verification', draft.rules?.verification),
          long('rules.notification', draft.rules?.notification),
          long('rules.publication', draft.rules?.publication),
          long('rules.identityVerification', draft.rules?.identityVerification),
          long('rules.classification', draft.rules?.classification),
        ]}
      />
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="small"
        title={t('confirm.mlps')}
        style={{ marginBottom: 16 }}
        items={[
          item('mlps.certificateNumber', draft.mlps?.certificateNumber),
          item(
            'mlps.level',
            draft.mlps?.level === undefined ? undefined : t('confirm.level', { level: draft.mlps.level }),
          ),
          long('management', draft.management),
          long('other', draft.other),
        ]}
      />
      <Typography.Title level={5}>{t('confirm.attachments')}</Typography.Title>
      <List
        bordered
        size="small"
        dataSource={filing.attachments}
        locale={{ emptyText: t('confirm.noAttachments') }}
        renderItem={(a) => (
          <List.Item>
            {t('fileLine', {
              kind: fieldLabel(`attachments.${a.kind}`, lang),
              name: a.fileName,
              size: formatSize(a.size),
              sm3: a.sm3.slice(0, 16),
            })}
          </List.Item>
        )}
      />
    </>
  );
}
