// The unit of token work shared by the main thread and the pool's workers, and the pure function both run on it.

import { truncateToTokens } from '../tokens/truncate.js';
import type { TokenEncoding, Tokenizer } from '../tokens/tokenizer.js';

export interface TokenTask {
  id: number;
  encoding: TokenEncoding;
  maxTokens: number;
  /**
   * The text, or its UTF-8 bytes. runTokenTasks sends large texts to workers as bytes whose buffer is
   * transferred (no copy); bytes a caller passes in are copied, never detached.
   */
  text: string | Uint8Array;
}

export interface TokenResult {
  id: number;
  tokens: number;
  truncated: boolean;
  omittedLines: number;
  omittedBytes: number;
  /** The kept text, in the task's form: bytes in, bytes out. */
  text: string | Uint8Array;
}

/** A result as runTokenTasks hands it back: the kept text always a string. */
export interface DecodedTokenResult extends TokenResult {
  text: string;
}

/** One message to a worker: several tasks, to spread the messaging cost. */
export interface TokenBatch {
  tasks: TokenTask[];
}

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF, which the default decoder would silently drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Counts and, when over maxTokens, truncates one task's text; pure, so the pool and the main thread agree. */
export function processTokenTask(task: TokenTask, tokenizer: Tokenizer): TokenResult {
  const bytes = typeof task.text === 'string' ? undefined : task.text;
  const text = bytes === undefined ? (task.text as string) : decodeUtf8(bytes);
  const result = truncateToTokens({ text, maxTokens: task.maxTokens, tokenizer });
  let kept: string | Uint8Array = result.text;
  if (bytes !== undefined) kept = result.truncated ? encodeUtf8(result.text) : bytes;
  return {
    id: task.id,
    tokens: result.tokens,
    truncated: result.truncated,
    omittedLines: result.omittedLines,
    omittedBytes: result.omittedBytes,
    text: kept,
  };
}
