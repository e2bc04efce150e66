/**
 * The reviewer's side after approval (server: routes/review/lifecycle.ts): a change under review with its diff and
 * decisions, the versions of a filing and the diff between two, the deregistrations, and revocation (admins).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReviewChange, ReviewChangeResponse } from '../../../../shared/api/changes.js';
import type { DiffEntryView } from '../../../../shared/api/common.js';
import type {
  DeregistrationListItem,
  DeregistrationsQuery,
  DeregistrationsResponse,
} from '../../../../shared/api/deregistration.js';
import type { CorrectionBody } from '../../../../shared/api/review.js';
import type { RevokeBody, RevokeResponse } from '../../../../shared/api/revocation.js';
import type { VersionDiffResponse, VersionSummary, VersionsResponse } from '../../../../shared/api/versions.js';
import { api } from '../../../lib/api.js';
import { queueKey, reviewFilingKey } from './review.js';

export type { ReviewChange };
export type StaffVersion = VersionSummary;
export type DiffEntry = DiffEntryView;

export const reviewChangeKey = (id: string) => ['review', 'change', id] as const;
const staffVersionsKey = (filingId: string) => ['review', 'filing', filingId, 'versions'] as const;

export function useReviewChange(id: string) {
  return useQuery({
    queryKey: reviewChangeKey(id),
    queryFn: async () => (await api<ReviewChangeResponse>('GET', `/api/review/changes/${id}`)).change,
  });
}

function useChangeMutation<V>(id: string, fn: (v: V) => Promise<ReviewChangeResponse>) {
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
  useChangeMutation(id, () => api<ReviewChangeResponse>('POST', `/api/review/changes/${id}/approve`));

export const useRequestChangeCorrection = (id: string) =>
  useChangeMutation(id, (v: CorrectionBody) =>
    api<ReviewChangeResponse>('POST', `/api/review/changes/${id}/request-correction`, v),
  );

export const reviewChangeAttachmentUrl = (id: string, attachmentId: string, inline = false) =>
  `/api/review/changes/${id}/attachments/${attachmentId}${inline ? '?inline=1' : ''}`;

export function useStaffVersions(filingId: string, enabled: boolean) {
  return useQuery({
    queryKey: staffVersionsKey(filingId),
    queryFn: async () => (await api<VersionsResponse>('GET', `/api/review/filings/${filingId}/versions`)).versions,
    enabled,
  });
}

export function useVersionDiff(filingId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...staffVersionsKey(filingId), 'diff', from, to],
    queryFn: async () =>
      (
        await api<VersionDiffResponse>(
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
    mutationFn: (body: RevokeBody) => api<RevokeResponse>('POST', `/api/review/filings/${filingId}/revoke`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: reviewFilingKey(filingId) });
      void qc.invalidateQueries({ queryKey: queueKey() });
    },
  });
}

export type DeregistrationStatusFilter = NonNullable<DeregistrationsQuery['status']>;
export type DeregistrationItem = DeregistrationListItem;

export function useDeregistrations(status: DeregistrationStatusFilter, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['review', 'deregistrations', status, page],
    queryFn: () => api<DeregistrationsResponse>('GET', `/api/review/deregistrations?status=${status}&page=${page}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}
