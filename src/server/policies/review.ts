/**
 * What staff may do in review (Article 5, SPEC §8). Actions are a typed union; each transition is granted by the
 * filing state machine (shared/filing/lifecycle.ts) to roles and allowed from states; reading and revealing need
 * review staff and a filing that is not a draft. `allowedReviewActions` feeds the buttons of the reviewer console.
 */

import { REVIEW_ACTIONS, type ReviewAction, STAFF_TRANSITIONS } from '../../shared/api/review.js';
import { filingMachine } from '../../shared/filing/lifecycle.js';
import { FILING_STATUS_LABELS } from '../../shared/filing/status.js';
import { AppError, forbidden } from '../lib/errors.js';
import type { SessionUser } from '../services/sessions.js';
import { allowedTransitions, authorizeTransition } from './transitions.js';
import { isReviewer, staffRoles } from './utils.js';

export { REVIEW_ACTIONS, type ReviewAction };

/** Answers 403 to anyone who is not review staff, whatever the filing. */
export function requireReviewStaff(user: SessionUser): void {
  if (!isReviewer(user)) throw forbidden('仅审核人员可以访问');
}

/**
 * Conflict of interest: staff never decide (claim, check, approve, send back, revoke) a filing they filed
 * themselves, or one whose change they filed. Staff accounts carry no organisation in this system, so the
 * account that owns the filing is the relation known; reading it stays allowed.
 */
export function isOwnFiling(user: SessionUser, filing: { ownerId?: string }): boolean {
  return filing.ownerId !== undefined && filing.ownerId === user.id;
}

export const conflictOfInterest = () =>
  new AppError(403, 'conflict_of_interest', '利益冲突：不能审核本人提交的备案，请由其他审核人员处理');

export function authorizeReview(
  user: SessionUser,
  action: ReviewAction,
  filing: { status: string; ownerId?: string },
): void {
  if (!isReviewer(user)) throw forbidden('无权执行此审核操作');
  // Drafts are the applicant's own business until submitted: to staff they do not exist.
  if (filing.status === 'draft') throw new AppError(404, 'not_found', '未找到该备案');
  if (action === 'read' || action === 'reveal') return;
  if (isOwnFiling(user, filing)) throw conflictOfInterest();
  authorizeTransition(filingMachine, filing.status, action, staffRoles(user), {
    labels: FILING_STATUS_LABELS,
    forbiddenMessage: '无权执行此审核操作',
  });
}

export function allowedReviewActions(user: SessionUser, filing: { status: string; ownerId?: string }): ReviewAction[] {
  if (!isReviewer(user) || filing.status === 'draft') return [];
  if (isOwnFiling(user, filing)) return ['read', 'reveal'];
  return ['read', 'reveal', ...allowedTransitions(filingMachine, filing.status, staffRoles(user), STAFF_TRANSITIONS)];
}
