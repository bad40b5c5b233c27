import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache.ts';

describe('createTtlCache', () => {
  it('expires entries after their time', () => {
    let t = 0;
    const cache = createTtlCache<number>({ maxEntries: 10, ttlMs: 100, now: () => t });
    cache.set('a', 1);
    t = 99;
    expect(cache.get('a')).toBe(1);
    t = 100;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the least recently used when full', () => {
    const cache = createTtlCache<number>({ maxEntries: 2, ttlMs: 1000 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('empties when the version changes, and not when it stays', () => {
    const cache = createTtlCache<number>({ maxEntries: 10, ttlMs: 1000 });
    cache.useVersion('v1');
    cache.set('a', 1);
    cache.useVersion('v1');
    expect(cache.get('a')).toBe(1);
    cache.useVersion('v2');
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps nothing when its time is zero', () => {
    const cache = createTtlCache<number>({ maxEntries: 10, ttlMs: 0 });
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});
