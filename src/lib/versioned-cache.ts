import { createTtlCache } from './ttl-cache.ts';

/**
 * Caches for data read far more often than it changes (the public directory and its open data).
 * Every entry is dropped when the data's version changes: the version is read from the database at
 * most once per `checkEveryMs` (one read however many requests arrive together), and combined with
 * a counter this process bumps on its own changes, so they show at once. Requests that miss the
 * same key at the same time wait for one load, so that an entry that has just expired (or a
 * directory that has just changed) is made once, not once per waiting request; and a value made
 * while the version changed is returned but not kept.
 */
export function createVersionedCache(options: {
  ttlMs: number;
  readVersion: () => Promise<string>;
  localVersion: () => string | number;
  checkEveryMs?: number;
}) {
  const checkEveryMs = options.checkEveryMs ?? 1000;
  let databaseVersion = '';
  let versionReadAt = -Infinity;
  let versionRead: Promise<void> | undefined;
  const currentVersion = () => `${databaseVersion}|${options.localVersion()}`;

  async function checkedVersion(): Promise<string> {
    if (performance.now() - versionReadAt >= checkEveryMs) {
      versionRead ??= options
        .readVersion()
        .then((v) => {
          databaseVersion = v;
          versionReadAt = performance.now();
        })
        .finally(() => {
          versionRead = undefined;
        });
      await versionRead;
    }
    return currentVersion();
  }

  let stores = 0;
  return {
    /**
     * A store of at most `maxEntries` values, sharing the version and lifetime; `keep` can decline
     * to keep a value (one too large, say), which is still returned.
     */
    store<T>(maxEntries: number, storeOptions: { keep?: (value: T) => boolean } = {}) {
      const entries = createTtlCache<T>({ maxEntries, ttlMs: options.ttlMs });
      const inFlight = new Map<string, Promise<T>>();
      const name = String((stores += 1));
      return {
        /** The value for the key, loaded (once, however many ask at the same time) if it is not kept. */
        async get(key: string, load: () => Promise<T>): Promise<T> {
          if (options.ttlMs <= 0) return load();
          const version = await checkedVersion();
          entries.useVersion(version);
          const hit = entries.get(key);
          if (hit !== undefined) return hit;
          const flightKey = `${name}|${version}|${key}`;
          const pending = inFlight.get(flightKey);
          if (pending) return pending;
          const loading = load()
            .then((value) => {
              if (currentVersion() === version && (storeOptions.keep?.(value) ?? true))
                entries.set(key, value);
              return value;
            })
            .finally(() => inFlight.delete(flightKey));
          inFlight.set(flightKey, loading);
          return loading;
        },
        /** The version the entries were made at, after checking it: for ETags. */
        version: checkedVersion,
      };
    },
  };
}
