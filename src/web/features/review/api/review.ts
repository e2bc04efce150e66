/** The review API (SPEC §5, Article 5): the queue, one filing as staff see it, claims, checks and decisions. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DecidedFilter, DueFilter, MonitorFilter } from '../../../../shared/api/listFilters.js';
import type { FieldError } from '../../../../shared/filing/completeness.js';
import type { FilingDraft } from '../../../../shared/filing/schema.js';
import { api } from '../../../lib/api.js';

export interface Due {
  date: string;
  provisional: boolean;
  workingDaysLeft: number;
  overdue: boolean;
}

export interface QueueItem {
  /** The filing's id, for both kinds. */
  id: string;
  kind: 'filing' | 'change';
  kindLabel: string;
  /** The change's id for a change, else null. */
  changeId: string | null;
  lateReason: string | null;
  status: string;
  statusLabel: string;
  platformName: string | null;
  sponsorName: string | null;
  sponsorType: string | null;
  receivedDate: string | null;
  due: Due | null;
  late: boolean;
  filingNumber: string | null;
  assignedReviewer: { id: string; displayName: string | null } | null;
}

export type QueueStatus =
  | 'submitted'
  | 'correction_requested'
  | 'approved'
  | 'all'
  | 'withdrawn'
  | 'deregistered'
  | 'revoked'
  | 'cancelled';
export type QueueAssignee = 'any' | 'me' | 'unassigned';
/** What the queue lists: both kinds, first filings, changes (Art. 6), or the deregistrations (Art. 7) instead. */
export type QueueKind = 'all' | 'filing' | 'change' | 'deregistration';

/** Narrowing the dashboard's figures open the queue with (shared/api/listFilters.ts). */
export interface QueueFilters {
  due?: DueFilter;
  late?: '1';
  monitor?: MonitorFilter;
  decided?: DecidedFilter;
  launch?: 'due';
}

export interface QueueParams {
  status: QueueStatus;
  assignee: QueueAssignee;
  kind: QueueKind;
  page: number;
  filters?: QueueFilters;
}

export interface Reviewer {
  id: string;
  displayName: string;
  roles: string[];
}

export interface ReviewAttachment {
  id: string;
  kind: string;
  kindLabel: string;
  fileName: string;
  mime: string;
  size: number;
  sm3: string;
  uploadedAt: string;
}

import type { CheckResult, CheckSection } from '../../../../shared/filing/review.js';

export { CHECK_SECTIONS, type CheckResult, type CheckSection } from '../../../../shared/filing/review.js';

export interface Check {
  section: CheckSection;
  result: CheckResult;
  note: string | null;
  checkedAt: string;
}

export interface Decision {
  kind: 'approve' | 'correction' | string;
  summary: string | null;
  items: FieldError[] | unknown;
  overdue: boolean;
  createdAt: string;
}

export type ReviewAction =
  | 'read'
  | 'claim'
  | 'assign'
  | 'check'
  | 'approve'
  | 'requestCorrection'
  | 'reveal'
  | 'revoke';

export interface ReviewFiling {
  id: string;
  status: string;
  statusLabel: string;
  filingNumber: string | null;
  submittedAt: string | null;
  receivedDate: string | null;
  approvedAt: string | null;
  due: Due | null;
  late: boolean;
  assignedReviewerId: string | null;
  data: FilingDraft;
  attachments: ReviewAttachment[];
  completeness: { complete: boolean; errors: FieldError[] };
  checks: Check[];
  decisions: Decision[];
  allowedActions: ReviewAction[];
  /** After approval: the record's version and public state, and the open change (Art. 6). */
  record?: {
    version: number;
    lastChangeDate: string | null;
    deregisteredAt: string | null;
    revokedAt: string | null;
    revocationReason: string | null;
    revocationComplaintId: string | null;
  } | null;
  openChangeId?: string | null;
}

type Person = { name?: string; mobile?: string; email?: string };
export interface RevealedPersonal {
  sponsor: { name?: string; idNumber?: string };
  people: { principal?: Person; contact?: Person };
}

