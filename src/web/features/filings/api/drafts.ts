/**
 * The applicant's drafts beyond the filing fetchers: 新建备案 that reuses an empty draft (POST ?reuseEmpty=1), deleting
 * a draft (DELETE, drafts only), and the review history the filing view carries (server services/filingHistory.ts).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Filing, FilingResponse, HistoryEvent } from '../../../../shared/api/filings.js';
import { api } from '../../../lib/api.js';
import { filingKey, filingsKey } from './filings.js';

export type { HistoryEvent };
/** The filing view carries its history (shared/api/filings.ts). */
export type FilingWithHistory = Filing;

export function useNewFiling() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api<FilingResponse>('POST', '/api/filings?reuseEmpty=1', {})).filing,
    onSuccess: (f) => {
      qc.setQueryData(filingKey(f.id), f);
      void qc.invalidateQueries({ queryKey: filingsKey, exact: true });
    },
  });
}

export function useDeleteDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/filings/${id}`),
    onSuccess: (_, id) => {
      qc.removeQueries({ queryKey: filingKey(id) });
      void qc.invalidateQueries({ queryKey: filingsKey, exact: true });
    },
  });
}
