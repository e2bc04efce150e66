/**
 * Where the server's logs go (issue 8): readable lines when stdout is a terminal, JSON lines otherwise, and never a
 * write that can stop the process from exiting. A synchronous write to a pipe nobody drains waits forever (pino's
 * destination retries EAGAIN in a timed `Atomics.wait` loop, also in its exit hook), so JSON goes through an
 * asynchronous SonicBoom with no exit hook: what the pipe does not take by the time we exit is dropped.
 */
import pretty from 'pino-pretty';
import SonicBoomModule from 'sonic-boom';

export interface LogDestination {
  stream: NodeJS.WritableStream;
  pretty: boolean;
  /** Hands what is buffered to stdout, waiting at most `timeoutMs`; never blocks the event loop. */
  flush(timeoutMs: number): Promise<void>;
}

export function stdoutLogDestination(isTTY = process.stdout.isTTY === true): LogDestination {
  if (isTTY) {
    const stream = pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
    return { stream, pretty: true, flush: async () => {} };
  }
  // Opening process.stdout on a pipe puts fd 1 into non-blocking mode. Without it, SonicBoom's write to a full
  // pipe blocks a libuv worker thread, and exit() then waits for that thread forever.
  void process.stdout.writableLength;
  // A reader that falls behind by more than maxLength loses lines rather than growing the heap without end.
  const boom = new SonicBoomModule.SonicBoom({ fd: 1, sync: false, maxLength: 16 * 1024 * 1024 });
  // A reader that went away (EPIPE) must not crash the server: its logs are simply lost.
  boom.on('error', () => {});
  return {
    stream: boom as unknown as NodeJS.WritableStream,
    pretty: false,
    flush: (timeoutMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        try {
          boom.flush(() => {
            clearTimeout(timer);
            resolve();
          });
        } catch {
          resolve();
        }
      }),
  };
}
