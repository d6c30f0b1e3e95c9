// Token budgets: what the diff may use of a model's window, and its fair split across chunks decided up front.

export interface InputBudgetOptions {
  /** The user's cap on diff tokens (`max-tokens`); Infinity for none. */
  maxTokens: number;
  contextWindow: number;
  /** Tokens of everything sent besides the diff: system prompt, instructions, file list. */
  promptTokens: number;
  /** Tokens kept free for the model's answer. */
  reservedOutput: number;
}

/**
 * min(maxTokens, contextWindow - promptTokens - reservedOutput), floored, never negative.
 * Returns 0 when the prompt and the reserved output alone fill the window: the caller must then fail with
 * a clear error (shorter prompt or larger window) rather than send a request with no diff in it.
 */
export function computeInputBudget(options: InputBudgetOptions): number {
  const room = options.contextWindow - options.promptTokens - options.reservedOutput;
  const budget = Math.min(options.maxTokens, room);
  return Number.isNaN(budget) || budget <= 0 ? 0 : Math.floor(budget);
}

export interface AllocateOptions {
  total: number;
  /** What each chunk would use in full (its token count). */
  needs: readonly number[];
}

/**
 * Splits `total` tokens across chunks before any of them is processed: equal shares to start with, then
 * water-filling, so what a small chunk does not need flows to the larger ones. The result gives every chunk
 * min(need, level), with the level as high as `total` allows; the tokens left over after flooring the level
 * (fewer than the chunks still short) go one each to the last of those chunks, as the remainder of an equal
 * split goes to the last chunk. Deterministic, integers only, aligned with `needs`, sum <= total.
 */
export function allocateBudget(options: AllocateOptions): number[] {
  const needs = options.needs.map((need) => (need > 0 ? Math.floor(need) : 0));
  const allocation = new Array<number>(needs.length).fill(0);
  const order = needs.map((_, index) => index).sort((a, b) => needs[a]! - needs[b]! || a - b);
  let remaining = options.total > 0 ? Math.floor(options.total) : 0;

  for (let k = 0; k < order.length; k += 1) {
    const index = order[k]!;
    const need = needs[index]!;
    const left = order.length - k;
    if (need * left <= remaining) {
      allocation[index] = need;
      remaining -= need;
      continue;
    }
    // This chunk and all after it (needing at least as much) are capped at the same level.
    const short = order.slice(k).sort((a, b) => a - b);
    const level = Math.floor(remaining / left);
    const extra = remaining - level * left;
    short.forEach((shortIndex, position) => {
      allocation[shortIndex] = level + (position >= left - extra ? 1 : 0);
    });
    break;
  }
  return allocation;
}
