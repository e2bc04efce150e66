/**
 * A small, generic state machine (SPEC §3, §8: "one table of states and transitions … that commands, policies and
 * the UI all read"). A machine is data: its states, its actions, and a table of transitions, each saying from which
 * states an action may be taken, the state it leads to (none: the state stays), and who may take it. Filings and
 * their changes are its first users (filing/lifecycle.ts); the complaints workflow reuses it.
 *
 * Isomorphic: the server asks it before every transition (409 when the table has no row), the web reads the same
 * table to show only the buttons that work.
 */

export interface TransitionRow<S extends string, A extends string, R extends string> {
  action: A;
  from: readonly S[];
  /** The state after the action; omitted when the action leaves the state as it is (editing, claiming …). */
  to?: S;
  /** Who may take the action from these states. */
  by: readonly R[];
}

export interface MachineDefinition<S extends string, A extends string, R extends string> {
  /** Names the machine in errors and audit entries. */
  name: string;
  states: readonly S[];
  actions: readonly A[];
  roles: readonly R[];
  transitions: readonly TransitionRow<S, A, R>[];
}

/** An action the table does not allow from the current state (the server answers 409). */
export class IllegalTransitionError extends Error {
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly action: string,
  ) {
    super(`${machine}: "${action}" is not allowed in state "${state}"`);
    this.name = 'IllegalTransitionError';
  }
}

export interface Transition<S extends string, R extends string> {
  from: S;
  to: S;
  by: readonly R[];
}

export interface Machine<S extends string, A extends string, R extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly actions: readonly A[];
  readonly roles: readonly R[];
  readonly transitions: readonly TransitionRow<S, A, R>[];
  /** The table's row for (state, action), or null when the action is not allowed from that state. */
  find(state: S, action: A): Transition<S, R> | null;
  /** Whether the action may be taken from the state (by any of `roles`, when given). */
  can(state: S, action: A, roles?: readonly R[]): boolean;
  /** The state after the action; throws IllegalTransitionError when the table has no row for it. */
  next(state: S, action: A): S;
  /** Every action that may be taken from the state (by any of `roles`, when given), in table order. */
  allowed(state: S, roles?: readonly R[]): A[];
  /** Everyone who may take the action from some state. */
  rolesFor(action: A): R[];
  /** States with no way out. */
  isFinal(state: S): boolean;
  isState(value: unknown): value is S;
}

const intersects = <R>(a: readonly R[], b: readonly R[]) => a.some((x) => b.includes(x));

/** Builds a machine and checks its table: known states, actions and roles, at most one row per (state, action). */
export function defineMachine<const S extends string, const A extends string, const R extends string>(
  def: MachineDefinition<S, A, R>,
): Machine<S, A, R> {
  const rows = new Map<string, Transition<S, R>>();
  const key = (s: string, a: string) => `${s}\u0000${a}`;
  for (const row of def.transitions) {
    if (!def.actions.includes(row.action)) throw new Error(`${def.name}: unknown action ${row.action}`);
    if (row.to !== undefined && !def.states.includes(row.to)) throw new Error(`${def.name}: unknown state ${row.to}`);
    for (const r of row.by) if (!def.roles.includes(r)) throw new Error(`${def.name}: unknown role ${r}`);
    for (const from of row.from) {
      if (!def.states.includes(from)) throw new Error(`${def.name}: unknown state ${from}`);
      if (rows.has(key(from, row.action))) throw new Error(`${def.name}: two rows for ${from} × ${row.action}`);
      rows.set(key(from, row.action), { from, to: row.to ?? from, by: row.by });
    }
  }
  const find = (state: S, action: A) => rows.get(key(state, action)) ?? null;
  return {
    name: def.name,
    states: def.states,
    actions: def.actions,
    roles: def.roles,
    transitions: def.transitions,
    find,
    can(state, action, roles) {
      const t = find(state, action);
      return !!t && (roles === undefined || intersects(t.by, roles));
    },
    next(state, action) {
      const t = find(state, action);
      if (!t) throw new IllegalTransitionError(def.name, state, action);
      return t.to;
    },
    allowed(state, roles) {
      return def.actions.filter((a) => {
        const t = find(state, a);
        return !!t && (roles === undefined || intersects(t.by, roles));
      });
    },
    rolesFor(action) {
      const out = new Set<R>();
      for (const row of def.transitions) if (row.action === action) for (const r of row.by) out.add(r);
      return [...out];
    },
    isFinal(state) {
      return !def.actions.some((a) => {
        const t = find(state, a);
        return t && t.to !== state;
      });
    },
    isState(value): value is S {
      return typeof value === 'string' && (def.states as readonly string[]).includes(value);
    },
  };
}
