/**
 * One change filing, the applicant's side (Article 6; server: routes/changes): read it with its diff, save the whole
 * form, replace or add files, submit. Versions of the filing (GET /api/filings/:id/versions) for the status page.
 */
import { useQuery } from '@tanstack/react-query';
import type {
  ChangeAttachmentResponse,
  ChangeDetail,
  ChangeResponse,
  SaveChangeBody,
} from '../../../../shared/api/changes.js';
import type { VersionSummary, VersionsResponse } from '../../../../shared/api/versions.js';
import type { FilingDraft } from '../../../../shared/filing/schema.js';
import { api, uploadWithProgress } from '../../../lib/api.js';

export type { ChangeDetail, VersionSummary };

export const changeKey = (id: string) => ['changes', id] as const;
export const versionsKey = (filingId: string) => ['filings', filingId, 'versions'] as const;

export function useChange(id: string) {
  return useQuery({
    queryKey: changeKey(id),
    queryFn: async () => (await api<ChangeResponse>('GET', `/api/changes/${id}`)).change,
  });
}

export function useVersions(filingId: string, enabled: boolean) {
  return useQuery({
    queryKey: versionsKey(filingId),
    queryFn: async () => (await api<VersionsResponse>('GET', `/api/filings/${filingId}/versions`)).versions,
    enabled,
  });
}

export const saveChange = async (id: string, draft: FilingDraft, changeDate?: string) =>
  (await api<ChangeResponse>('PUT', `/api/changes/${id}`, { ...draft, changeDate } satisfies SaveChangeBody)).change;

export const submitChange = async (id: string) =>
  (await api<ChangeResponse>('POST', `/api/changes/${id}/submit`)).change;

/** `replace` takes the place of every file of that kind in the change; `add` keeps them. */
export function uploadChangeAttachment(
  id: string,
  kind: string,
  file: File,
  mode: 'replace' | 'add',
  onProgress: (p: number) => void,
) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('mode', mode);
  form.append('file', file, file.name);
  return uploadWithProgress<ChangeAttachmentResponse>('POST', `/api/changes/${id}/attachments`, form, onProgress);
}

export const deleteChangeAttachment = (id: string, attachmentId: string) =>
  api<void>('DELETE', `/api/changes/${id}/attachments/${attachmentId}`);

export const changeAttachmentUrl = (id: string, attachmentId: string, inline = false) =>
  `/api/changes/${id}/attachments/${attachmentId}${inline ? '?inline=1' : ''}`;
