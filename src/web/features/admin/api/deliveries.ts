/**
 * Deliveries to the partner agencies (公安部, 国家网信办; Article 5) and their settings: the outbox as an admin
 * sees it, with resending, and each partner's webhook, secret, email and pull token.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Partner, PartnerUpdate } from '../../../../shared/api/adminPartners.js';
import { api } from '../../../lib/api.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: string | number;
  channel: string;
  recipient: string;
  recipientName: string | null;
  eventType: string;
  filingId: string | null;
  filingNumber: string | null;
  status: DeliveryStatus | string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface Attempt {
  at: string;
  ok: boolean;
  detail: string | null;
}

export interface DeliveryDetail {
  delivery: Partial<Delivery>;
  history: Attempt[];
}

/** The partner cards' types are the shared API schemas' (shared/api/adminPartners.ts). */
export type { Partner, PartnerUpdate } from '../../../../shared/api/adminPartners.js';

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
      return api<{ total: number; pageSize?: number; items: Delivery[] }>('GET', `/api/admin/deliveries?${q}`);
    },
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/**
 * One delivery with its attempt history. The list item already has `attempts` as a count; the detail carries the
 * history as `attempts: [...]` (or `history`), beside the item or inside `delivery`.
 */
export function useDelivery(id: string | number | null) {
  return useQuery({
    queryKey: [...deliveriesKey, 'detail', id],
    enabled: id !== null,
    queryFn: async (): Promise<DeliveryDetail> => {
      const raw = await api<Record<string, unknown>>('GET', `/api/admin/deliveries/${id}`);
      const inner = (raw.delivery ?? raw.item ?? raw) as Record<string, unknown>;
      const list = [raw.attempts, raw.history, inner.attempts, inner.history].find(Array.isArray) as
        | Attempt[]
        | undefined;
      const { attempts: count, ...rest } = inner;
      return {
        delivery: { ...(rest as Partial<Delivery>), ...(typeof count === 'number' ? { attempts: count } : {}) },
        history: list ?? [],
      };
    },
  });
}

export function useResend() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | number) => api<unknown>('POST', `/api/admin/deliveries/${id}/resend`),
    onSuccess: () => qc.invalidateQueries({ queryKey: deliveriesKey }),
  });
}

export function usePartners() {
  return useQuery({
    queryKey: partnersKey,
    queryFn: async () => (await api<{ items: Partner[] }>('GET', '/api/admin/partners')).items,
  });
}

export function useUpdatePartner(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PartnerUpdate) => api<unknown>('PUT', `/api/admin/partners/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnersKey }),
  });
}

export function useNewPullToken(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ token: string }>('POST', `/api/admin/partners/${id}/token`),
    onSuccess: () => qc.invalidateQueries({ queryKey: partnersKey }),
  });
}
