/**
 * The handlers' console's API (server: routes/complaints/staff.ts): the queue, one complaint, intake, the workflow
 * steps and revealing the contact. Request bodies are the shared zod schemas' types (shared/api/complaints.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignComplaintBody,
  CloseComplaintBody,
  ComplaintDetail,
  ComplaintHandlers,
  ComplaintHomepageCheck,
  ComplaintMeasureBody,
  ComplaintQueueQuery,
  ComplaintQueueResponse,
  ComplaintResponse,
  ComplaintSummary,
  EmlImportResponse,
  RevealContactResponse,
  StaffComplaintInput,
  VerifyComplaintBody,
} from '../../../../shared/api/complaints.js';
import type { HomepageCheckResponse } from '../../../../shared/api/homepageChecks.js';
import { api, parse } from '../../../lib/api.js';

export type { ComplaintDetail, ComplaintHomepageCheck, ComplaintSummary };

/** What the queue lists: open ones, all, one state; narrowed by category or due date (from the dashboard). */
export type ComplaintQueueParams = Required<Pick<ComplaintQueueQuery, 'status'>> &
  Pick<ComplaintQueueQuery, 'category' | 'due'>;

const queueKey = (p: ComplaintQueueParams) => ['complaints', 'queue', p] as const;
const detailKey = (id: string) => ['complaints', 'detail', id] as const;

export function useComplaintQueue(p: ComplaintQueueParams) {
  return useQuery({
    queryKey: queueKey(p),
    queryFn: async () => {
      const q = new URLSearchParams();
      if (p.status !== 'all') q.set('status', p.status);
      if (p.category) q.set('category', p.category);
      if (p.due) q.set('due', p.due);
      return (await api<ComplaintQueueResponse>('GET', `/api/complaints${q.size ? `?${q}` : ''}`)).items;
    },
  });
}

export function useComplaint(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: async () => (await api<ComplaintResponse>('GET', `/api/complaints/${id}`)).complaint,
  });
}

export function useHandlers() {
  return useQuery({
    queryKey: ['complaints', 'handlers'],
    queryFn: async () => (await api<ComplaintHandlers>('GET', '/api/complaints/handlers')).handlers,
  });
}

/** @uiState One workflow step: its path (below) and the shared schema of its body. */
export type ActionBody =
  | ({ action: 'assign' } & AssignComplaintBody)
  | { action: 'startVerification' }
  | ({ action: 'verify' } & VerifyComplaintBody)
  | ({ action: 'measure' } & ComplaintMeasureBody)
  | ({ action: 'close' } & CloseComplaintBody);

const PATHS = {
  assign: 'assign',
  startVerification: 'start-verification',
  verify: 'verify',
  measure: 'measures',
  close: 'close',
} as const;

export function useComplaintAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ...body }: ActionBody) =>
      api<ComplaintResponse>('POST', `/api/complaints/${id}/${PATHS[action]}`, body),
    onSuccess: (res) => {
      qc.setQueryData(detailKey(id), res.complaint);
      void qc.invalidateQueries({ queryKey: ['complaints', 'queue'] });
    },
  });
}

export function useRevealContact(id: string) {
  return useMutation({
    mutationFn: (reason: string) => api<RevealContactResponse>('POST', `/api/complaints/${id}/reveal`, { reason }),
  });
}

export function useRecordPhoneCall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffComplaintInput) => api<ComplaintResponse>('POST', '/api/complaints', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['complaints', 'queue'] }),
  });
}

export async function importEml(file: File) {
  const form = new FormData();
  form.append('eml', file);
  const res = await fetch('/api/complaints/import-eml', { method: 'POST', body: form, credentials: 'same-origin' });
  return parse<EmlImportResponse>(res.status, res.headers.get('content-type'), await res.text());
}

export const homepageEvidenceUrl = (id: string, checkId: string) =>
  `/api/complaints/${id}/homepage-checks/${checkId}/evidence`;

export function useCheckComplaintHomepage(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<HomepageCheckResponse>('POST', `/api/complaints/${id}/homepage-checks`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export const evidenceUrl = (id: string, evidenceId: string, inline = false) =>
  `/api/complaints/${id}/evidence/${evidenceId}${inline ? '?inline=1' : ''}`;
