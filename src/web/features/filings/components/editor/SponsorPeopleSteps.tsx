import { Card, Form, Input, Select } from 'antd';
import { SPONSOR_TYPES } from '../../../../../shared/filing/status.js';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { useCatalog, useMessages } from '../../../../lib/i18n.js';
import { Field, GroupError } from './EditorContext.js';
import { EDITOR_MESSAGES } from './messages.js';

export function SponsorStep() {
  const m = useMessages(EDITOR_MESSAGES);
  const { t: te } = useCatalog(editorCatalog);
  const type = Form.useWatch(['sponsor', 'type']);
  const individual = type === 'individual';
  return (
    <>
      <Field field="sponsor.type">
        <Select
          style={{ maxWidth: 320 }}
          placeholder={m.choose}
          options={SPONSOR_TYPES.map((s) => ({ value: s, label: te(`sponsorTypes.${s}`) }))}
        />
      </Field>
      <Field field="sponsor.name" label={individual ? m.individualName : m.orgName}>
        <Input maxLength={200} />
      </Field>
      <Field field="sponsor.idNumber" label={individual ? m.residentId : m.uscc} extra={m.idNote}>
        <Input maxLength={18} style={{ maxWidth: 320, textTransform: 'uppercase' }} autoComplete="off" />
      </Field>
    </>
  );
}

export function PeopleStep() {
  const m = useMessages(EDITOR_MESSAGES);
  return (
    <>
      {(['principal', 'contact'] as const).map((role) => (
        <Card
          key={role}
          title={role === 'principal' ? m.principal : m.contact}
          size="small"
          style={{ marginBottom: 16 }}
        >
          <GroupError field={`people.${role}`} />
          <Field field={`people.${role}.name`} label={m.personName}>
            <Input maxLength={50} style={{ maxWidth: 320 }} />
          </Field>
          <Field field={`people.${role}.mobile`} label={m.mobile}>
            <Input maxLength={20} inputMode="tel" style={{ maxWidth: 320 }} />
          </Field>
          <Field field={`people.${role}.email`} label={m.email}>
            <Input inputMode="email" style={{ maxWidth: 320 }} />
          </Field>
        </Card>
      ))}
    </>
  );
}
