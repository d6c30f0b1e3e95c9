// The cache contract shared by the on-disk cache and the no-op one used for --no-cache.

export interface CacheStats {
  entries: number;
  bytes: number;
}

export interface PruneStats {
  removedEntries: number;
  removedBytes: number;
}

/** get/set never reject for I/O problems (a cache must never break a commit); an invalid key is a bug and rejects with TypeError. */
export interface Cache {
  /** The stored value, or undefined on a miss, an unreadable directory or a corrupt entry (which is deleted). */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON value; undefined or a value with no JSON form is not stored, and a write failure is a silent no-op. */
  set(key: string, value: unknown): Promise<void>;
  /** When over the size cap, deletes least-recently-used entries down to 80% of it. */
  prune(): Promise<PruneStats>;
  stats(): Promise<CacheStats>;
  /** Starts what a first set waits for (its directory, the size estimate), e.g. while a request is out; never fails. */
  warm?(): void;
}

export interface OpenCacheOptions {
  dir: string;
  /** Size cap in bytes; default 50 MiB. */
  maxBytes?: number;
  /** Clock in epoch milliseconds, for entry timestamps and mtimes; default Date.now. */
  now?: () => number;
}
