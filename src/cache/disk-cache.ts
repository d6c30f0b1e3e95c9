// The content-addressed on-disk cache: atomic entry files, corrupt ones dropped, LRU by mtime under a size cap.
import { readFile, utimes } from 'node:fs/promises';
import type { Cache, CacheStats, OpenCacheOptions, PruneStats } from './types.js';
import { decodeEntry, encodeEntry } from './entry.js';
import { makePrivateDir, scanCacheTree, unlinkQuietly, writeFileAtomic } from './fs-ops.js';
import { isValidKey, resolveEntryPath } from './paths.js';
import type { PruneResult } from './prune.js';
import { pruneCacheTree } from './prune.js';
import { readFreshLedger, writeLedger } from './size-ledger.js';

export type { Cache, CacheStats, OpenCacheOptions, PruneStats } from './types.js';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

function assertKey(key: string): void {
  if (!isValidKey(key))
    throw new TypeError(`cache key must be lowercase hex from cacheKey(), got ${JSON.stringify(key)}`);
}

export function openCache(options: OpenCacheOptions): Cache {
  const { dir } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = options.now ?? Date.now;
  // Running size estimate: taken from the ledger (size-ledger.ts), or the tree measured when that is stale, then grown
  // by each write and reset by each prune.
  let estimate = 0;
  let measuredAt = 0;
  let measured: Promise<void> | undefined;
  let pruning: Promise<PruneResult> | undefined;
  let privateDir: Promise<void> | undefined;
  // One ledger write at a time, with the estimate as it is when it starts, and after the entries being written: a
  // run's two sets at once (its request's answer and its early answer) write it once, never an older total last.
  let ledgerWrite: Promise<void> | undefined;
  let ledgerStale = false;
  let writing = 0;
  let written: (() => void) | undefined;

  function saveLedger(): Promise<void> {
    ledgerStale = true;
    ledgerWrite ??= (async () => {
      while (ledgerStale) {
        while (writing > 0) await new Promise<void>((resolve) => (written = resolve));
        await new Promise((resolve) => setImmediate(resolve)); // the last entry's own count comes in first
        ledgerStale = false;
        await writeLedger(dir, { bytes: estimate, measuredAt });
      }
      ledgerWrite = undefined;
    })();
    return ledgerWrite;
  }

  function runPrune(): Promise<PruneResult> {
    pruning ??= pruneCacheTree({ dir, maxBytes, now: now() })
      .then(async (result) => {
        estimate = result.remainingBytes;
        measuredAt = now();
        await saveLedger();
        return result;
      })
      .finally(() => {
        pruning = undefined;
      });
    return pruning;
  }

  /** Measures the tree (the scan counts the entry just written) unless the ledger is fresh. */
  async function measure(): Promise<boolean> {
    const ledger = await readFreshLedger(dir, now());
    if (ledger !== undefined) {
      ({ bytes: estimate, measuredAt } = ledger);
      return false;
    }
    const { entries } = await scanCacheTree(dir);
    estimate = entries.reduce((sum, entry) => sum + entry.size, 0);
    measuredAt = now();
    return true;
  }

  /** The tree's size before this run's first write, once (see measure). */
  let measuredBefore: Promise<boolean> | undefined;

  async function noteWrite(bytes: number): Promise<void> {
    let scanned = false;
    if (measured === undefined) {
      // warm()'s measuring ran before this entry was written: its bytes are added like a later entry's.
      const before = measuredBefore;
      measured = (before ?? measure()).then((didScan) => void (scanned = didScan && before === undefined));
      await measured;
    } else await measured;
    if (!scanned) estimate += bytes;
    if (estimate > maxBytes) await runPrune();
    else await saveLedger();
  }

  return {
    async get<T>(key: string): Promise<T | undefined> {
      assertKey(key);
      const path = resolveEntryPath(dir, key);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
      const decoded = decodeEntry(text, key);
      if (!decoded.ok) {
        await unlinkQuietly(path);
        return undefined;
      }
      const usedAt = new Date(now());
      await utimes(path, usedAt, usedAt).catch(() => undefined);
      return decoded.value as T;
    },

    async set(key: string, value: unknown): Promise<void> {
      assertKey(key);
      try {
        const createdAt = now();
        const body = encodeEntry({ key, createdAt, value });
        if (body === undefined) return;
        writing += 1;
        try {
          await (privateDir ??= makePrivateDir(dir));
          await writeFileAtomic(resolveEntryPath(dir, key), body, new Date(createdAt));
        } finally {
          writing -= 1;
          if (writing === 0) written?.();
        }
        await noteWrite(Buffer.byteLength(body, 'utf8'));
      } catch {
        // Unwritable directory, full disk, or a value JSON cannot encode: the run goes on uncached.
      }
    },

    async prune(): Promise<PruneStats> {
      const { removedEntries, removedBytes } = await runPrune();
      return { removedEntries, removedBytes };
    },

    warm(): void {
      (privateDir ??= makePrivateDir(dir)).catch(() => undefined);
      if (measured === undefined) measuredBefore ??= measure().catch(() => false);
    },

    async stats(): Promise<CacheStats> {
      const { entries } = await scanCacheTree(dir);
      return { entries: entries.length, bytes: entries.reduce((sum, entry) => sum + entry.size, 0) };
    },
  };
}

/** The cache behind --no-cache: stores nothing, so every get is a miss. */
export const disabledCache: Cache = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  prune: () => Promise.resolve({ removedEntries: 0, removedBytes: 0 }),
  stats: () => Promise.resolve({ entries: 0, bytes: 0 }),
};
