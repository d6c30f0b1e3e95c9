// The stages' cache, writing behind: a stage's `set` returns at once and the write goes on beside the stage's further
// work (picking the message, the next request), so its file system round trips (an atomic write and the cache's size
// ledger) are off the path to the answer. Every write is kept and settled by `flushed`, which
// the run awaits before it returns its message: no entry is lost.
import type { Cache } from '../../cache/types.js';

export interface WriteBehindCache {
  cache: Cache;
  /** Settles once every write started so far has (a cache's set never rejects for I/O). */
  flushed(): Promise<void>;
}

export function writeBehind(cache: Cache): WriteBehindCache {
  const writes: Promise<void>[] = [];
  return {
    cache: {
      get: (key) => cache.get(key),
      set: (key, value) => {
        writes.push(cache.set(key, value).catch(() => undefined));
        return Promise.resolve();
      },
      prune: () => cache.prune(),
      stats: () => cache.stats(),
    },
    flushed: async () => {
      while (writes.length > 0) await Promise.all(writes.splice(0));
    },
  };
}
