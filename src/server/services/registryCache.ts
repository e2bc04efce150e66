/**
 * A small per-instance cache in front of the public registry's reads (SPEC §7: public search and records at a
 * fraction of a bare handler's cost; §12: safe with several instances). Public data only, never anything personal.
 *
 * - An entry lives `ttlMs` (PUBLIC_CACHE_MS, default 2000; 0 turns the cache off). A public event recorded by this
 *   instance drops every entry at once (services/publicEvents.ts bumps a generation); another instance's event is
 *   seen here within `ttlMs`. The registry is published information, where seconds of delay are harmless.
 * - Concurrent misses of one key share one database read; an expired entry (same generation) is served while one
 *   request refreshes it in the background, so a popular entry's expiry never makes requests wait (and on PGlite's
 *   single connection, never queues them behind a slow read).
 * - At most `maxEntries` keys, least recently used dropped first.
 */
import { publicEventGeneration } from './publicEvents.js';

interface Entry {
  at: number;
  generation: number;
  value: Promise<unknown>;
  refreshing?: boolean;
}

export class RegistryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = this.clock();
    const generation = publicEventGeneration();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      if (now - hit.at >= this.ttlMs && !hit.refreshing) {
        hit.refreshing = true;
        load().then(
          (v) => {
            if (this.entries.get(key) === hit)
              this.entries.set(key, { at: this.clock(), generation, value: Promise.resolve(v) });
          },
          () => {
            hit.refreshing = false;
          },
        );
      }
      return hit.value as Promise<T>;
    }
    const value = load();
    const entry: Entry = { at: now, generation, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    // A failed read is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
