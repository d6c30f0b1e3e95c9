// Byte-pair encoding over a packed vocabulary, token for token what gpt-tokenizer (and tiktoken) produce for plain
// text: the text is split into pieces by the encoding's regex; a piece that is a token is that token, any other is
// merged from its UTF-8 bytes, the lowest-ranked adjacent pair first (the leftmost of equals). Special tokens such as
// `<|endoftext|>` are plain text here, as a diff's content must be.
import type { LinesWithin } from './tokenizer.js';
import type { Vocabulary } from './vocabulary.js';

/** Pieces merged and remembered, per encoder; past it the memory starts over (identifiers repeat within a diff). */
const MERGE_CACHE_SIZE = 50_000;

export class BytePairEncoder {
  private readonly split: RegExp;
  private scratch = new Uint8Array(1024);
  private readonly encoder = new TextEncoder();
  private readonly merged = new Map<string, number[]>();

  constructor(
    private readonly vocabulary: Vocabulary,
    splitRegex: RegExp,
  ) {
    this.split = new RegExp(splitRegex.source, 'gu');
  }

  encode(text: string): number[] {
    const tokens: number[] = [];
    this.pieces(text, (piece) => {
      this.encodePiece(piece, tokens);
      return false;
    });
    return tokens;
  }

  /** The count when it is <= limit, else undefined; stops at the first piece past the limit. */
  countWithin(text: string, limit: number): number | undefined {
    if (limit < 0) return undefined;
    let count = 0;
    const scratch: number[] = [];
    const over = this.pieces(text, (piece) => {
      if (this.beyond(piece, limit - count)) return true;
      scratch.length = 0;
      count += this.encodePiece(piece, scratch);
      return count > limit;
    });
    return over ? undefined : count;
  }

  /** See Tokenizer.linesWithin. */
  linesWithin(text: string, limit: number): LinesWithin {
    let count = 0;
    let at = 0;
    let fit: LinesWithin = { end: 0, tokens: 0, whole: false, overEnd: 0 };
    const scratch: number[] = [];
    const over = this.pieces(text, (piece) => {
      at += piece.length;
      if (this.beyond(piece, limit - count)) return true;
      scratch.length = 0;
      count += this.encodePiece(piece, scratch);
      if (count > limit) return true;
      if (piece.charCodeAt(piece.length - 1) === 0x0a) fit = { end: at, tokens: count, whole: false, overEnd: 0 };
      return false;
    });
    return over ? { ...fit, overEnd: at } : { end: text.length, tokens: count, whole: true, overEnd: text.length };
  }

  count(text: string): number {
    return this.countWithin(text, Number.POSITIVE_INFINITY)!;
  }

  decode(tokens: readonly number[]): string {
    let length = 0;
    for (const token of tokens) {
      const bytes = this.vocabulary.lengthOf(token);
      if (bytes === 0) throw new Error(`Token ${token} is not in the vocabulary.`);
      length += bytes;
    }
    const out = Buffer.allocUnsafe(length);
    let at = 0;
    for (const token of tokens) at = this.vocabulary.copyInto(token, out, at);
    return out.toString('utf8');
  }

  /**
   * The piece is surely more than `room` tokens: it has more UTF-16 units (so more UTF-8 bytes) than room tokens of
   * the longest token's bytes hold. Merging is quadratic in a piece's bytes (a 60k-character run of `A` in a data URI
   * took ~7 s against a 2,000-token budget), so a piece past the room left is not merged at all.
   */
  private beyond(piece: string, room: number): boolean {
    return piece.length > room * this.vocabulary.longest;
  }

  /** Calls `visit` with each piece in order; stops (and returns true) when it returns true. */
  private pieces(text: string, visit: (piece: string) => boolean): boolean {
    const split = this.split;
    split.lastIndex = 0;
    for (let match = split.exec(text); match !== null; match = split.exec(text)) {
      if (visit(match[0])) {
        split.lastIndex = 0;
        return true;
      }
    }
    return false;
  }

  /** Appends the piece's tokens; returns how many. */
  private encodePiece(piece: string, out: number[]): number {
    const { length, wellFormed } = this.toBytes(piece);
    // A piece that is a token's text is that token. A lone surrogate is no token's text (gpt-tokenizer looks the
    // string up), though its bytes (U+FFFD's) may be one: such a piece is merged like any other.
    if (wellFormed) {
      const rank = this.vocabulary.rankOf(this.scratch, 0, length);
      if (rank >= 0) {
        out.push(rank);
        return 1;
      }
    }
    let tokens = this.merged.get(piece);
    if (tokens === undefined) {
      tokens = length > LARGE_PIECE ? mergeLarge(this.scratch, length, this.vocabulary) : this.merge(length);
      if (this.merged.size >= MERGE_CACHE_SIZE) this.merged.clear();
      this.merged.set(piece, tokens);
    }
    for (const token of tokens) out.push(token);
    return tokens.length;
  }

