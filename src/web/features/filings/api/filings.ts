/** The filings API: types of what the server sends, fetchers and their query hooks together. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FieldError } from '../../../../shared/filing/completeness.js';
import type { FilingDraft, FilingDraftInput } from '../../../../shared/filing/schema.js';
import { api, uploadWithProgress } from '../../../lib/api.js';
import type { ChangeSummary, DeregistrationView } from './lifecycle.js';

export interface Due {
  date: string;
  provisional: boolean;
  workingDaysLeft: number;
  overdue: boolean;
}

export interface FilingSummary {
  id: string;
  status: string;
  statusLabel: string;
  platformName: string | null;
  filingNumber: string | null;
  submittedAt: string | null;
  due: Due | null;
  createdAt: string;
  updatedAt: string;
}

export interface Attachment {
  id: string;
  kind: string;
  kindLabel: string;
  fileName: string;
  mime: string;
  size: number;
  sm3: string;
  uploadedAt: string;
}

/** The open correction notice (补正通知), while the filing is `correction_requested`. */
export interface Correction {
  summary: string;
  items: FieldError[];
  createdAt: string;
}

export interface Filing extends FilingSummary {
  receivedDate: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  late: boolean;
  version: number;
  data: FilingDraft;
  attachments: Attachment[];
  completeness: { complete: boolean; errors: FieldError[] };
  correction: Correction | null;
  approvedAt: string | null;
  /** After approval (SPEC §8): the public record's side, the open change, the latest deregistration. */
  record?: {
    version: number;
    publicStatus: string;
    publicStatusLabel: string;
    lastChangeDate: string | null;
    deregisteredAt: string | null;
    revokedAt: string | null;
    revocationReason: string | null;
  } | null;
  /** Article 8: online-and-late, or not online and whether it may launch (shared/filing/article8.ts). */
  article8?: { state: string; label: string; alreadyOnline: boolean; launchDate: string | null } | null;
  openChange?: ChangeSummary | null;
  deregistration?: DeregistrationView | null;
  allowedActions: string[];
}

export const filingsKey = ['filings'] as const;
export const filingKey = (id: string) => ['filings', id] as const;

export function useMyFilings() {
  return useQuery({
    queryKey: filingsKey,
    queryFn: async () => (await api<{ items: FilingSummary[] }>('GET', '/api/filings')).items,
  });
}

export function useFiling(id: string) {
  return useQuery({
    queryKey: filingKey(id),
    queryFn: async () => (await api<{ filing: Filing }>('GET', `/api/filings/${id}`)).filing,
  });
}

export function useCreateFiling() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api<{ filing: Filing }>('POST', '/api/filings', {})).filing,
    onSuccess: (f) => {
      qc.setQueryData(filingKey(f.id), f);
      void qc.invalidateQueries({ queryKey: filingsKey, exact: true });
    },
  });
}

export function saveFiling(id: string, draft: FilingDraftInput) {
  return api<{ filing: Filing }>('PUT', `/api/filings/${id}`, draft).then((r) => r.filing);
}

export function submitFiling(id: string) {
  return api<{ filing: Filing; dueDate: string; provisional: boolean; workingDaysLeft: number }>(
    'POST',
    `/api/filings/${id}/submit`,
  );
}

export function withdrawFiling(id: string) {
  return api<{ filing: Filing }>('POST', `/api/filings/${id}/withdraw`).then((r) => r.filing);
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
  return uploadWithProgress<{ attachment: Attachment }>(replaceId ? 'PUT' : 'POST', path, form, onProgress);
}

export function deleteAttachment(id: string, attachmentId: string) {
  return api<void>('DELETE', `/api/filings/${id}/attachments/${attachmentId}`);
}

export const attachmentUrl = (id: string, attachmentId: string, inline = false) =>
  `/api/filings/${id}/attachments/${attachmentId}${inline ? '?inline=1' : ''}`;

/** Documents made from a filing (server: routes/documents): 承诺书 template, 登记表, and the 备案证明 once filed. */
export type FilingDocument = 'commitment.pdf' | 'commitment.docx' | 'registration.pdf' | 'certificate.pdf';
export const filingDocumentUrl = (id: string, name: FilingDocument) => `/api/filings/${id}/documents/${name}`;
/** States in which the filing is valid and the certificate is issued. */
export const hasCertificate = (f: { status: string; filingNumber: string | null }) =>
  !!f.filingNumber && (f.status === 'approved' || f.status === 'change_submitted');
