/** The review API (SPEC §5, Article 5): the queue, one filing as staff see it, claims, checks and decisions. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentView, DecisionView, Due } from '../../../../shared/api/common.js';
import type {
  ApproveResponse,
  AssignBody,
  CheckBody,
  CheckView,
  CorrectionBody,
  RevealResponse,
  ReviewAction,
  Reviewer,
  ReviewersResponse,
  ReviewFiling,
  ReviewFilingResponse,
} from '../../../../shared/api/review.js';
import type { QUEUE_ASSIGNEES, QueueItem, QueueQuery, QueueResponse } from '../../../../shared/api/reviewQueue.js';
import type { CheckResult, CheckSection } from '../../../../shared/filing/review.js';
import { api } from '../../../lib/api.js';

export type { RevealedPersonal } from '../../../../shared/api/review.js';
export { CHECK_SECTIONS, type CheckResult, type CheckSection } from '../../../../shared/filing/review.js';
export type { Due, QueueItem, ReviewAction, Reviewer, ReviewFiling };
export type ReviewAttachment = AttachmentView;
export type Check = CheckView;
export type Decision = DecisionView;

/** The queue's state filter as the page offers it (a subset of queueQuery's `status`). */
export type QueueStatus = Extract<
  NonNullable<QueueQuery['status']>,
  'submitted' | 'correction_requested' | 'approved' | 'all' | 'withdrawn' | 'deregistered' | 'revoked' | 'cancelled'
>;
export type QueueAssignee = (typeof QUEUE_ASSIGNEES)[number];
/** What the queue lists: both kinds, first filings, changes (Art. 6), or the deregistrations (Art. 7) instead. */
export type QueueKind = NonNullable<QueueQuery['kind']> | 'deregistration';

/** Narrowing the dashboard's figures open the queue with (shared/api/listFilters.ts). */
export type QueueFilters = Pick<QueueQuery, 'due' | 'late' | 'monitor' | 'decided' | 'launch'>;

/**
 * @uiState The page's choice of list, turned into queueQuery's parameters by useQueue.
 */
export interface QueueParams {
  status: QueueStatus;
  assignee: QueueAssignee;
  kind: QueueKind;
  page: number;
  filters?: QueueFilters;
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
      return api<QueueResponse>('GET', `/api/review/queue?${q}`);
    },
    placeholderData: keepPreviousData,
    enabled: p.kind !== 'deregistration',
  });
}

export function useReviewers(enabled: boolean) {
  return useQuery({
    queryKey: ['review', 'reviewers'],
    queryFn: async () => (await api<ReviewersResponse>('GET', '/api/review/reviewers')).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useReviewFiling(id: string) {
  return useQuery({
    queryKey: reviewFilingKey(id),
    queryFn: async () => (await api<ReviewFilingResponse>('GET', `/api/review/filings/${id}`)).filing,
  });
}

/** Every write answers with the filing as it now stands: put it in the cache, and let the queue refetch. */
function useFilingMutation<V, R extends ReviewFilingResponse>(id: string, fn: (v: V) => Promise<R>) {
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
  useFilingMutation(id, () => api<ReviewFilingResponse>('POST', `${base(id)}/claim`));

export const useAssign = (id: string) =>
  useFilingMutation(id, (reviewerId: string) =>
    api<ReviewFilingResponse>('POST', `${base(id)}/assign`, { reviewerId } satisfies AssignBody),
  );

export const useRecordCheck = (id: string) =>
  useFilingMutation(id, (v: { section: CheckSection; result: CheckResult; note?: string }) =>
    api<ReviewFilingResponse>('PUT', `${base(id)}/checks/${v.section}`, {
      result: v.result,
      ...(v.note ? { note: v.note } : {}),
    } satisfies CheckBody),
  );

export const useApprove = (id: string) =>
  useFilingMutation(id, () => api<ApproveResponse>('POST', `${base(id)}/approve`));

export const useRequestCorrection = (id: string) =>
  useFilingMutation(id, (v: CorrectionBody) => api<ReviewFilingResponse>('POST', `${base(id)}/request-correction`, v));

export function reveal(id: string, reason: string) {
  return api<RevealResponse>('POST', `${base(id)}/reveal`, { reason }).then((r) => r.personal);
}

/** Claiming from the queue, where the row's filing is not loaded. */
export function useClaimFromQueue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ReviewFilingResponse>('POST', `${base(id)}/claim`),
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
