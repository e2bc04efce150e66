/**
 * The reviewer's side after approval (server: routes/review/lifecycle.ts): a change under review with its diff and
 * decisions, the versions of a filing and the diff between two, the deregistrations, and revocation (admins).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewChange } from '../../../../shared/api/changes.js';
import type { DeregistrationView } from '../../../../shared/api/deregistration.js';
import type { RevokeBody } from '../../../../shared/api/revocation.js';
import type { FieldError } from '../../../../shared/filing/completeness.js';
import { api } from '../../../lib/api.js';
import { queueKey, reviewFilingKey } from './review.js';

export type { ReviewChange };

export interface StaffVersion {
  version: number;
  current: boolean;
  approvedAt: string;
  changeId: string | null;
  changeDate: string | null;
  lastChangeDate: string | null;
}

export interface DiffEntry {
  field: string;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
}

export const reviewChangeKey = (id: string) => ['review', 'change', id] as const;
const staffVersionsKey = (filingId: string) => ['review', 'filing', filingId, 'versions'] as const;

export function useReviewChange(id: string) {
  return useQuery({
    queryKey: reviewChangeKey(id),
    queryFn: async () => (await api<{ change: ReviewChange }>('GET', `/api/review/changes/${id}`)).change,
  });
}

function useChangeMutation<V>(id: string, fn: (v: V) => Promise<{ change: ReviewChange }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (res) => {
      qc.setQueryData(reviewChangeKey(id), res.change);
      void qc.invalidateQueries({ queryKey: queueKey() });
      void qc.invalidateQueries({ queryKey: reviewFilingKey(res.change.filingId) });
    },
  });
}

export const useApproveChange = (id: string) =>
  useChangeMutation(id, () => api<{ change: ReviewChange }>('POST', `/api/review/changes/${id}/approve`));

export const useRequestChangeCorrection = (id: string) =>
  useChangeMutation(id, (v: { summary: string; items: FieldError[] }) =>
    api<{ change: ReviewChange }>('POST', `/api/review/changes/${id}/request-correction`, v),
  );

export const reviewChangeAttachmentUrl = (id: string, attachmentId: string, inline = false) =>
  `/api/review/changes/${id}/attachments/${attachmentId}${inline ? '?inline=1' : ''}`;

export function useStaffVersions(filingId: string, enabled: boolean) {
  return useQuery({
    queryKey: staffVersionsKey(filingId),
    queryFn: async () =>
      (await api<{ versions: StaffVersion[] }>('GET', `/api/review/filings/${filingId}/versions`)).versions,
    enabled,
  });
}

export function useVersionDiff(filingId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...staffVersionsKey(filingId), 'diff', from, to],
    queryFn: async () =>
      (
        await api<{ diff: DiffEntry[] }>(
          'GET',
          `/api/review/filings/${filingId}/versions/diff?from=${from ?? 1}&to=${to ?? 1}`,
        )
      ).diff,
    enabled: from !== null && to !== null && from !== to,
    placeholderData: keepPreviousData,
  });
}

export function useRevoke(filingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RevokeBody) => api<unknown>('POST', `/api/review/filings/${filingId}/revoke`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: reviewFilingKey(filingId) });
      void qc.invalidateQueries({ queryKey: queueKey() });
    },
  });
}

export type DeregistrationStatusFilter = 'all' | 'scheduled' | 'done' | 'cancelled';
export interface DeregistrationItem extends DeregistrationView {
  filingNumber: string | null;
  platformName: string | null;
}

export function useDeregistrations(status: DeregistrationStatusFilter, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['review', 'deregistrations', status, page],
    queryFn: () =>
      api<{ total: number; pageSize: number; items: DeregistrationItem[] }>(
        'GET',
        `/api/review/deregistrations?status=${status}&page=${page}`,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}
