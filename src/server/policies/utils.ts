/** Small named predicates the policies are built from. */
import type { SessionUser } from '../services/sessions.js';

export const STAFF_ROLES = ['reviewer', 'admin', 'complaints'] as const;
export type Role = 'applicant' | (typeof STAFF_ROLES)[number];

export const hasRole = (user: Pick<SessionUser, 'roles'>, role: Role) => user.roles.includes(role);
export const isOwner = (user: Pick<SessionUser, 'id'>, subject: { ownerId: string }) => subject.ownerId === user.id;
