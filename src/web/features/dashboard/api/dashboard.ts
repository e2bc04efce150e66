/**
 * The staff dashboard's API (server: routes/dashboard/dashboard.ts): the figures, checked against the shared
 * response schema, and the href of the list each figure links to (shared/api/dashboardLinks.ts). The schemas
 * (zod) are fetched beside the first answer (./schemas.ts), not with the page (`npm run bench:bundle`).
 */
import { useQuery } from '@tanstack/react-query';
import type { Dashboard } from '../../../../shared/api/dashboard.js';
import type { ListLink } from '../../../../shared/api/dashboardLinks.js';
import { paths } from '../../../config/paths.js';
import { api } from '../../../lib/api.js';

export type { ComplaintSection, Dashboard, ReviewSection } from '../../../../shared/api/dashboard.js';
export { dashboardLinks, type ListLink } from '../../../../shared/api/dashboardLinks.js';

const loadSchemas = () => import('./schemas.js');

export function useDashboard() {
  return useQuery({
    queryKey: ['dashboard'],
    queryFn: async (): Promise<Dashboard> => {
      const [schemas, body] = await Promise.all([loadSchemas(), api<unknown>('GET', '/api/dashboard')]);
      return schemas.dashboardResponse.parse(body);
    },
    refetchInterval: 5 * 60_000,
  });
}

/** Years that open deadlines reach into without a holiday schedule (SPEC §3: staff are warned to enter them). */
export function useCalendarCoverage() {
  return useQuery({
    // The same key as components/CoverageAlert.tsx: both keep the whole answer, each selects what it shows.
    queryKey: ['calendar', 'coverage'],
    queryFn: async () => {
      const [schemas, body] = await Promise.all([loadSchemas(), api<unknown>('GET', '/api/calendar/coverage')]);
      return schemas.calendarCoverageResponse.parse(body);
    },
    select: (r) => r.missing,
    staleTime: 60_000,
  });
}

/** The console's address of the list behind a figure. */
export function listHref(link: ListLink): string {
  const base = link.list === 'review' ? paths.review : paths.handling;
  return `${base}?${new URLSearchParams(link.query)}`;
}
