/** After approval (Articles 6, 7): starting and cancelling a change, deregistering and cancelling a scheduled one. */
import type { ChangeResponse, ChangeSummary, StartChangeBody } from '../../../../shared/api/changes.js';
import type {
  DeregistrationBody,
  DeregistrationResponse,
  DeregistrationView,
} from '../../../../shared/api/deregistration.js';
import { api } from '../../../lib/api.js';

export type { ChangeSummary, DeregistrationView };

export const startChange = async (filingId: string, body: StartChangeBody) =>
  (await api<ChangeResponse>('POST', `/api/filings/${filingId}/changes`, body)).change;

export const cancelChange = async (changeId: string) =>
  (await api<ChangeResponse>('POST', `/api/changes/${changeId}/cancel`)).change;

export const deregister = async (filingId: string, body: DeregistrationBody) =>
  (await api<DeregistrationResponse>('POST', `/api/filings/${filingId}/deregistration`, body)).deregistration;

export const cancelDeregistration = async (filingId: string) =>
  (await api<DeregistrationResponse>('POST', `/api/filings/${filingId}/deregistration/cancel`)).deregistration;
