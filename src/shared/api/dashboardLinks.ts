/**
 * Where each figure of the staff dashboard leads: a list (the review queue or the complaint queue) and the query
 * parameters it understands (shared/api/listFilters.ts). The web turns them into links; the dashboard's tests open
 * every one through the list's API and compare its total with the figure.
 */
import type { ComplaintCategory, ComplaintStatus } from '../complaints/lifecycle.js';
import type { DecidedFilter, DueFilter, MonitorFilter } from './listFilters.js';

export type DashboardList = 'review' | 'complaints';
export interface ListLink {
  list: DashboardList;
  query: Record<string, string>;
}

const review = (query: Record<string, string>): ListLink => ({ list: 'review', query });
const complaints = (query: Record<string, string>): ListLink => ({ list: 'complaints', query });

export const dashboardLinks = {
  filingsInState: (state: string) => review({ kind: 'filing', status: state }),
  changesInState: (state: string) => review({ kind: 'change', status: state }),
  due: (kind: 'filing' | 'change', due: DueFilter) => review({ kind, status: 'submitted', due }),
  decided: (decided: DecidedFilter) => review({ kind: 'all', status: 'all', decided }),
  lateArticle8: () => review({ kind: 'filing', status: 'all', late: '1' }),
  lateArticle6: () => review({ kind: 'change', status: 'all', late: '1' }),
  launchDue: () => review({ kind: 'filing', launch: 'due' }),
  validFilings: () => review({ kind: 'filing', status: 'approved' }),
  monitor: (monitor: MonitorFilter) => review({ kind: 'filing', status: 'approved', monitor }),
  complaintsInState: (status: ComplaintStatus) => complaints({ status }),
  complaintsInCategory: (category: ComplaintCategory, status?: ComplaintStatus) =>
    complaints({ status: status ?? 'all', category }),
  complaintsDue: (due: DueFilter) => complaints({ status: 'open', due }),
} as const;
