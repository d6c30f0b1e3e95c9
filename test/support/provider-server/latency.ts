// How long a simulated model takes: time to first token from the input, then a fixed cost per output token.

import { setTimeout as delay } from 'node:timers/promises';
import type { LatencyModel } from './types.js';

export interface LatencyPlan {
  /** Before the first byte (headers and first stream frame). */
  firstByteMs: number;
  /** For each output token, after the first byte. */
  perOutputTokenMs: number;
}

export function planLatency(options: { latency?: LatencyModel; scale?: number; inputTokens: number }): LatencyPlan {
  const { latency, scale = 1, inputTokens } = options;
  if (latency === undefined) return { firstByteMs: 0, perOutputTokenMs: 0 };
  return {
    firstByteMs: (latency.baseMs + (latency.perInputKTokensMs * inputTokens) / 1000) * scale,
    perOutputTokenMs: latency.perOutputTokenMs * scale,
  };
}

/** Total time of a non-streamed answer. */
export function totalLatencyMs(plan: LatencyPlan, outputTokens: number): number {
  return plan.firstByteMs + plan.perOutputTokenMs * outputTokens;
}

/** Waits, or returns early (false) when the signal aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
