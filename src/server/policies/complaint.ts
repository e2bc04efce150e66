/**
 * Who may handle complaints (Article 9, SPEC §1 投诉处理员): accounts with the `complaints` role, and admins. Each
 * transition is granted by the complaint machine (shared/complaints/lifecycle.ts); revocation needs an admin, as
 * the machine says. `allowedComplaintActions` feeds the buttons of the handlers' console.
 */
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUS_LABELS,
  type ComplaintAction,
  type ComplaintRole,
  complaintMachine,
} from '../../shared/complaints/lifecycle.js';
import { forbidden } from '../lib/errors.js';
import type { SessionUser } from '../services/sessions.js';
import { allowedTransitions, authorizeTransition } from './transitions.js';
import { hasRole } from './utils.js';

export const isComplaintHandler = (user: Pick<SessionUser, 'roles'>) =>
  hasRole(user, 'complaints') || hasRole(user, 'admin');

export function complaintRoles(user: Pick<SessionUser, 'roles'>): ComplaintRole[] {
  const out: ComplaintRole[] = [];
  if (isComplaintHandler(user)) out.push('handler');
  if (hasRole(user, 'admin')) out.push('admin');
  return out;
}

/** 403 to anyone who is not a complaint handler, whatever the complaint. */
export function requireComplaintHandler(user: SessionUser): void {
  if (!isComplaintHandler(user)) throw forbidden('仅投诉处理人员可以访问');
}

const LABELS = Object.fromEntries(Object.entries(COMPLAINT_STATUS_LABELS).map(([k, v]) => [k, v.zh])) as Record<
  keyof typeof COMPLAINT_STATUS_LABELS,
  string
>;

/** 403 (never allowed for this user) or 409 `invalid_state` (not from this state). */
export function authorizeComplaint(user: SessionUser, action: ComplaintAction, complaint: { status: string }): void {
  requireComplaintHandler(user);
  authorizeTransition(complaintMachine, complaint.status, action, complaintRoles(user), {
    labels: LABELS,
    forbiddenMessage: action === 'revoke' ? '撤销备案须由管理员执行' : '无权执行此操作',
  });
}

export function allowedComplaintActions(user: SessionUser, complaint: { status: string }): ComplaintAction[] {
  if (!isComplaintHandler(user)) return [];
  return allowedTransitions(complaintMachine, complaint.status, complaintRoles(user), COMPLAINT_ACTIONS);
}
