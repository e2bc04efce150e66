/** After approval (Articles 6, 7): starting and cancelling a change, deregistering and cancelling a scheduled one. */
import type { ChangeSummary, StartChangeBody } from '../../../../shared/api/changes.js';
import type { DeregistrationBody, DeregistrationView } from '../../../../shared/api/deregistration.js';
import { api } from '../../../lib/api.js';

export type { ChangeSummary, DeregistrationView };

export const startChange = async (filingId: string, body: StartChangeBody) =>
  (await api<{ change: ChangeSummary }>('POST', `/api/filings/${filingId}/changes`, body)).change;

export const cancelChange = async (changeId: string) =>
  (await api<{ change: ChangeSummary }>('POST', `/api/changes/${changeId}/cancel`)).change;

export const deregister = async (filingId: string, body: DeregistrationBody) =>
  (await api<{ deregistration: DeregistrationView }>('POST', `/api/filings/${filingId}/deregistration`, body))
    .deregistration;

export const cancelDeregistration = async (filingId: string) =>
  (await api<{ deregistration: DeregistrationView }>('POST', `/api/filings/${filingId}/deregistration/cancel`))
    .deregistration;
