/**
 * Who may do what with a filing. Ownership is checked here (an applicant never reaches another's filing: 403);
 * whether the state allows the action is checked here too, so `allowedActions` tells the UI which buttons work.
 */
import { match } from 'ts-pattern';
import { EDITABLE_STATUSES, FILING_STATUS_LABELS, type FilingStatus } from '../../shared/filing/status.js';
import { AppError, forbidden } from '../lib/errors.js';
import type { SessionUser } from '../services/sessions.js';
import { isOwner } from './utils.js';

export const FILING_ACTIONS = ['read', 'update', 'upload', 'submit', 'withdraw'] as const;
export type FilingAction = (typeof FILING_ACTIONS)[number];

interface FilingSubject {
  ownerId: string;
  status: string;
}

const editable = (f: FilingSubject) => EDITABLE_STATUSES.includes(f.status as FilingStatus);

function stateAllows(action: FilingAction, f: FilingSubject): boolean {
  return match(action)
    .with('read', () => true)
    .with('update', 'upload', 'submit', () => editable(f))
    .with('withdraw', () => f.status === 'submitted' || f.status === 'correction_requested')
    .exhaustive();
}

/** Only the owner acts on a filing through the applicant API; staff have their own routes. */
const mayTouch = (user: SessionUser, f: FilingSubject) => isOwner(user, f);

export function allowedFilingActions(user: SessionUser, f: FilingSubject): FilingAction[] {
  if (!mayTouch(user, f)) return [];
  return FILING_ACTIONS.filter((a) => stateAllows(a, f));
}

/** Throws 403 for someone else's filing and 409 when the filing's state does not allow the action. */
export function authorizeFiling(user: SessionUser, action: FilingAction, f: FilingSubject): void {
  if (!mayTouch(user, f)) throw forbidden('无权访问该备案');
  if (!stateAllows(action, f)) {
    throw new AppError(
      409,
      'invalid_state',
      `当前状态不允许此操作（${FILING_STATUS_LABELS[f.status as FilingStatus] ?? f.status}）`,
    );
  }
}
