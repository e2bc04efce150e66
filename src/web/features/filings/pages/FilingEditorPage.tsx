/** The filing editor: the step editor on a filing's draft, saved through PUT /api/filings/:id and submitted. */
import { useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { Navigate, useNavigate, useParams } from 'react-router';
import { editorCatalog } from '../../../../shared/i18n/locales/editor.js';
import { RouteError } from '../../../components/RouteError.js';
import { paths } from '../../../config/paths.js';
import { useFeedback } from '../../../lib/feedback.js';
import { formatDate } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import {
  attachmentUrl,
  deleteAttachment,
  type Filing,
  filingKey,
  filingsKey,
  saveFiling,
  submitFiling,
  uploadAttachment,
  useFiling,
} from '../api/filings.js';
import { StepEditor } from '../components/editor/StepEditor.js';

export function FilingEditorPage() {
  const { id = '' } = useParams();
  const filing = useFiling(id);
  if (filing.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (filing.error) return <RouteError error={filing.error} />;
  if (!filing.data.allowedActions.includes('update')) return <Navigate to={paths.filing(id)} replace />;
  return <FilingEditor filing={filing.data} />;
}

function FilingEditor({ filing }: { filing: Filing }) {
  const { t: te } = useCatalog(editorCatalog);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = useFeedback();
  const correcting = filing.status === 'correction_requested';
  return (
    <StepEditor
      subject={{ ...filing, filingId: filing.id }}
      correction={correcting ? filing.correction : null}
      files={{
        upload: (kind, file, onProgress, replaceId) => uploadAttachment(filing.id, kind, file, onProgress, replaceId),
        remove: (attachmentId) => deleteAttachment(filing.id, attachmentId),
        url: (attachmentId, inline) => attachmentUrl(filing.id, attachmentId, inline),
        refresh: () => qc.invalidateQueries({ queryKey: filingKey(filing.id) }),
      }}
      save={async (draft) => {
        qc.setQueryData(filingKey(filing.id), await saveFiling(filing.id, draft));
      }}
      submit={async () => {
        const res = await submitFiling(filing.id);
        qc.setQueryData(filingKey(filing.id), res.filing);
        await qc.invalidateQueries({ queryKey: filingsKey, exact: true });
        message.success(te('submittedDue', { date: formatDate(res.dueDate) }));
        navigate(paths.filing(filing.id));
      }}
      texts={{
        title: correcting ? te('titleCorrection') : te('titleNew'),
        submit: correcting ? te('nav.resubmit') : te('nav.submit'),
      }}
    />
  );
}
