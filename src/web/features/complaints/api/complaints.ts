/**
 * The handlers' console's API (server: routes/complaints/staff.ts): the queue, one complaint, intake, the workflow
 * steps and revealing the contact. Request bodies are the shared zod schemas' types (shared/api/complaints.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  closeComplaintBody,
  complaintMeasureBody,
  staffComplaintBody,
  verifyComplaintBody,
} from '../../../../shared/api/complaints.js';
import type { DueFilter } from '../../../../shared/api/listFilters.js';
import type {
  ComplaintAction,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintStatus,
} from '../../../../shared/complaints/lifecycle.js';
import { api, parse } from '../../../lib/api.js';

export interface ComplaintSummary {
  id: string;
  trackingCode: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  status: ComplaintStatus;
  statusLabel: string;
  target: { filingNumber: string | null; filingId: string | null; name: string | null; url: string | null };
  receivedAt: string;
  dueDate: string;
  provisional: boolean;
  workingDaysLeft: number | null;
  overdue: boolean;
  assignedHandlerId: string | null;
  anonymous: boolean;
  sameTarget?: number;
}

export interface ComplaintDetail extends ComplaintSummary {
  handlerName: string | null;
  description: string;
  contact: { name?: string; phone?: string; email?: string } | null;
  reply: string | null;
  closedAt: string | null;
  evidence: { id: string; fileName: string; mime: string; size: number; sm3: string }[];
  timeline: { at: string; action: string; status: ComplaintStatus; note: string | null; publicNote: string | null }[];
  duplicates: ComplaintSummary[];
  allowedActions: ComplaintAction[];
  /** `number_not_shown`: the homepage monitor's checks run for this complaint, newest first. */
  homepageChecks: ComplaintHomepageCheck[];
  canCheckHomepage: boolean;
}

export interface ComplaintHomepageCheck {
  id: string;
  filingId: string;
  filingNumber: string;
  homepageUrl: string;
  checkedAt: string;
  result: 'compliant' | 'missing' | 'unreachable' | 'manual_review';
  reason: string;
  finalUrl: string;
  httpStatus: number;
  sm3: string | null;
  excerpt: string;
}

/** What the queue lists: open ones, all, one state; narrowed by category or due date (from the dashboard). */
export interface ComplaintQueueParams {
  status: ComplaintStatus | 'open' | 'all';
  category?: ComplaintCategory | undefined;
  due?: DueFilter | undefined;
}

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
      return (await api<{ items: ComplaintSummary[] }>('GET', `/api/complaints${q.size ? `?${q}` : ''}`)).items;
    },
  });
}

export function useComplaint(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: async () => (await api<{ complaint: ComplaintDetail }>('GET', `/api/complaints/${id}`)).complaint,
  });
}

export function useHandlers() {
  return useQuery({
    queryKey: ['complaints', 'handlers'],
    queryFn: async () =>
      (await api<{ handlers: { id: string; displayName: string | null }[] }>('GET', '/api/complaints/handlers'))
        .handlers,
  });
}

export type ActionBody =
  | { action: 'assign'; handlerId: string }
  | { action: 'startVerification' }
  | ({ action: 'verify' } & z.input<typeof verifyComplaintBody>)
  | ({ action: 'measure' } & z.input<typeof complaintMeasureBody>)
  | ({ action: 'close' } & z.input<typeof closeComplaintBody>);

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
      api<{ complaint: ComplaintDetail }>('POST', `/api/complaints/${id}/${PATHS[action]}`, body),
    onSuccess: (res) => {
      qc.setQueryData(detailKey(id), res.complaint);
      void qc.invalidateQueries({ queryKey: ['complaints', 'queue'] });
    },
  });
}

export function useRevealContact(id: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      api<{ contact: ComplaintDetail['contact'] }>('POST', `/api/complaints/${id}/reveal`, { reason }),
  });
}

export function useRecordPhoneCall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof staffComplaintBody>) =>
      api<{ complaint: ComplaintDetail }>('POST', '/api/complaints', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['complaints', 'queue'] }),
  });
}

export async function importEml(file: File) {
  const form = new FormData();
  form.append('eml', file);
  const res = await fetch('/api/complaints/import-eml', { method: 'POST', body: form, credentials: 'same-origin' });
  return parse<{ complaint: ComplaintDetail; skipped: { fileName: string }[] }>(
    res.status,
    res.headers.get('content-type'),
    await res.text(),
  );
}

export const homepageEvidenceUrl = (id: string, checkId: string) =>
  `/api/complaints/${id}/homepage-checks/${checkId}/evidence`;

export function useCheckComplaintHomepage(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ check: unknown }>('POST', `/api/complaints/${id}/homepage-checks`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: detailKey(id) }),
  });
}

export const evidenceUrl = (id: string, evidenceId: string, inline = false) =>
  `/api/complaints/${id}/evidence/${evidenceId}${inline ? '?inline=1' : ''}`;
