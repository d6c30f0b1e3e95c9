// A BPE vocabulary (each token's bytes, by rank) packed as two base64 strings, and looked up by bytes through an
// open-addressing hash table built at load. gpt-tokenizer ships its ranks as a 200,000-element array literal and
// builds a Map of them: compiling and building that cost ~0.25-0.5 s of every `git ai prompt` on 2 shared cores.
// Packed, the same vocabulary loads in a quarter of that time (decoding the strings, hashing 1.3 MB of bytes).

/** A vocabulary as the bundle carries it: every token's bytes concatenated by rank, and each token's length. */
export interface PackedVocabulary {
  /** base64 of the tokens' bytes, rank 0 first. */
  bytes: string;
  /** base64 of one byte per token: its length in bytes (tokens run to 128 bytes). */
  lengths: string;
}

/** gpt-tokenizer's form: a token is its string when its bytes are UTF-8, else the bytes. */
export type RankList = ReadonlyArray<string | readonly number[]>;

export function packVocabulary(ranks: RankList): PackedVocabulary {
  const tokens = ranks.map((token) => (typeof token === 'string' ? Buffer.from(token, 'utf8') : Buffer.from(token)));
  const lengths = Buffer.from(tokens.map((token) => token.length));
  if (tokens.some((token) => token.length === 0 || token.length > 255))
    throw new Error('a token of 0 or more than 255 bytes cannot be packed');
  return { bytes: Buffer.concat(tokens).toString('base64'), lengths: lengths.toString('base64') };
}

export class Vocabulary {
  readonly size: number;
  private readonly bytes: Uint8Array;
  /** offsets[rank] .. offsets[rank + 1]: the token's bytes. */
  private readonly offsets: Uint32Array;
  /** rank + 1 per slot, 0 for an empty slot. */
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(packed: PackedVocabulary) {
    this.bytes = Buffer.from(packed.bytes, 'base64');
    const lengths = Buffer.from(packed.lengths, 'base64');
    this.size = lengths.length;
    this.offsets = new Uint32Array(this.size + 1);
    for (let rank = 0; rank < this.size; rank++) this.offsets[rank + 1] = this.offsets[rank]! + lengths[rank]!;
    let slots = 1;
    while (slots < this.size * 2.5) slots *= 2; // a load under 0.4 keeps probes short
    this.table = new Int32Array(slots);
    this.mask = slots - 1;
    for (let rank = 0; rank < this.size; rank++) {
      let slot = hash(this.bytes, this.offsets[rank]!, this.offsets[rank + 1]!) & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = rank + 1;
    }
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
