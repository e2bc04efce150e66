/**
 * Who may do what with a filing through the applicant API (SPEC §3, §8). Ownership is checked here (an applicant
 * never reaches another's filing: 403); whether the state allows the action is the filing state machine's answer
 * (shared/filing/lifecycle.ts: 409 otherwise), so `allowedFilingActions` tells the UI which buttons work.
 */

/** The transitions an applicant takes on their own filing, and every action (shared with the web's buttons). */
import { FILING_ACTIONS, type FilingAction, OWNER_TRANSITIONS } from '../../shared/api/filings.js';
import { DEREGISTRATION_STATUS_LABELS, deregistrationMachine, filingMachine } from '../../shared/filing/lifecycle.js';
import { FILING_STATUS_LABELS } from '../../shared/filing/status.js';
import { AppError, forbidden } from '../lib/errors.js';
import type { SessionUser } from '../services/sessions.js';
import { allowedTransitions, authorizeTransition } from './transitions.js';
import { isOwner } from './utils.js';

export { FILING_ACTIONS, type FilingAction };

interface FilingSubject {
  ownerId: string;
  status: string;
}

/** What else the UI's buttons depend on: one open change, one scheduled deregistration. */
export interface FilingSituation {
  openChange?: boolean;
  scheduledDeregistration?: boolean;
}

const FORBIDDEN = '无权访问该备案';

/** Throws 403 for someone else's filing and 409 when the filing's state does not allow the action. */
export function authorizeFiling(
  user: SessionUser,
  action: Exclude<FilingAction, 'cancelDeregistration'>,
  f: FilingSubject,
) {
  if (!isOwner(user, f)) throw forbidden(FORBIDDEN);
  if (action === 'read') return;
  authorizeTransition(filingMachine, f.status, action, ['owner'], {
    labels: FILING_STATUS_LABELS,
    forbiddenMessage: FORBIDDEN,
  });
}

/** Cancelling a scheduled deregistration: the owner, while it is scheduled (deregistration machine). */
export function authorizeCancelDeregistration(user: SessionUser, f: FilingSubject, deregistration: { status: string }) {
  if (!isOwner(user, f)) throw forbidden(FORBIDDEN);
  authorizeTransition(deregistrationMachine, deregistration.status, 'cancel', ['owner'], {
    labels: DEREGISTRATION_STATUS_LABELS,
    forbiddenMessage: FORBIDDEN,
  });
}

export function allowedFilingActions(user: SessionUser, f: FilingSubject, s: FilingSituation = {}): FilingAction[] {
  if (!isOwner(user, f)) return [];
  const transitions = allowedTransitions(filingMachine, f.status, ['owner'], OWNER_TRANSITIONS).filter(
    (a) =>
      !(a === 'startChange' && s.openChange) &&
      !((a === 'scheduleDeregistration' || a === 'deregister') && s.scheduledDeregistration),
  );
  const out: FilingAction[] = ['read', ...transitions];
  if (s.scheduledDeregistration && deregistrationMachine.can('scheduled', 'cancel', ['owner'])) {
    out.push('cancelDeregistration');
  }
  return out;
}

/** 409 for a second open change (SPEC §5) or a second scheduled deregistration. */
export const changeAlreadyOpen = () =>
  new AppError(409, 'change_open', '该备案已有一项未完成的变更，请先完成或取消该变更');
export const deregistrationAlreadyScheduled = () =>
  new AppError(409, 'deregistration_scheduled', '该备案已预约注销，如需更改请先取消预约');
