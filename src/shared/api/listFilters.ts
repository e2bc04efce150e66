/**
 * Query parameters of the staff lists that the dashboard's figures link to (shared/api/dashboard.ts): each figure is
 * the size of a list the review queue or the complaint queue shows with these filters.
 */
import { HOMEPAGE_CHECK_RESULTS } from './homepageCheckResults.js';

/** "Due soon": at most this many working days left (issue 15). */
export const DUE_SOON_DAYS = 2;

/** Waiting for a decision (or open, for complaints) and due soon, or past due. */
export const DUE_FILTERS = ['soon', 'overdue'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** The homepage monitor's last result for a valid filing, flagged after 3 misses, or never checked. */
export const MONITOR_FILTERS = [...HOMEPAGE_CHECK_RESULTS, 'flagged', 'unchecked'] as const;
export type MonitorFilter = (typeof MONITOR_FILTERS)[number];

/** A filing or change with a decision after its due date (`late`), or with decisions all on time (`on_time`). */
export const DECIDED_FILTERS = ['late', 'on_time'] as const;
export type DecidedFilter = (typeof DECIDED_FILTERS)[number];
