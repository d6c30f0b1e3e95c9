// The pool's worker entry: runs one batch of token tasks and posts the results back, byte buffers transferred.

import { Piscina } from 'piscina';
import { loadTokenizer } from '../tokens/tokenizer.js';
import { processTokenTask } from './tasks.js';
import type { TokenBatch, TokenResult } from './tasks.js';

export default async function runTokenBatch(batch: TokenBatch): Promise<unknown> {
  const results: TokenResult[] = [];
  const transfer = new Set<ArrayBuffer>();
  for (const task of batch.tasks) {
    // loadTokenizer caches per encoding, so each worker loads a tokenizer once.
    const result = processTokenTask(task, await loadTokenizer(task.encoding));
    // Text kept whole is what the sender already holds: do not send it back.
    if (!result.truncated) result.text = '';
    else if (typeof result.text !== 'string') transfer.add(result.text.buffer as ArrayBuffer);
    results.push(result);
  }
  return Piscina.move(movable(results, [...transfer]));
}

// Piscina's transferable protocol: the value to post and the buffers to move along with it.
function movable(value: TokenResult[], buffers: ArrayBuffer[]): Parameters<typeof Piscina.move>[0] {
  return { [Piscina.transferableSymbol]: buffers, [Piscina.valueSymbol]: value } as unknown as Parameters<
    typeof Piscina.move
  >[0];
}
