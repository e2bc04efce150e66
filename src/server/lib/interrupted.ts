/**
 * Long work that stops between batches when asked (SIGINT/SIGTERM in the `vcp` tool, cli/stop.ts): `Interrupted` is
 * thrown where the work can stop cleanly, inside a transaction it rolls back (restore) or between committed batches.
 */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted();
}

/**
 * One turn of the event loop. On PGlite a run of queries resolves as microtasks only, so a signal's handler (which
 * runs when the loop polls) would wait until the whole run is over: long work calls this between its batches.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
