/**
 * The applicant's drafts beyond the filing fetchers: 新建备案 that reuses an empty draft (POST ?reuseEmpty=1), deleting
 * a draft (DELETE, drafts only), and the review history the filing view carries (server services/filingHistory.ts).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import { type Filing, filingKey, filingsKey } from './filings.js';

export type HistoryEvent =
  | { kind: 'submitted'; at: string; receivedDate: string }
  | { kind: 'correction'; at: string; summary: string; items: { field: string; message: string }[] }
  | { kind: 'approved'; at: string }
  | { kind: 'withdrawn'; at: string };

export type FilingWithHistory = Filing & { history?: HistoryEvent[] };

export function useNewFiling() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api<{ filing: Filing }>('POST', '/api/filings?reuseEmpty=1', {})).filing,
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
