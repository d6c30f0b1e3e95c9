// The process-wide worker pool for token work: created on first need, reused, sized to the cores, never holding the process open.

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { TokenBatch, TokenResult } from './tasks.js';

export type TokenPool = Piscina<TokenBatch, TokenResult[]>;

// Idle workers end after this; meanwhile piscina keeps them unref'd, so they never delay the process's exit.
const IDLE_TIMEOUT_MS = 10_000;

let pool: TokenPool | undefined;
let created = 0;

export interface WorkerEntry {
  filename: string;
  execArgv?: string[];
}

/**
 * Where the worker's code is, judged from this module's own URL: next to it as diff-worker.js in the
 * bundle (dist/), or as diff-worker.ts under tsx/vitest, where the worker needs tsx loaded as well.
 */
export function resolveWorkerEntry(moduleUrl: string): WorkerEntry {
  if (!moduleUrl.endsWith('.ts')) return { filename: new URL('./diff-worker.js', moduleUrl).href };
  // An absolute URL, so the worker finds tsx whatever the current directory is.
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
  return { filename: new URL('./diff-worker.ts', moduleUrl).href, execArgv: ['--import', tsx] };
}

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
