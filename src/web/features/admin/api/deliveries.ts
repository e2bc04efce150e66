/**
 * Deliveries to the partner agencies (公安部, 国家网信办; Article 5) and their settings: the outbox as an admin
 * sees it, with resending, and each partner's webhook, secret, email and pull token.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DeliveriesResponse,
  Delivery,
  DeliveryAttempt,
  DeliveryDetailResponse,
  DeliveryStatus,
} from '../../../../shared/api/adminDeliveries.js';
import type {
  PartnerListResponse,
  PartnerResponse,
  PartnerUpdate,
  PullTokenResponse,
} from '../../../../shared/api/adminPartners.js';
import { api } from '../../../lib/api.js';

export type { Delivery, DeliveryStatus };
export type Attempt = DeliveryAttempt;

/** The partner cards' types are the shared API schemas' (shared/api/adminPartners.ts). */
export type { Partner, PartnerUpdate } from '../../../../shared/api/adminPartners.js';

/** @uiState The page's filter, sent as deliveriesQuery: a status (or all), a recipient ('' for any), the page. */
export interface DeliveryFilter {
  status: DeliveryStatus | 'all';
  recipient: string;
  page: number;
}

export const deliveriesKey = ['admin', 'deliveries'] as const;
export const partnersKey = ['admin', 'partners'] as const;

export function useDeliveries(f: DeliveryFilter) {
  return useQuery({
    queryKey: [...deliveriesKey, f],
    queryFn: () => {
      const q = new URLSearchParams({ page: String(f.page) });
      if (f.status !== 'all') q.set('status', f.status);
      if (f.recipient) q.set('recipient', f.recipient);
      return api<DeliveriesResponse>('GET', `/api/admin/deliveries?${q}`);
    },
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/** One delivery with its attempt history (GET /api/admin/deliveries/:id: the item, `attempts` as the history). */
export function useDelivery(id: string | number | null) {
  return useQuery({
    queryKey: [...deliveriesKey, 'detail', id],
    enabled: id !== null,
    queryFn: async () => {
      const { delivery, attempts } = await api<DeliveryDetailResponse>('GET', `/api/admin/deliveries/${id}`);
      return { delivery, history: attempts };
    },
  });
}

export function useResend() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | number) => api<DeliveryDetailResponse>('POST', `/api/admin/deliveries/${id}/resend`),
    onSuccess: () => qc.invalidateQueries({ queryKey: deliveriesKey }),
  });
}

export function usePartners() {
  return useQuery({
    queryKey: partnersKey,
    queryFn: async () => (await api<PartnerListResponse>('GET', '/api/admin/partners')).items,
  });
}

export function useUpdatePartner(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PartnerUpdate) => api<PartnerResponse>('PUT', `/api/admin/partners/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnersKey }),
  });
}

export function useNewPullToken(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<PullTokenResponse>('POST', `/api/admin/partners/${id}/token`),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnersKey }),
  });
}
