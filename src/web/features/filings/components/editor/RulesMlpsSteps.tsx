import { Input, InputNumber } from 'antd';
import { useMessages } from '../../../../lib/i18n.js';
import { AttachmentList } from '../AttachmentList.js';
import { Field, useEditor } from './EditorContext.js';
import { EDITOR_MESSAGES } from './messages.js';

const RULES = [
  'rules.collectionScope',
  'rules.verification',
  'rules.notification',
  'rules.publication',
  'rules.identityVerification',
  'rules.classification',
] as const;

export function RulesStep() {
  const m = useMessages(EDITOR_MESSAGES);
  const { filing, editable } = useEditor();
  return (
    <>
      {RULES.map((f) => (
        <Field key={f} field={f}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} />
        </Field>
      ))}
      <AttachmentList kind="rules_doc" attachments={filing.attachments} editable={editable} hint={m.optionalWithDocx} />
    </>
  );
}

export function MlpsStep() {
  const m = useMessages(EDITOR_MESSAGES);
  const { filing, editable, errors } = useEditor();
  return (
    <>
      <Field field="mlps.certificateNumber" extra={m.mlpsHint}>
        <Input style={{ maxWidth: 360 }} />
      </Field>
      <Field field="mlps.level" extra={m.mlpsLevelHint}>
        <InputNumber min={1} max={5} precision={0} style={{ width: 120 }} addonAfter={m.levelUnit} />
      </Field>
      <AttachmentList
        kind="mlps_proof"
        attachments={filing.attachments}
        editable={editable}
        required
        error={errors.get('attachments.mlps_proof')}
      />
      <Field field="management" extra={m.managementHint}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} />
      </Field>
      <AttachmentList kind="management_proof" attachments={filing.attachments} editable={editable} hint={m.optional} />
    </>
  );
}
