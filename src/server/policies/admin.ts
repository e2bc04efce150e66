/** Administration: staff accounts, settings, partner endpoints and deliveries. Admins only. */
import { forbidden } from '../lib/errors.js';
import type { SessionUser } from '../services/sessions.js';
import { hasRole } from './utils.js';

export const ADMIN_ACTIONS = ['partners', 'deliveries', 'settings', 'staff', 'audit', 'calendar'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

export function authorizeAdmin(user: SessionUser, _action: AdminAction): void {
  if (!hasRole(user, 'admin')) throw forbidden('仅管理员可以访问');
}
