/** The public registry (SPEC §4): what anyone may read about a filing, by its number. No session needed. */
import { useQuery } from '@tanstack/react-query';
import type { PublicRecord, PublicStatus } from '../../../../shared/filing/publicRecord.js';
import { api } from '../../../lib/api.js';

export interface PublicFiling extends PublicRecord {
  status: PublicStatus;
  statusLabel: string;
}

export function usePublicFiling(filingNumber: string) {
  return useQuery({
    queryKey: ['public', 'filings', filingNumber],
    queryFn: async () =>
      (await api<{ filing: PublicFiling }>('GET', `/api/public/filings/${encodeURIComponent(filingNumber)}`)).filing,
    retry: false,
  });
}
