/** The homepage monitor on a filing's review page (server: routes/review/homepageChecks.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FlaggedFiling,
  FlaggedFilingsResponse,
  HomepageCheckResponse,
  HomepageChecksResponse,
  HomepageCheckView,
} from '../../../../shared/api/homepageChecks.js';
import { api } from '../../../lib/api.js';

export type { FlaggedFiling, HomepageCheckView };
export type HomepageChecks = HomepageChecksResponse;

const checksKey = (filingId: string) => ['review', 'filing', filingId, 'homepage-checks'] as const;
export const screenshotUrl = (filingId: string, checkId: string) =>
  `/api/review/filings/${filingId}/homepage-checks/${checkId}/screenshot`;

export const evidenceUrl = (filingId: string, checkId: string) =>
  `/api/review/filings/${filingId}/homepage-checks/${checkId}/evidence`;

export function useHomepageChecks(filingId: string) {
  return useQuery({
    queryKey: checksKey(filingId),
    queryFn: () => api<HomepageChecks>('GET', `/api/review/filings/${filingId}/homepage-checks`),
  });
}

export function useRunHomepageCheck(filingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<HomepageCheckResponse>('POST', `/api/review/filings/${filingId}/homepage-checks`),
    onSuccess: () => qc.invalidateQueries({ queryKey: checksKey(filingId) }),
  });
}

export function useFlaggedHomepages() {
  return useQuery({
    queryKey: ['review', 'homepage-monitor', 'flagged'] as const,
    queryFn: async () => (await api<FlaggedFilingsResponse>('GET', '/api/review/homepage-monitor/flagged')).items,
  });
}
