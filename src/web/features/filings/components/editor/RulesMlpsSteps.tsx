import { Input, InputNumber } from 'antd';
import { AttachmentList } from '../AttachmentList.js';
import { Field, useEditor } from './EditorContext.js';

const RULES = [
  'rules.collectionScope',
  'rules.verification',
  'rules.notification',
  'rules.publication',
  'rules.identityVerification',
  'rules.classification',
] as const;

export function RulesStep() {
  const { filing, editable } = useEditor();
  return (
    <>
      {RULES.map((f) => (
        <Field key={f} field={f}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} />
        </Field>
      ))}
      <AttachmentList
        filingId={filing.id}
        kind="rules_doc"
        attachments={filing.attachments}
        editable={editable}
        hint="选填；PDF、OFD、JPEG、PNG、DOCX"
      />
    </>
  );
}

export function MlpsStep() {
  const { filing, editable, errors } = useEditor();
  return (
    <>
      <Field field="mlps.certificateNumber" extra="通过通信网络安全防护管理系统取得的网络安全等级保护备案证明">
        <Input style={{ maxWidth: 360 }} />
      </Field>
      <Field field="mlps.level" extra="须为定级三级及以上">
        <InputNumber min={1} max={5} precision={0} style={{ width: 120 }} addonAfter="级" />
      </Field>
      <AttachmentList
        filingId={filing.id}
        kind="mlps_proof"
        attachments={filing.attachments}
        editable={editable}
        required
        error={errors.get('attachments.mlps_proof')}
      />
      <Field field="management" extra="依据有关国家标准和行业标准，实施平台管理等情况">
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} />
      </Field>
      <AttachmentList
        filingId={filing.id}
        kind="management_proof"
        attachments={filing.attachments}
        editable={editable}
        hint="选填"
      />
    </>
  );
}
