/**
 * The review queue (SPEC §5 GET /api/review/queue, §8): first filings and changes in one list by due date, each with
 * its kind (首次备案 / 变更备案) and late flag; `launch=due` lists, for Article 8, filings of platforms not yet online
 * whose planned launch date is near or past while they are not approved. `due`, `late`, `monitor` and `decided`
 * narrow the list to what a figure of the staff dashboard counts (shared/api/dashboard.ts).
 */
import { z } from 'zod';
import { CHANGE_STATUSES, REVIEW_KINDS } from '../filing/lifecycle.js';
import { FILING_STATUSES } from '../filing/status.js';
import { dueSchema, pageQuery } from './common.js';
import { DECIDED_FILTERS, DUE_FILTERS, MONITOR_FILTERS } from './listFilters.js';

type QueueStatus = Exclude<(typeof FILING_STATUSES)[number] | (typeof CHANGE_STATUSES)[number], 'draft'>;
const QUEUE_STATUSES = [...new Set([...FILING_STATUSES, ...CHANGE_STATUSES])].filter(
  (s): s is QueueStatus => s !== 'draft',
);

/** Whose filings: anyone's, the caller's, nobody's (or a reviewer's id). */
export const QUEUE_ASSIGNEES = ['me', 'unassigned', 'any'] as const;

export const queueQuery = z.strictObject({
  status: z.enum(['all', ...QUEUE_STATUSES] as ['all', ...QueueStatus[]]).optional(),
  kind: z.enum(['all', ...REVIEW_KINDS]).optional(),
  assignee: z.union([z.enum(QUEUE_ASSIGNEES), z.uuid()]).optional(),
  /** Article 8: filings not yet online whose planned launch is within `launchWithinDays` (setting by default) or past. */
  launch: z.enum(['due']).optional(),
  launchWithinDays: z.coerce.number().int().min(0).max(365).optional(),
  /** Waiting for a decision and due within 2 working days (`soon`) or past due (`overdue`); implies `submitted`. */
  due: z.enum(DUE_FILTERS).optional(),
  /** Filed late: Article 8 for a filing, Article 6 for a change. */
  late: z.enum(['1', 'true']).optional(),
  /** The homepage monitor's last result for the filing, flagged (3 misses), or never checked; filings only. */
  monitor: z.enum(MONITOR_FILTERS).optional(),
  /** A decision after its due date (`late`), or decided with every decision on time (`on_time`). */
  decided: z.enum(DECIDED_FILTERS).optional(),
  ...pageQuery,
});
export type QueueQuery = z.infer<typeof queueQuery>;

export const article8Schema = z.object({
  state: z.string(),
  label: z.string(),
  alreadyOnline: z.boolean(),
  launchDate: z.string().nullable(),
});

export const queueItemSchema = z.object({
  /** The filing's id, for both kinds. */
  id: z.string(),
  kind: z.enum(REVIEW_KINDS),
  kindLabel: z.string(),
  /** The change's id for a change, else null. */
  changeId: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  platformName: z.string().nullable(),
  sponsorName: z.string().nullable(),
  sponsorType: z.string().nullable(),
  receivedDate: z.string().nullable(),
  due: dueSchema.nullable(),
  late: z.boolean(),
  /** What the late flag means: Article 8 for a filing, Article 6 for a change. */
  lateReason: z.string().nullable(),
  filingNumber: z.string().nullable(),
  assignedReviewer: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
  article8: article8Schema.nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

export const queueResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(queueItemSchema),
});
export type QueueResponse = z.infer<typeof queueResponse>;
