/**
 * A small in-process cache: entries expire after a time, the least recently used go first when it
 * is full, and everything is dropped when the data it was built from changes version.
 */
export function createTtlCache<V>(options: { maxEntries: number; ttlMs: number; now?: () => number }) {
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, { value: V; expires: number }>();
  let version: string | undefined;
  return {
    get(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      // Re-inserted so that the Map's order is least recently used first.
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key: string, value: V): void {
      if (options.ttlMs <= 0) return;
      entries.delete(key);
      entries.set(key, { value, expires: now() + options.ttlMs });
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    /** Drops everything when the version differs from the one the entries were built at. */
    useVersion(next: string): void {
      if (version !== next) {
        entries.clear();
        version = next;
      }
    },
    clear(): void {
      entries.clear();
      version = undefined;
    },
    get size() {
      return entries.size;
    },
  };
}
