// The staged diff after budgeting: what a request may carry, chunk by chunk, within its token allocation.
import type { FileCategory, FileStatus } from './types.js';

/** Why a file's content is not sent (it is still listed, so the model sees the whole extent of the change). */
export type OmitReason = 'lockfile' | 'generated' | 'vendored' | 'binary' | 'ignored' | 'secret' | 'budget';

export interface FileEntry {
  path: string;
  oldPath?: string;
  status: FileStatus;
  binary: boolean;
  additions: number;
  deletions: number;
  category: FileCategory;
  /** Set when the content is not sent at all. */
  omitted?: OmitReason;
  /** Lines too long to send whole, sent (if the budget allows) as their head and a note of the cut. */
  cutLines?: number;
}

export interface PreparedChunk {
  id: number;
  files: FileEntry[];
  /** The chunk's diff text as it will be sent (redacted, truncated to its allocation). */
  text: string;
  /** Exact tokens of `text` in the model's encoding (an upper bound for estimated encodings). */
  tokens: number;
  /** Tokens this chunk was allowed. */
  allocation: number;
  truncated: boolean;
  omittedLines: number;
}

export interface PreparedDiff {
  files: FileEntry[];
  chunks: PreparedChunk[];
  /** One line per file (`M src/a.ts (+3 -1)`), or folded per directory when even that does not fit. */
  listing: string;
  listingTokens: number;
  encoding: 'o200k_base' | 'cl100k_base' | 'estimate';
  budget: { total: number; listing: number; content: number; used: number };
}
