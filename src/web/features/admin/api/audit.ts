/** The audit viewer (server: routes/admin/audit.ts): filtered pages, the chain's state, the CSV export's address. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditFilter, AuditList, AuditVerify } from '../../../../shared/api/adminAudit.js';
import { api } from '../../../lib/api.js';

const query = (f: AuditFilter, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, String(v));
  return q.toString();
};

export function useAuditPage(filter: AuditFilter, before: number | undefined) {
  return useQuery({
    queryKey: ['admin', 'audit', filter, before ?? null],
    queryFn: () => api<AuditList>('GET', `/api/admin/audit?${query(filter, before ? { before: String(before) } : {})}`),
    placeholderData: keepPreviousData,
  });
}

export function useAuditChain() {
  return useQuery({
    queryKey: ['admin', 'audit', 'verify'],
    queryFn: () => api<AuditVerify>('GET', '/api/admin/audit/verify'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const auditExportUrl = (filter: AuditFilter) => `/api/admin/audit/export.csv?${query(filter)}`;
