/** Everything the applicant is about to submit, in the one filing view the reviewer also sees, with what to fix. */
import { Alert, Button, List, Typography } from 'antd';
import type { FieldError } from '../../../../../shared/filing/completeness.js';
import type { FilingDraft } from '../../../../../shared/filing/schema.js';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { FilingView } from '../../../../components/filing/FilingView.js';
import { formatSize } from '../../../../lib/format.js';
import { useCatalog, useI18n } from '../../../../lib/i18n.js';
import { fieldLabel } from '../../../../lib/labels.js';
import { useEditor } from './EditorContext.js';
import { type StepKey, stepOfField } from './steps.js';

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
  const { lang } = useI18n();
  const { t } = useCatalog(editorCatalog);
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
                  <span>
                    <Button type="link" size="small" onClick={() => goTo(stepOfField(e.field))}>
                      {t(`steps.${stepOfField(e.field)}`)}
                    </Button>
                    <Typography.Text strong>{fieldLabel(e.field, lang)}</Typography.Text>：{e.message}
                  </span>
                </List.Item>
              )}
            />
          }
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('confirm.complete')} />
      )}
      <FilingView data={draft} />
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
            })}
          </List.Item>
        )}
      />
    </>
  );
}
