/**
 * What staff may do in review. Actions are a typed union; each is granted by role, then allowed by the
 * filing's state. `allowedReviewActions` feeds the buttons of the reviewer console.
 */
import { match } from 'ts-pattern';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../shared/filing/status.js';
import { AppError, forbidden } from '../lib/errors.js';
import type { SessionUser } from '../services/sessions.js';
import { hasRole } from './utils.js';

export const REVIEW_ACTIONS = ['read', 'claim', 'assign', 'check', 'approve', 'requestCorrection', 'reveal'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

const isReviewer = (u: SessionUser) => hasRole(u, 'reviewer') || hasRole(u, 'admin');

function roleAllows(user: SessionUser, action: ReviewAction): boolean {
  return match(action)
    .with('assign', () => hasRole(user, 'admin'))
    .with('read', 'claim', 'check', 'approve', 'requestCorrection', 'reveal', () => isReviewer(user))
    .exhaustive();
}

function stateAllows(action: ReviewAction, status: string): boolean {
  return match(action)
    .with('read', 'reveal', () => status !== 'draft')
    .with('claim', 'assign', 'check', 'approve', 'requestCorrection', () => status === 'submitted')
    .exhaustive();
}

/** Answers 403 to anyone who is not review staff, whatever the filing. */
export function requireReviewStaff(user: SessionUser): void {
  if (!isReviewer(user)) throw forbidden('仅审核人员可以访问');
}

export function authorizeReview(user: SessionUser, action: ReviewAction, filing: { status: string }): void {
  if (!roleAllows(user, action)) throw forbidden('无权执行此审核操作');
  // Drafts are the applicant's own business until submitted: to staff they do not exist.
  if (filing.status === 'draft') throw new AppError(404, 'not_found', '未找到该备案');
  if (!stateAllows(action, filing.status)) {
    const label = FILING_STATUS_LABELS[filing.status as FilingStatus] ?? filing.status;
    throw new AppError(409, 'invalid_state', `当前状态（${label}）不能执行此操作`);
  }
}

export function allowedReviewActions(user: SessionUser, filing: { status: string }): ReviewAction[] {
  return REVIEW_ACTIONS.filter((a) => roleAllows(user, a) && stateAllows(a, filing.status));
}
