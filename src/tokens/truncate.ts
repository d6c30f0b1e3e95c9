// Cutting text to a token budget: the longest run of whole lines within it.

import { fitsByBytes } from './tokenizer.js';
import type { Tokenizer } from './tokenizer.js';

export interface TruncateOptions {
  text: string;
  maxTokens: number;
  tokenizer: Tokenizer;
}

export interface TruncateResult {
  /** A prefix of the input: all of it, or whole lines only (ends with '\n'), or ''. */
  text: string;
  truncated: boolean;
  /**
   * Tokens in `text`: the exact count when it was tokenized (an upper bound for an estimate tokenizer);
   * its UTF-8 byte length, also an upper bound, when the byte fast path let it through untokenized.
   */
  tokens: number;
  omittedLines: number;
  omittedBytes: number;
}

export function truncateToTokens(options: TruncateOptions): TruncateResult {
  const { text, tokenizer } = options;
  const limit = options.maxTokens > 0 ? Math.floor(options.maxTokens) : 0;
  if (fitsByBytes(text, limit)) return whole(text, Buffer.byteLength(text, 'utf8'));
  if (limit === 0) return cut(text, '', 0);
  // One pass up to the first piece past the limit: never the whole of a 10 MB diff, and no decoding and recounting of
  // what it kept (a window of 5 units per token, decoded and counted again, tokenized ~2.3x the budget).
  const fit = tokenizer.linesWithin(text, limit);
  if (fit.whole) return whole(text, fit.tokens);
  let { end, tokens } = fit;
  // A line end inside a piece (in "\n\n", say) is no piece's end: the prefix to it splits otherwise, so only its
  // own count says whether it fits.
  for (let newline = text.indexOf('\n', end); newline !== -1 && newline + 1 < fit.overEnd;) {
    const count = tokenizer.countWithin(text.slice(0, newline + 1), limit);
    if (count === undefined) break;
    end = newline + 1;
    tokens = count;
    newline = text.indexOf('\n', end);
  }
  return cut(text, text.slice(0, end), tokens);
}

function whole(text: string, tokens: number): TruncateResult {
  return { text, truncated: false, tokens, omittedLines: 0, omittedBytes: 0 };
}

function cut(text: string, kept: string, tokens: number): TruncateResult {
  const omittedBytes = Buffer.byteLength(text, 'utf8') - Buffer.byteLength(kept, 'utf8');
  return { text: kept, truncated: true, tokens, omittedLines: countLines(text, kept.length), omittedBytes };
}

/** Lines from `start` to the end, a last line without '\n' included. */
function countLines(text: string, start: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n', start); at >= 0; at = text.indexOf('\n', at + 1)) lines += 1;
  return text.length > start && !text.endsWith('\n') ? lines + 1 : lines;
}
