/**
 * The staff dashboard (issue 15 item 5; SPEC §3 "overdue items stand out on the staff dashboard", §8, §9, §10):
 * `GET /api/dashboard` answers counts computed in the database, each the size of a list the console can show with
 * query parameters (the review queue's `status`, `kind`, `due`, `late`, `monitor`, `decided`; the complaint queue's
 * `status`, `category`, `due`). A section is null for staff whose role does not work that list.
 */
import { z } from 'zod';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '../complaints/lifecycle.js';
import { STAFF_CHANGE_STATUSES, STAFF_FILING_STATUSES } from './dashboardStatuses.js';
import { HOMEPAGE_CHECK_RESULTS } from './homepageChecks.js';

export { DUE_SOON_DAYS } from './listFilters.js';

/** The review limit of Article 5, in working days. */
export const REVIEW_LIMIT_DAYS = 10;
export { STAFF_CHANGE_STATUSES, STAFF_FILING_STATUSES };

const count = z.number().int().min(0);
const dueCounts = z.object({ soon: count, overdue: count });

export const reviewTimeBucket = z.object({
  /** Working days from receipt to the decision, from … to (inclusive); `to` null: and more. */
  from: count,
  to: count.nullable(),
  count,
});

export const reviewSection = z.object({
  filingsByState: z.array(z.object({ state: z.enum(STAFF_FILING_STATUSES), count })),
  changesByState: z.array(z.object({ state: z.enum(STAFF_CHANGE_STATUSES), count })),
  /** Submissions waiting for a decision (Art. 5): due within DUE_SOON_DAYS working days, or past due. */
  due: z.object({ filing: dueCounts, change: dueCounts }),
  /** Every decision (approval or correction notice) on a filing or a change against the 10-working-day limit. */
  reviewTimes: z.object({
    limitDays: z.number().int(),
    decisions: count,
    onTime: count,
    late: count,
    /** onTime / decisions; null without decisions. */
    onTimeShare: z.number().nullable(),
    medianDays: z.number().nullable(),
    buckets: z.array(reviewTimeBucket),
  }),
  late: z.object({
    /** Change filings filed after their 30-day deadline (Art. 6). */
    article6: count,
    /** Filings of platforms already online filed late (Art. 8). */
    article8: count,
    /** Art. 8: not yet online, planned launch near or past, not approved (the queue's `launch=due`). */
    launchDue: count,
  }),
  /** The homepage monitor over valid (approved) filings (Art. 5, SPEC §10): each one's last result. */
  monitor: z.object({
    valid: count,
    checked: count,
    results: z.array(z.object({ result: z.enum(HOMEPAGE_CHECK_RESULTS), count })),
    flagged: count,
    unchecked: count,
    /** compliant / checked; null when nothing was checked. */
    complianceRate: z.number().nullable(),
  }),
});
export type ReviewSection = z.infer<typeof reviewSection>;

export const complaintSection = z.object({
  byState: z.array(z.object({ state: z.enum(COMPLAINT_STATUSES), count })),
  byCategory: z.array(z.object({ category: z.enum(COMPLAINT_CATEGORIES), count })),
  byCategoryAndState: z.array(
    z.object({ category: z.enum(COMPLAINT_CATEGORIES), state: z.enum(COMPLAINT_STATUSES), count }),
  ),
  /** Open (not closed) complaints against their category's handling time limit (Art. 9). */
  due: dueCounts,
});
export type ComplaintSection = z.infer<typeof complaintSection>;

export const dashboardResponse = z.object({
  /** China date the figures were computed for. */
  today: z.string(),
  /** Due before `overdueBefore`: overdue; from it up to (not including) `soonBefore`: due soon. */
  window: z.object({ overdueBefore: z.string(), soonBefore: z.string() }),
  review: reviewSection.nullable(),
  complaints: complaintSection.nullable(),
});
export type Dashboard = z.infer<typeof dashboardResponse>;
