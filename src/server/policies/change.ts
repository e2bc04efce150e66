/**
 * Who may do what with a change filing (Article 6, SPEC §8): the filing's owner edits, submits and cancels it;
 * review staff approve it or send it back. States are the change state machine's (shared/filing/lifecycle.ts).
 */
import {
  CHANGE_ACTIONS,
  CHANGE_STATUS_LABELS,
  type ChangeAction,
  changeMachine,
  filingMachine,
} from '../../shared/filing/lifecycle.js';
import { FILING_STATUS_LABELS } from '../../shared/filing/status.js';
import { AppError, forbidden, notFound } from '../lib/errors.js';
import type { SessionUser } from '../services/sessions.js';
import { conflictOfInterest, isOwnFiling } from './review.js';
import { allowedTransitions, authorizeTransition } from './transitions.js';
import { isOwner, isReviewer, staffRoles } from './utils.js';

export type ChangeOwnerAction = 'read' | Extract<ChangeAction, 'update' | 'upload' | 'submit' | 'cancel'>;
export type ChangeReviewAction = 'read' | Extract<ChangeAction, 'approve' | 'requestCorrection'>;

interface ChangeSubject {
  status: string;
}

const OWNER = ['update', 'upload', 'submit', 'cancel'] as const;
const STAFF = ['approve', 'requestCorrection'] as const;

/** The owner of the filing acts on its change: 403 for anyone else, 409 when the change's state does not allow it. */
export function authorizeChange(
  user: SessionUser,
  action: ChangeOwnerAction,
  filing: { ownerId: string },
  change: ChangeSubject,
) {
  if (!isOwner(user, filing)) throw forbidden('无权访问该变更');
  if (action === 'read') return;
  authorizeTransition(changeMachine, change.status, action, ['owner'], {
    labels: CHANGE_STATUS_LABELS,
    forbiddenMessage: '无权访问该变更',
  });
}

export function authorizeChangeReview(
  user: SessionUser,
  action: ChangeReviewAction,
  change: ChangeSubject,
  filing?: { ownerId: string },
) {
  if (!isReviewer(user)) throw forbidden('仅审核人员可以访问');
  // An unsubmitted change is the applicant's own business, like a draft filing.
  if (change.status === 'draft') throw notFound('未找到该变更');
  if (action === 'read') return;
  if (!filing) throw new Error('a change decision needs its filing, for the conflict-of-interest check');
  if (isOwnFiling(user, filing)) throw conflictOfInterest();
  authorizeTransition(changeMachine, change.status, action, staffRoles(user), {
    labels: CHANGE_STATUS_LABELS,
    forbiddenMessage: '无权执行此审核操作',
  });
}

export function allowedChangeActions(user: SessionUser, filing: { ownerId: string }, change: ChangeSubject) {
  if (!isOwner(user, filing)) return [];
  return allowedTransitions(changeMachine, change.status, ['owner'], OWNER);
}

export function allowedChangeReviewActions(user: SessionUser, change: ChangeSubject) {
  if (!isReviewer(user)) return [];
  return allowedTransitions(changeMachine, change.status, staffRoles(user), STAFF);
}

/** Applying an approved change needs the filing still valid (filing machine: applyChange) and not moved on since. */
export function authorizeApplyChange(
  user: SessionUser,
  filing: { status: string; recordVersion: number | null },
  change: { baseVersion: number },
) {
  authorizeTransition(filingMachine, filing.status, 'applyChange', staffRoles(user), {
    labels: FILING_STATUS_LABELS,
    forbiddenMessage: '无权执行此审核操作',
  });
  if (filing.recordVersion !== change.baseVersion) {
    throw new AppError(
      409,
      'stale_change',
      `该变更基于第 ${change.baseVersion} 版，备案现行为第 ${filing.recordVersion ?? '—'} 版：不能以旧版本覆盖新数据`,
    );
  }
}

export { CHANGE_ACTIONS };
