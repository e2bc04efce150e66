/**
 * Asking a state machine (shared/stateMachine.ts) on behalf of a user (SPEC §3, §8): 403 when the user may never take
 * the action, 409 when the subject's state does not allow it (the table has no row), so nothing changes either way.
 */
import type { Machine } from '../../shared/stateMachine.js';
import { AppError, forbidden } from '../lib/errors.js';

export function authorizeTransition<S extends string, A extends string, R extends string>(
  machine: Machine<S, A, R>,
  state: string,
  action: A,
  roles: readonly R[],
  opts: { labels: Readonly<Record<S, string>>; forbiddenMessage?: string },
): void {
  const forbid = () => forbidden(opts.forbiddenMessage ?? '无权执行此操作');
  if (!machine.rolesFor(action).some((r) => roles.includes(r))) throw forbid();
  if (!machine.isState(state) || !machine.find(state, action)) {
    const label = machine.isState(state) ? opts.labels[state] : state;
    throw new AppError(409, 'invalid_state', `当前状态（${label}）不能执行此操作`);
  }
  if (!machine.can(state, action, roles)) throw forbid();
}

/** The actions of `candidates` that `roles` may take from `state`. */
export function allowedTransitions<S extends string, A extends string, R extends string, C extends A>(
  machine: Machine<S, A, R>,
  state: string,
  roles: readonly R[],
  candidates: readonly C[],
): C[] {
  if (!machine.isState(state)) return [];
  return candidates.filter((a) => machine.can(state, a, roles));
}
