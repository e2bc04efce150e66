/** Small named predicates the policies are built from. */
import type { LifecycleRole } from '../../shared/filing/lifecycle.js';
import type { SessionUser } from '../services/sessions.js';

export const STAFF_ROLES = ['reviewer', 'admin', 'complaints'] as const;
export type Role = 'applicant' | (typeof STAFF_ROLES)[number];

export const hasRole = (user: Pick<SessionUser, 'roles'>, role: Role) => user.roles.includes(role);
export const isOwner = (user: Pick<SessionUser, 'id'>, subject: { ownerId: string }) => subject.ownerId === user.id;
/** Review staff: reviewers, and admins, who may do what reviewers do. Written once. */
export const isReviewer = (user: Pick<SessionUser, 'roles'>) => hasRole(user, 'reviewer') || hasRole(user, 'admin');

/** The state machines' roles a staff user holds (shared/filing/lifecycle.ts). */
export function staffRoles(user: Pick<SessionUser, 'roles'>): LifecycleRole[] {
  const out: LifecycleRole[] = [];
  if (isReviewer(user)) out.push('reviewer');
  if (hasRole(user, 'admin')) out.push('admin');
  return out;
}
