/**
 * Per-host politeness for the homepage monitor (SPEC §10): requests to one host (a homepage, its redirects, its
 * security.txt, other filings on the same host) start at least `delayMs` apart, on this instance. Each caller
 * reserves the next free slot for the host at once, so concurrent callers queue in order instead of all waking
 * together. Other hosts are not held up.
 */
export interface HostPacer {
  /** Resolves when a request to `host` may start; rejects with the signal's reason when it aborts first. */
  wait(host: string, delayMs: number, signal?: AbortSignal): Promise<void>;
}

export function createHostPacer(now: () => number = () => Date.now()): HostPacer {
  /** host → the earliest time the next request may start. */
  const next = new Map<string, number>();
  let calls = 0;
  const sweep = (t: number) => {
    for (const [host, at] of next) if (at <= t) next.delete(host);
  };
  return {
    wait(host, delayMs, signal) {
      const key = host.toLowerCase();
      const t = now();
      if (++calls % 1000 === 0) sweep(t);
      if (delayMs <= 0) return Promise.resolve();
      const slot = Math.max(t, next.get(key) ?? 0);
      next.set(key, slot + delayMs);
      const ms = slot - t;
      if (ms <= 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
