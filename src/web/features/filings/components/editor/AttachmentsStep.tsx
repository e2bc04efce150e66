import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { useCatalog } from '../../../../lib/i18n.js';
import { filingDocumentUrl } from '../../api/filings.js';
import { AttachmentList } from '../AttachmentList.js';
import { Field, useEditor } from './EditorContext.js';

/**
 * 附件2 to print: the server fills in the sponsor's name as last saved (the editor saves on every step change, so
 * the name entered on the sponsor step is already there).
 */
function CommitmentTemplate() {
  const { filing } = useEditor();
  const { t } = useCatalog(editorCatalog);
  const sponsor = filing.data.sponsor;
  const who = sponsor?.type === 'individual' ? t('commitment.individual') : t('commitment.organisation');
  return (
    <Space direction="vertical" size={8} style={{ marginTop: 8 }}>
      <span>
        {t('commitment.help', { who })}
        {sponsor?.name ? <Typography.Text strong>{sponsor.name}</Typography.Text> : t('commitment.noName')}
      </span>
      <Space wrap data-testid="commitment-template">
        <Button icon={<FilePdfOutlined />} href={filingDocumentUrl(filing.filingId, 'commitment.pdf')}>
          {t('commitment.pdf')}
        </Button>
        <Button icon={<FileWordOutlined />} href={filingDocumentUrl(filing.filingId, 'commitment.docx')}>
          {t('commitment.docx')}
        </Button>
      </Space>
    </Space>
  );
}

export function AttachmentsStep() {
  const { filing, editable, errors } = useEditor();
  const { t } = useCatalog(editorCatalog);
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('commitment.title')}
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
          count={{ show: true, max: 20000 }}
          placeholder={t('commitment.otherPlaceholder')}
        />
      </Field>
      <AttachmentList kind="other" attachments={filing.attachments} editable={editable} hint={t('files.optional')} />
      <Typography.Paragraph type="secondary">{t('commitment.storage')}</Typography.Paragraph>
    </>
  );
}
