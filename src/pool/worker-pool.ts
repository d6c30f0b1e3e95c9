// The process-wide worker pool for token work: created on first need, reused, sized to the cores, never holding the process open.

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { TokenBatch, TokenResult } from './tasks.js';
import { resolveWorkerEntry } from './worker-entry.js';

export { resolveWorkerEntry, type WorkerEntry } from './worker-entry.js';

export type TokenPool = Piscina<TokenBatch, TokenResult[]>;

// Idle workers end after this; meanwhile piscina keeps them unref'd, so they never delay the process's exit.
const IDLE_TIMEOUT_MS = 10_000;

let pool: TokenPool | undefined;
let created = 0;

export function getWorkerPool(): TokenPool {
  if (pool === undefined) {
    pool = new Piscina<TokenBatch, TokenResult[]>({
      ...resolveWorkerEntry(import.meta.url),
      minThreads: 0,
      maxThreads: availableParallelism(),
      idleTimeout: IDLE_TIMEOUT_MS,
    });
    created += 1;
  }
  return pool;
}

/** Ends the workers now; the next getWorkerPool() starts a fresh pool. Not needed before exit. */
export async function destroyWorkerPool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}

/** How many pools this process has created; for tests proving the pool is reused. */
export function getPoolCreationCount(): number {
  return created;
}
