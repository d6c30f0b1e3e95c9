// LRU eviction: when the cache is over its cap, delete least-recently-used entries down to a low-water mark.
import type { ScannedFile } from './fs-ops.js';
import { scanCacheTree, unlinkQuietly } from './fs-ops.js';

/** Prune down to this share of the cap so that eviction does not run again on the very next write. */
export const LOW_WATER_RATIO = 0.8;
/** A temp file this old belongs to a run that died between write and rename. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

export interface EvictionPlan {
  victims: ScannedFile[];
  totalBytes: number;
  remainingBytes: number;
}

/** Pure: nothing when total <= maxBytes; otherwise the oldest-used entries (mtime ascending) until total <= 80% of it. */
export function planEviction(entries: readonly ScannedFile[], maxBytes: number): EvictionPlan {
  const totalBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (totalBytes <= maxBytes) return { victims: [], totalBytes, remainingBytes: totalBytes };
  const target = Math.floor(maxBytes * LOW_WATER_RATIO);
  const byAge = [...entries].sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const victims: ScannedFile[] = [];
  let remainingBytes = totalBytes;
  for (const entry of byAge) {
    if (remainingBytes <= target) break;
    victims.push(entry);
    remainingBytes -= entry.size;
  }
  return { victims, totalBytes, remainingBytes };
}

export interface PruneResult {
  removedEntries: number;
  removedBytes: number;
  /** Bytes left by this prune's own view of the tree, for the caller's running estimate. */
  remainingBytes: number;
}

/** Files already deleted by a concurrent prune are skipped, not counted and not an error. */
export async function pruneCacheTree(options: { dir: string; maxBytes: number; now: number }): Promise<PruneResult> {
  const { entries, temps } = await scanCacheTree(options.dir);
  const staleTemps = temps.filter((temp) => options.now - temp.mtimeMs > STALE_TEMP_MS);
  await Promise.all(staleTemps.map((temp) => unlinkQuietly(temp.path)));
  const plan = planEviction(entries, options.maxBytes);
  let removedEntries = 0;
  let removedBytes = 0;
  for (const victim of plan.victims) {
    if (!(await unlinkQuietly(victim.path))) continue;
    removedEntries += 1;
    removedBytes += victim.size;
  }
  return { removedEntries, removedBytes, remainingBytes: plan.totalBytes - removedBytes };
}