  /** The piece's UTF-8 bytes in `scratch` (a lone surrogate as U+FFFD, as TextEncoder writes it). */
  private toBytes(piece: string): { length: number; wellFormed: boolean } {
    if (this.scratch.length < piece.length * 3) this.scratch = new Uint8Array(piece.length * 3);
    const scratch = this.scratch;
    for (let index = 0; index < piece.length; index++) {
      const code = piece.charCodeAt(index);
      if (code >= 0x80)
        return { length: this.encoder.encodeInto(piece, scratch).written, wellFormed: isWellFormed(piece) };
      scratch[index] = code;
    }
    return { length: piece.length, wellFormed: true };
  }

  /** gpt-tokenizer's bytePairMerge over scratch[0..length), step for step. */
  private merge(length: number): number[] {
    const bytes = this.scratch;
    const vocabulary = this.vocabulary;
    const starts: number[] = [];
    const ranks: number[] = [];
    const rankAt = (index: number): number => {
      const end = starts[index + 2];
      if (end === undefined) return Number.POSITIVE_INFINITY;
      const rank = vocabulary.rankOf(bytes, starts[index]!, end);
      return rank < 0 ? Number.POSITIVE_INFINITY : rank;
    };
    for (let index = 0; index <= length; index++) starts.push(index);
    for (let index = 0; index <= length; index++) ranks.push(rankAt(index));
    while (starts.length > 1) {
      let lowest = Number.POSITIVE_INFINITY;
      let at = -1;
      for (let index = 0; index < ranks.length - 1; index++) {
        if (ranks[index]! < lowest) {
          lowest = ranks[index]!;
          at = index;
        }
      }
      if (at === -1) break;
      starts.splice(at + 1, 1);
      ranks.splice(at, 1);
      ranks[at] = rankAt(at);
      if (at > 0) ranks[at - 1] = rankAt(at - 1);
    }
    const tokens: number[] = [];
    for (let index = 0; index < starts.length - 1; index++) {
      const rank = vocabulary.rankOf(bytes, starts[index]!, starts[index + 1]!);
      if (rank < 0) throw new Error('a byte is missing from the vocabulary');
      tokens.push(rank);
    }
    return tokens;
  }
}

/**
 * The same merges as BytePairEncoder.merge, in the same order (the lowest rank first, the leftmost of equals), kept
 * in a heap instead of found by a scan: n log n, not n squared, in the piece's bytes. A 60k-character run of `A` (a
 * data URI of zeros) took ~5 s to merge by the scan.
 */
function mergeLarge(bytes: Uint8Array, length: number, vocabulary: Vocabulary): number[] {
  // Part i starts at byte i while it lives; next[i] is where the part after it starts (length: none).
  const next = new Int32Array(length);
  const prev = new Int32Array(length);
  const rank = new Float64Array(length);
  for (let index = 0; index < length; index++) {
    next[index] = index + 1;
    prev[index] = index - 1;
  }
  // A key orders by rank, then by start: rank * 2^32 + start stays an exact integer (ranks < 2^20).
  const heap: number[] = [];
  const rankOfPair = (start: number): number => {
    const second = next[start]!;
    if (second >= length) return Number.POSITIVE_INFINITY;
    const found = vocabulary.rankOf(bytes, start, next[second] ?? length);
    return found < 0 ? Number.POSITIVE_INFINITY : found;
  };
  const update = (start: number): void => {
    rank[start] = rankOfPair(start);
    if (rank[start] !== Number.POSITIVE_INFINITY) heapPush(heap, rank[start]! * SHIFT + start);
  };
  for (let index = 0; index < length; index++) update(index);
  while (heap.length > 0) {
    const key = heapPop(heap);
    const lowest = Math.floor(key / SHIFT);
    const start = key - lowest * SHIFT;
    if (rank[start] !== lowest) continue; // stale: the part merged away or its pair changed since
    const second = next[start]!;
    rank[second] = Number.NaN; // merged away: no key of it matches again
    next[start] = next[second]!;
    if (next[start]! < length) prev[next[start]!] = start;
    update(start);
    if (prev[start]! >= 0) update(prev[start]!);
  }
  const tokens: number[] = [];
  for (let start = 0; start < length; start = next[start]!) {
    const found = vocabulary.rankOf(bytes, start, next[start]!);
    if (found < 0) throw new Error('a byte is missing from the vocabulary');
    tokens.push(found);
  }
  return tokens;
}

/** Pieces of more bytes than this are merged through a heap (mergeLarge); the scan is quicker on short ones. */
const LARGE_PIECE = 256;
const SHIFT = 2 ** 32;

function heapPush(heap: number[], key: number): void {
  let at = heap.push(key) - 1;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (heap[parent]! <= key) break;
    heap[at] = heap[parent]!;
    at = parent;
  }
  heap[at] = key;
}

function heapPop(heap: number[]): number {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length === 0) return top;
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= heap.length) break;
    if (child + 1 < heap.length && heap[child + 1]! < heap[child]!) child += 1;
    if (heap[child]! >= last) break;
    heap[at] = heap[child]!;
    at = child;
  }
  heap[at] = last;
  return top;
}

/** No lone surrogate in the text (String.prototype.isWellFormed, which ES2023's typings lack). */
function isWellFormed(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code > 0xdbff) return false;
    const next = text.charCodeAt(index + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    index++;
  }
  return true;
}
