import { Card, Checkbox, Form, Input, Select } from 'antd';
import { idNumberConfirmable } from '../../../../../shared/filing/sponsorId.js';
import { SPONSOR_TYPES } from '../../../../../shared/filing/status.js';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { toHalfWidth } from '../../../../../shared/validators/text.js';
import { useCatalog } from '../../../../lib/i18n.js';
import { Field, GroupError } from './EditorContext.js';
import { counted, LIMITS } from './limits.js';

/** What the user types is what is kept: full-width characters, spaces and lower case become the code's form. */
export const normalizeIdNumber = (v: unknown) =>
  typeof v === 'string' ? toHalfWidth(v).replace(/\s+/g, '').toUpperCase() : v;

export function SponsorStep() {
  const { t } = useCatalog(editorCatalog);
  const type = Form.useWatch(['sponsor', 'type']);
  const idNumber = Form.useWatch(['sponsor', 'idNumber']) as string | undefined;
  const individual = type === 'individual';
  const confirmable = idNumberConfirmable({ sponsor: { type, idNumber } });
  return (
    <>
      <Field field="sponsor.type">
        <Select
          style={{ maxWidth: 320 }}
          placeholder={t('form.choose')}
          options={SPONSOR_TYPES.map((s) => ({ value: s, label: t(`sponsorTypes.${s}`) }))}
        />
      </Field>
      <Field field="sponsor.name" label={individual ? t('form.individualName') : t('form.orgName')}>
        <Input {...counted(LIMITS.sponsorName)} />
      </Field>
      <Field
        field="sponsor.idNumber"
        label={individual ? t('form.residentId') : t('form.uscc')}
        extra={t('form.idNote')}
        normalize={normalizeIdNumber}
      >
        <Input {...counted(18)} style={{ maxWidth: 320 }} autoComplete="off" spellCheck={false} />
      </Field>
      {confirmable && (
        <Field
          field="sponsor.idNumberConfirmed"
          label={null}
          required={false}
          valuePropName="checked"
          extra={t('form.idConfirmHint')}
        >
          <Checkbox data-testid="id-number-confirm">{t('form.idConfirm')}</Checkbox>
        </Field>
      )}
    </>
  );
}

export function PeopleStep() {
  const { t } = useCatalog(editorCatalog);
  return (
    <>
      {(['principal', 'contact'] as const).map((role) => (
        <Card key={role} title={t(`form.${role}`)} size="small" style={{ marginBottom: 16 }}>
          <GroupError field={`people.${role}`} />
          <Field field={`people.${role}.name`} label={t('form.personName')}>
            <Input {...counted(LIMITS.personName)} style={{ maxWidth: 320 }} />
          </Field>
          <Field field={`people.${role}.mobile`} label={t('form.mobile')}>
            <Input {...counted(20)} inputMode="tel" style={{ maxWidth: 320 }} />
          </Field>
          <Field field={`people.${role}.email`} label={t('form.email')}>
            <Input {...counted(LIMITS.email)} inputMode="email" style={{ maxWidth: 320 }} />
          </Field>
        </Card>
      ))}
    </>
  );
}
