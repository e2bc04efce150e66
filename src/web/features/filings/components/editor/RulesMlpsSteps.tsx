import { Input, InputNumber } from 'antd';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { useCatalog } from '../../../../lib/i18n.js';
import { AttachmentList } from '../AttachmentList.js';
import { Field, useEditor } from './EditorContext.js';
import { counted, LIMITS } from './limits.js';

const RULES = [
  'rules.collectionScope',
  'rules.verification',
  'rules.notification',
  'rules.publication',
  'rules.identityVerification',
  'rules.classification',
] as const;

export function RulesStep() {
  const { t } = useCatalog(editorCatalog);
  const { filing, editable } = useEditor();
  return (
    <>
      {RULES.map((f) => (
        <Field key={f} field={f}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} {...counted(LIMITS.longText)} />
        </Field>
      ))}
      <AttachmentList
        kind="rules_doc"
        attachments={filing.attachments}
        editable={editable}
        hint={t('form.optionalWithDocx')}
      />
    </>
  );
}

export function MlpsStep() {
  const { t } = useCatalog(editorCatalog);
  const { filing, editable, errors } = useEditor();
  return (
    <>
      <Field field="mlps.certificateNumber" extra={t('form.mlpsHint')}>
        <Input style={{ maxWidth: 360 }} {...counted(LIMITS.mlpsCertificate)} />
      </Field>
      <Field field="mlps.level" extra={t('form.mlpsLevelHint')}>
        <InputNumber min={1} max={5} precision={0} style={{ width: 120 }} addonAfter={t('form.levelUnit')} />
      </Field>
      <AttachmentList
        kind="mlps_proof"
        attachments={filing.attachments}
        editable={editable}
        required
        error={errors.get('attachments.mlps_proof')}
      />
      <Field field="management" extra={t('form.managementHint')}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} {...counted(LIMITS.longText)} />
      </Field>
      <AttachmentList
        kind="management_proof"
        attachments={filing.attachments}
        editable={editable}
        hint={t('form.optional')}
      />
    </>
  );
}
