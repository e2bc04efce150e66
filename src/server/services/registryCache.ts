/**
 * A small per-instance cache in front of the public registry's reads (SPEC §7: public search and records at a
 * fraction of a bare handler's cost; §12: safe with several instances). Public data only, never anything personal.
 *
 * - An entry lives `ttlMs` (PUBLIC_CACHE_MS, default 2000; 0 turns the cache off). A public event recorded by this
 *   instance drops every entry at once (services/publicEvents.ts bumps a generation); another instance's event is
 *   seen here within `ttlMs`. The registry is published information, where seconds of delay are harmless.
 * - Concurrent misses of one key share one database read (no stampede when a popular entry expires).
 * - At most `maxEntries` keys, least recently used dropped first.
 */
import { publicEventGeneration } from './publicEvents.js';

interface Entry {
  at: number;
  generation: number;
  value: Promise<unknown>;
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
    if (hit && hit.generation === generation && now - hit.at < this.ttlMs) {
      // Refresh its place in the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
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