export const queueKey = (p?: QueueParams) => (p ? (['review', 'queue', p] as const) : (['review', 'queue'] as const));
export const reviewFilingKey = (id: string) => ['review', 'filing', id] as const;

export function useQueue(p: QueueParams) {
  return useQuery({
    queryKey: queueKey(p),
    queryFn: () => {
      const q = new URLSearchParams({ status: p.status, assignee: p.assignee, page: String(p.page) });
      if (p.kind === 'filing' || p.kind === 'change') q.set('kind', p.kind);
      for (const [k, v] of Object.entries(p.filters ?? {})) if (v) q.set(k, v);
      return api<{ total: number; pageSize?: number; items: QueueItem[] }>('GET', `/api/review/queue?${q}`);
    },
    placeholderData: keepPreviousData,
    enabled: p.kind !== 'deregistration',
  });
}

export function useReviewers(enabled: boolean) {
  return useQuery({
    queryKey: ['review', 'reviewers'],
    queryFn: async () => (await api<{ items: Reviewer[] }>('GET', '/api/review/reviewers')).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useReviewFiling(id: string) {
  return useQuery({
    queryKey: reviewFilingKey(id),
    queryFn: async () => (await api<{ filing: ReviewFiling }>('GET', `/api/review/filings/${id}`)).filing,
  });
}

/** Every write answers with the filing as it now stands: put it in the cache, and let the queue refetch. */
function useFilingMutation<V, R extends { filing: ReviewFiling }>(id: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (res) => {
      qc.setQueryData(reviewFilingKey(id), res.filing);
      void qc.invalidateQueries({ queryKey: queueKey() });
    },
  });
}

const base = (id: string) => `/api/review/filings/${id}`;

export const useClaim = (id: string) =>
  useFilingMutation(id, () => api<{ filing: ReviewFiling }>('POST', `${base(id)}/claim`));

export const useAssign = (id: string) =>
  useFilingMutation(id, (reviewerId: string) =>
    api<{ filing: ReviewFiling }>('POST', `${base(id)}/assign`, { reviewerId }),
  );

export const useRecordCheck = (id: string) =>
  useFilingMutation(id, (v: { section: CheckSection; result: CheckResult; note?: string }) =>
    api<{ filing: ReviewFiling }>('PUT', `${base(id)}/checks/${v.section}`, {
      result: v.result,
      ...(v.note ? { note: v.note } : {}),
    }),
  );

export const useApprove = (id: string) =>
  useFilingMutation(id, () => api<{ filing: ReviewFiling; filingNumber: string }>('POST', `${base(id)}/approve`));

export const useRequestCorrection = (id: string) =>
  useFilingMutation(id, (v: { summary: string; items: FieldError[] }) =>
    api<{ filing: ReviewFiling }>('POST', `${base(id)}/request-correction`, v),
  );

export function reveal(id: string, reason: string) {
  return api<{ personal: RevealedPersonal }>('POST', `${base(id)}/reveal`, { reason }).then((r) => r.personal);
}

/** Claiming from the queue, where the row's filing is not loaded. */
export function useClaimFromQueue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ filing: ReviewFiling }>('POST', `${base(id)}/claim`),
    onSuccess: (res) => {
      qc.setQueryData(reviewFilingKey(res.filing.id), res.filing);
      void qc.invalidateQueries({ queryKey: queueKey() });
    },
  });
}

export const reviewAttachmentUrl = (id: string, attachmentId: string, inline = false) =>
  `${base(id)}/attachments/${attachmentId}${inline ? '?inline=1' : ''}`;

/** The 登记表 and, once filed, the 备案证明, through the staff path (server: routes/documents). */
export const reviewDocumentUrl = (id: string, name: 'registration.pdf' | 'certificate.pdf', inline = false) =>
  `${base(id)}/documents/${name}${inline ? '?inline=1' : ''}`;
