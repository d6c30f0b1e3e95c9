// A BPE vocabulary as three typed arrays: every token's bytes concatenated by rank, each token's offset into them,
// and an open-addressing hash table that finds a token's rank from its bytes. gpt-tokenizer ships its ranks as a
// 200,000-element array literal and builds a Map of them (~0.25-0.5 s of every `git ai prompt` on 2 shared cores);
// the bundle carries these arrays built at build time, in one binary file per encoding (vocabulary-file.ts), so a run
// reads them instead of building anything.

/** gpt-tokenizer's form: a token is its string when its bytes are UTF-8, else the bytes. */
export type RankList = ReadonlyArray<string | readonly number[]>;

/** What a Vocabulary is made of (see vocabulary-file.ts for the form the bundle carries). */
export interface VocabularyTables {
  /** The tokens' bytes, rank 0 first. */
  bytes: Uint8Array;
  /** offsets[rank] .. offsets[rank + 1]: the token's bytes; size + 1 entries. */
  offsets: Uint32Array;
  /** rank + 1 per slot, 0 for an empty slot; a power of two long, found by hash(bytes) & (length - 1). */
  table: Int32Array;
}

/** The tables of a rank list: its tokens' bytes, their offsets, and the hash table over them. */
export function buildVocabularyTables(ranks: RankList): VocabularyTables {
  const tokens = ranks.map((token) => (typeof token === 'string' ? Buffer.from(token, 'utf8') : Buffer.from(token)));
  if (tokens.some((token) => token.length === 0)) throw new Error('a token of 0 bytes cannot be looked up');
  const bytes = new Uint8Array(Buffer.concat(tokens));
  const offsets = new Uint32Array(tokens.length + 1);
  tokens.forEach((token, rank) => (offsets[rank + 1] = offsets[rank]! + token.length));
  let slots = 1;
  while (slots < tokens.length * 2.5) slots *= 2; // a load under 0.4 keeps probes short
  const table = new Int32Array(slots);
  const mask = slots - 1;
  for (let rank = 0; rank < tokens.length; rank++) {
    let slot = hash(bytes, offsets[rank]!, offsets[rank + 1]!) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = rank + 1;
  }
  return { bytes, offsets, table };
}

export class Vocabulary {
  readonly size: number;
  /** The longest token's length in bytes: a text of n bytes is at least ceil(n / longest) tokens. */
  readonly longest: number;
  private readonly bytes: Uint8Array;
  private readonly offsets: Uint32Array;
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(tables: VocabularyTables) {
    this.bytes = tables.bytes;
    this.offsets = tables.offsets;
    this.table = tables.table;
    this.size = tables.offsets.length - 1;
    this.mask = tables.table.length - 1;
    let longest = 0;
    for (let rank = 0; rank < this.size; rank++)
      longest = Math.max(longest, this.offsets[rank + 1]! - this.offsets[rank]!);
    this.longest = longest;
  }

  /** The rank of the token whose bytes are `source[start..end)`, or -1 when no token is those bytes. */
  rankOf(source: Uint8Array, start: number, end: number): number {
    const length = end - start;
    for (let slot = hash(source, start, end) & this.mask; ; slot = (slot + 1) & this.mask) {
      const rank = this.table[slot]! - 1;
      if (rank < 0) return -1;
      const from = this.offsets[rank]!;
      if (this.offsets[rank + 1]! - from !== length) continue;
      let at = 0;
      while (at < length && this.bytes[from + at] === source[start + at]) at++;
      if (at === length) return rank;
    }
  }

  /** Appends the token's bytes to `target` at `at`; returns the new end. */
  copyInto(rank: number, target: Uint8Array, at: number): number {
    const from = this.offsets[rank]!;
    const to = this.offsets[rank + 1]!;
    for (let index = from; index < to; index++) target[at++] = this.bytes[index]!;
    return at;
  }

  /** The token's length in bytes; 0 for a rank outside the vocabulary. */
  lengthOf(rank: number): number {
    return rank >= 0 && rank < this.size ? this.offsets[rank + 1]! - this.offsets[rank]! : 0;
  }
}

/** FNV-1a over a byte range. */
function hash(source: Uint8Array, start: number, end: number): number {
  let value = 0x811c9dc5;
  for (let index = start; index < end; index++) value = Math.imul(value ^ source[index]!, 0x01000193);
  return value >>> 0;
}
