import { describe, expect, it } from 'vitest';
import { RegistryCache } from './registryCache.js';

describe('RegistryCache', () => {
  it('serves a fresh entry, reloads an expired one, and shares one load between concurrent misses', async () => {
    let now = 0;
    const cache = new RegistryCache(1000, 10, () => now);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return loads;
    };
    expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)])).toEqual([1, 1, 1]);
    now = 999;
    expect(await cache.get('k', load)).toBe(1);
    // Expired: the old value is served while one refresh runs; the next request gets the new one.
    now = 1000;
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('reads again at once after a public event of this instance', async () => {
    const { bumpForTest } = await import('./publicEvents.js');
    const cache = new RegistryCache(60_000, 10, () => 0);
    let n = 0;
    expect(await cache.get('k', async () => ++n)).toBe(1);
    bumpForTest();
    expect(await cache.get('k', async () => ++n)).toBe(2);
  });

  it('is off with a TTL of 0, forgets failures, and keeps at most maxEntries keys', async () => {
    const off = new RegistryCache(0);
    let n = 0;
    expect([await off.get('k', async () => ++n), await off.get('k', async () => ++n)]).toEqual([1, 2]);
    const cache = new RegistryCache(1000, 2, () => 0);
    await expect(cache.get('bad', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    expect(cache.size).toBe(2);
  });
});
