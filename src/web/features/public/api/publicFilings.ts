/** The public registry (SPEC §4): what anyone may read about a filing, by its number. No session needed. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';

export interface PublicFiling {
  filingNumber: string;
  platformName: string;
  homepageUrl: string;
  icpNumber: string;
  publishUrls: string[];
  socialAccounts: { app: string; account: string }[];
  sponsorName: string;
  sponsorType: string;
  sponsorTypeLabel: string;
  filingDate: string;
  lastChangeDate: string | null;
  status: 'valid' | 'deregistered' | 'revoked';
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
