// The cache's size between runs: one small file beside the shards with the total last measured and when, so a run's
// first write reads one file instead of stat-ing every entry (2,000 entries took ~250 ms and 10,000 ~450 ms on this
// machine, on the exit of every run that wrote). Each write adds its bytes; an increment lost to two runs at once only
// delays a prune, and the tree is measured again once the ledger is a day old or unreadable.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './fs-ops.js';
import { resolveEntriesRoot } from './paths.js';

export const LEDGER_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface SizeLedger {
  bytes: number;
  /** When the tree was last measured (a scan or a prune), in the cache's clock. */
  measuredAt: number;
}

export const ledgerPath = (dir: string): string => join(resolveEntriesRoot(dir), 'size.json');

/** The ledger when it was measured less than a day before `now`; undefined when missing, garbled, stale or ahead. */
export async function readFreshLedger(dir: string, now: number): Promise<SizeLedger | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(ledgerPath(dir), 'utf8'));
  } catch {
    return undefined;
  }
  const { bytes, measuredAt } = (parsed ?? {}) as Partial<SizeLedger>;
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return undefined;
  if (typeof measuredAt !== 'number' || !Number.isFinite(measuredAt)) return undefined;
  const age = now - measuredAt;
  return age >= 0 && age < LEDGER_MAX_AGE_MS ? { bytes, measuredAt } : undefined;
}

/** Best effort: a ledger that cannot be written means the next run measures the tree itself. */
export async function writeLedger(dir: string, ledger: SizeLedger): Promise<void> {
  try {
    await writeFileAtomic(ledgerPath(dir), JSON.stringify(ledger)); // its time is in it: no mtime of its own to set
  } catch {
    // unwritable: the next run scans
  }
}
