/**
 * SIGINT and SIGTERM in the `vcp` tool (issue 8, SPEC §12): a command that works in batches (demo seed, keys rotate,
 * backup, restore) takes `signal` and stops after the batch it is writing, its work committed batch by batch (or,
 * for restore, rolled back whole), says what was done and how to go on, and the tool exits 130 (SIGINT) or 143
 * (SIGTERM). Any other command, or a second signal, or a batch that does not end within the grace period, stops the
 * process at once: the database rolls back the transaction that was open, so nothing is left half-done either way.
 */
export class CommandStop {
  private readonly controller = new AbortController();
  private received: NodeJS.Signals | null = null;
  private graceful = false;

  constructor(
    private readonly say: (line: string) => void,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
    private readonly graceMs = 10_000,
  ) {}

  /** Listens for SIGINT and SIGTERM; returns the function that stops listening. */
  install(): () => void {
    const on = (sig: NodeJS.Signals) => this.receive(sig);
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
    return () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    };
  }

  /** For a command that checks it between batches: from now on, a signal lets the current batch end first. */
  get signal(): AbortSignal {
    this.graceful = true;
    return this.controller.signal;
  }

  /** The signal received, if any. */
  get name(): NodeJS.Signals | null {
    return this.received;
  }

  /** The exit code for the signal received: 128 + its number. */
  get code(): number {
    return exitCodeOf(this.received ?? 'SIGTERM');
  }

  receive(sig: NodeJS.Signals): void {
    if (this.received || !this.graceful) {
      this.received ??= sig;
      this.say(`${sig}: stopping now (an open transaction is rolled back by the database)`);
      this.exit(exitCodeOf(sig));
      return;
    }
    this.received = sig;
    this.say(`${sig}: stopping after the current batch (send it again to stop at once)`);
    this.controller.abort();
    setTimeout(() => {
      this.say(`the batch did not end within ${this.graceMs / 1000} s: stopping now (its transaction is rolled back)`);
      this.exit(exitCodeOf(sig));
    }, this.graceMs).unref();
  }
}

export const exitCodeOf = (sig: NodeJS.Signals) => (sig === 'SIGINT' ? 130 : 143);
