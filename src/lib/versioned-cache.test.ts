import { describe, expect, it } from 'vitest';
import { createVersionedCache } from './versioned-cache.ts';

function setup(ttlMs = 60_000) {
  const state = { db: 'v1', local: 0, reads: 0 };
  const cache = createVersionedCache({
    ttlMs,
    checkEveryMs: 0,
    readVersion: async () => {
      state.reads += 1;
      return state.db;
    },
    localVersion: () => state.local,
  });
  return { state, store: cache.store<string>(10) };
}

describe('createVersionedCache', () => {
  it('loads once for requests that miss the same key together, then reuses the value', async () => {
    const { store } = setup();
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 5));
      return 'answer';
    };
    const values = await Promise.all(Array.from({ length: 10 }, () => store.get('k', load)));
    expect(values).toEqual(Array(10).fill('answer'));
    expect(loads).toBe(1);
    await store.get('k', load);
    expect(loads).toBe(1);
  });

  it('drops everything when the database version or this process changes', async () => {
    const { state, store } = setup();
    let n = 0;
    const load = async () => `value ${(n += 1)}`;
    expect(await store.get('k', load)).toBe('value 1');
    state.db = 'v2';
    expect(await store.get('k', load)).toBe('value 2');
    state.local += 1;
    expect(await store.get('k', load)).toBe('value 3');
    expect(await store.get('k', load)).toBe('value 3');
  });

  it('does not keep a value made while the version changed', async () => {
    const { state, store } = setup();
    const made = await store.get('k', async () => {
      state.local += 1;
      return 'stale';
    });
    expect(made).toBe('stale');
    expect(await store.get('k', async () => 'fresh')).toBe('fresh');
  });

  it('returns but does not keep what keep declines', async () => {
    const cache = createVersionedCache({
      ttlMs: 60_000,
      readVersion: async () => 'v',
      localVersion: () => 0,
    });
    const store = cache.store<string>(10, { keep: (v) => v.length < 5 });
    let loads = 0;
    const big = async () => `${'x'.repeat(10)}${(loads += 1)}`;
    expect(await store.get('big', big)).toBe('xxxxxxxxxx1');
    expect(await store.get('big', big)).toBe('xxxxxxxxxx2');
  });

  it('keeps nothing when the lifetime is 0', async () => {
    const { store } = setup(0);
    let loads = 0;
    await store.get('k', async () => String((loads += 1)));
    await store.get('k', async () => String((loads += 1)));
    expect(loads).toBe(2);
  });
});
