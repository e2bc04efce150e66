import { Alert, Input, Typography } from 'antd';
import { AttachmentList } from '../AttachmentList.js';
import { Field, useEditor } from './EditorContext.js';

export function AttachmentsStep() {
  const { filing, editable, errors } = useEditor();
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="承诺书（附件2）"
        description="请打印《网络产品安全漏洞收集平台备案承诺书》，由法定代表人签字并加盖公章后，扫描上传。"
      />
      <AttachmentList
        filingId={filing.id}
        kind="commitment_letter"
        attachments={filing.attachments}
        editable={editable}
        required
        error={errors.get('commitment')}
      />
      <Field field="other" required={false}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={20000}
          placeholder="有关主管部门要求提交的其他需要说明的信息（选填）"
        />
      </Field>
      <AttachmentList
        filingId={filing.id}
        kind="other"
        attachments={filing.attachments}
        editable={editable}
        hint="选填"
      />
      <Typography.Paragraph type="secondary">
        所有附件按文件内容识别类型，单个文件不超过上限（默认 20 MB），上传后计算 SM3 摘要并加密保存。
      </Typography.Paragraph>
    </>
  );
}
