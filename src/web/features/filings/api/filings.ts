/** The filings API: fetchers and their query hooks; what the server sends is typed by shared/api/filings.ts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentView, CorrectionView as Correction } from '../../../../shared/api/common.js';
import type {
  AttachmentResponse,
  Filing,
  FilingAction,
  FilingDocument,
  FilingList,
  FilingResponse,
  FilingSummary,
  SubmitResponse,
} from '../../../../shared/api/filings.js';
import type { FilingDraftInput } from '../../../../shared/filing/schema.js';
import { api, uploadWithProgress } from '../../../lib/api.js';

export type { Due } from '../../../../shared/api/common.js';
export type { Correction, Filing, FilingAction, FilingSummary };
/** An attachment as the server lists it (shared/api/common.ts). */
export type Attachment = AttachmentView;

export const filingsKey = ['filings'] as const;
export const filingKey = (id: string) => ['filings', id] as const;

export function useMyFilings() {
  return useQuery({
    queryKey: filingsKey,
    queryFn: async () => (await api<FilingList>('GET', '/api/filings')).items,
  });
}

export function useFiling(id: string) {
  return useQuery({
    queryKey: filingKey(id),
    queryFn: async () => (await api<FilingResponse>('GET', `/api/filings/${id}`)).filing,
  });
}

export function useCreateFiling() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api<FilingResponse>('POST', '/api/filings', {})).filing,
    onSuccess: (f) => {
      qc.setQueryData(filingKey(f.id), f);
      void qc.invalidateQueries({ queryKey: filingsKey, exact: true });
    },
  });
}

export function saveFiling(id: string, draft: FilingDraftInput) {
  return api<FilingResponse>('PUT', `/api/filings/${id}`, draft).then((r) => r.filing);
}

export function submitFiling(id: string) {
  return api<SubmitResponse>('POST', `/api/filings/${id}/submit`);
}

export function withdrawFiling(id: string) {
  return api<FilingResponse>('POST', `/api/filings/${id}/withdraw`).then((r) => r.filing);
}

export function uploadAttachment(
  id: string,
  kind: string,
  file: File,
  onProgress: (p: number) => void,
  replaceId?: string,
) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  const path = replaceId ? `/api/filings/${id}/attachments/${replaceId}` : `/api/filings/${id}/attachments`;
  return uploadWithProgress<AttachmentResponse>(replaceId ? 'PUT' : 'POST', path, form, onProgress);
}

export function deleteAttachment(id: string, attachmentId: string) {
  return api<void>('DELETE', `/api/filings/${id}/attachments/${attachmentId}`);
}

export const attachmentUrl = (id: string, attachmentId: string, inline = false) =>
  `/api/filings/${id}/attachments/${attachmentId}${inline ? '?inline=1' : ''}`;

/** Documents made from a filing (server: routes/documents): 承诺书 template, 登记表, and the 备案证明 once filed. */
export type { FilingDocument };
export const filingDocumentUrl = (id: string, name: FilingDocument) => `/api/filings/${id}/documents/${name}`;
/** States in which the filing is valid and the certificate is issued. */
export const hasCertificate = (f: { status: string; filingNumber: string | null }) =>
  !!f.filingNumber && (f.status === 'approved' || f.status === 'change_submitted');
