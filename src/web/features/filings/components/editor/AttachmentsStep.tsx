import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { filingDocumentUrl } from '../../api/filings.js';
import { AttachmentList } from '../AttachmentList.js';
import { Field, useEditor } from './EditorContext.js';

/**
 * 附件2 to print: the server fills in the sponsor's name as last saved (the editor saves on every step change, so
 * the name entered on the sponsor step is already there).
 */
function CommitmentTemplate() {
  const { filing } = useEditor();
  const sponsor = filing.data.sponsor;
  const who = sponsor?.type === 'individual' ? '承诺人' : '承诺单位';
  return (
    <Space direction="vertical" size={8} style={{ marginTop: 8 }}>
      <span>
        请下载《网络产品安全漏洞收集平台备案承诺书》模板打印，由法定代表人签字并加盖公章后，扫描上传。模板已填入{who}：
        {sponsor?.name ? <Typography.Text strong>{sponsor.name}</Typography.Text> : '（尚未填写，留空手写）'}。
      </span>
      <Space wrap data-testid="commitment-template">
        <Button icon={<FilePdfOutlined />} href={filingDocumentUrl(filing.filingId, 'commitment.pdf')}>
          下载承诺书模板（PDF）
        </Button>
        <Button icon={<FileWordOutlined />} href={filingDocumentUrl(filing.filingId, 'commitment.docx')}>
          下载承诺书模板（Word）
        </Button>
      </Space>
    </Space>
  );
}

export function AttachmentsStep() {
  const { filing, editable, errors } = useEditor();
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="承诺书（附件2）"
        description={<CommitmentTemplate />}
      />
      <AttachmentList
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
      <AttachmentList kind="other" attachments={filing.attachments} editable={editable} hint="选填" />
      <Typography.Paragraph type="secondary">
        所有附件按文件内容识别类型，单个文件不超过上限（默认 20 MB），上传后计算 SM3 摘要并加密保存。
      </Typography.Paragraph>
    </>
  );
}
