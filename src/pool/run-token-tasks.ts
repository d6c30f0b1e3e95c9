// Runs token tasks on the main thread when the input is small, else in batches on the worker pool.

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { loadTokenizer } from '../tokens/tokenizer.js';
import { decodeUtf8, encodeUtf8, processTokenTask } from './tasks.js';
import type { DecodedTokenResult, TokenResult, TokenTask } from './tasks.js';

/**
 * Total UTF-8 bytes of text below which 'auto' stays on the main thread: where the pool is 1.5x faster than
 * one thread. `npm run bench` on this project's 2-vCPU machine: starting the workers and loading a tokenizer
 * in each costs 0.1-0.3 s, so the pool breaks even near 8-16 MiB of text, is 1.35x faster at 32 MiB, 1.49x
 * at 48 MiB and 1.51-1.54x at 64 MiB, and levels off there (1.50x at 96 MiB): two tokenizers running at once
 * each slow to ~80% on this machine (6 MB: 333 ms alone, 402-417 ms side by side), so two workers give ~1.6x
 * at best. A budget keeps at most 8 bytes of text per token, so only budgets past ~8M tokens reach it.
 */
export const DEFAULT_POOL_THRESHOLD_BYTES = 64 * 1024 * 1024;
/** Texts this large travel to workers as UTF-8 bytes in a transferred buffer rather than a cloned string. */
export const TRANSFER_MIN_BYTES = 64 * 1024;
const MIN_BATCH_BYTES = 16 * 1024;
const MAX_BATCH_BYTES = 1024 * 1024;
// Several batches per worker, so one that finishes early takes the next from the shared queue.
const BATCHES_PER_THREAD = 4;
// The main thread yields after about this much text, letting an abort (or a spinner) through.
const MAIN_YIELD_BYTES = 256 * 1024;

export interface RunTokenTasksOptions {
  signal?: AbortSignal;
  mode?: 'auto' | 'main' | 'pool';
  thresholdBytes?: number;
}

/** Results in task order, each with its kept text as a string, identical whichever mode ran them. */
export async function runTokenTasks(
  tasks: readonly TokenTask[],
  options: RunTokenTasksOptions = {},
): Promise<DecodedTokenResult[]> {
  const { signal, mode = 'auto', thresholdBytes = DEFAULT_POOL_THRESHOLD_BYTES } = options;
  throwIfAborted(signal);
  const sizes = tasks.map(byteSize);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const onPool = mode === 'pool' || (mode === 'auto' && tasks.length > 0 && total >= thresholdBytes);
  return onPool ? runOnPool(tasks, sizes, total, signal) : runOnMainThread(tasks, sizes, signal);
}

/** Groups consecutive task indices into batches of about targetBytes; a task larger than that goes alone. */
export function planBatches(sizes: readonly number[], targetBytes: number): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  sizes.forEach((size, index) => {
    if (current.length > 0 && bytes + size > targetBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

async function runOnMainThread(
  tasks: readonly TokenTask[],
  sizes: readonly number[],
  signal: AbortSignal | undefined,
): Promise<DecodedTokenResult[]> {
  const results: DecodedTokenResult[] = [];
  let sinceYield = 0;
  for (const [index, task] of tasks.entries()) {
    if (sinceYield >= MAIN_YIELD_BYTES) {
      await yieldToEventLoop();
      throwIfAborted(signal);
      sinceYield = 0;
    }
    results.push(decodeResult(processTokenTask(task, await loadTokenizer(task.encoding)), task));
    sinceYield += sizes[index] ?? 0;
  }
  return results;
}

async function runOnPool(
  tasks: readonly TokenTask[],
  sizes: readonly number[],
  total: number,
  signal: AbortSignal | undefined,
): Promise<DecodedTokenResult[]> {
  // Imported here, not at the top: loading piscina costs ~20 ms that a run staying on the main thread never needs.
  const { getWorkerPool } = await import('./worker-pool.js');
  throwIfAborted(signal);
  const pool = getWorkerPool();
  const target = Math.min(MAX_BATCH_BYTES, Math.max(MIN_BATCH_BYTES, total / (pool.maxThreads * BATCHES_PER_THREAD)));
  const batchBytes = (batch: number[]): number => batch.reduce((sum, index) => sum + (sizes[index] ?? 0), 0);
  // Largest first, so a big batch does not start last and leave the other workers idle at the end.
  const batches = planBatches(sizes, target).sort((a, b) => batchBytes(b) - batchBytes(a));
  // The caller's abort settles this call at once; batches already handed to the pool run to their end and their
  // results are dropped. (Aborting a running piscina task terminates its worker, and a result the worker posted
  // just before then reaches piscina as an "unexpected message" thrown on the main thread.)
  const results = new Array<DecodedTokenResult>(tasks.length);
  const work = Promise.all(
    batches.map(async (batch) => {
      const transferList: ArrayBuffer[] = [];
      const sent = batch.map((index) => packTask(tasks[index]!, sizes[index] ?? 0, transferList));
      const received = await pool.run({ tasks: sent }, { transferList });
      received.forEach((result, k) => {
        const index = batch[k]!;
        results[index] = decodeResult(result, tasks[index]!);
      });
    }),
  );
  if (signal === undefined) {
    await work;
    return results;
  }
  work.catch(() => undefined); // once aborted, a late failure has no one to tell
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  return results;
}

/** A large well-formed string goes as UTF-8 bytes in a buffer of its own, transferred rather than copied. */
function packTask(task: TokenTask, size: number, transferList: ArrayBuffer[]): TokenTask {
  if (typeof task.text !== 'string' || size < TRANSFER_MIN_BYTES || !isWellFormed(task.text)) return task;
  const bytes = encodeUtf8(task.text);
  transferList.push(bytes.buffer as ArrayBuffer);
  return { ...task, text: bytes };
}

/** The caller's own text when it was kept whole (workers do not send it back), else the kept text decoded. */
function decodeResult(result: TokenResult, task: TokenTask): DecodedTokenResult {
  const kept = result.truncated ? result.text : task.text;
  return { ...result, text: typeof kept === 'string' ? kept : decodeUtf8(kept) };
}

function byteSize(task: TokenTask): number {
  return typeof task.text === 'string' ? Buffer.byteLength(task.text, 'utf8') : task.text.byteLength;
}

// Lone surrogates do not survive UTF-8, so such text is cloned as a string instead (ES2024, in Node >= 20).
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function abortError(): DOMException {
  return new DOMException('The token work was aborted', 'AbortError');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
