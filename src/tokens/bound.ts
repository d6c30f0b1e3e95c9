// An upper bound on a text's token count without the encoding: loading o200k_base costs ~0.2-0.4 s of a commit,
// and a diff within its budget by this bound never needs it.
//
// BPE first splits text into pieces with the encoding's own regex, and a piece that is a token of the vocabulary
// is that one token; any other piece is at most one token per UTF-8 byte. So the sum over the pieces of 1 (a known
// token) or the piece's bytes (any other) bounds the count from above. The known tokens are the ASCII ones among
// o200k_base's 50,000 most frequent merges (src/tokens/o200k-pieces.json, from scripts/gen-token-pieces.ts):
// ~300 kB (~15 ms of CPU to parse and hash, src/tokens/known-pieces.ts), and on code the bound comes within ~1.3x of
// the real count (bytes are ~3.7x). When the encoding itself is loaded or loading (`git ai prompt` counts every
// request), the bound is its exact count: no list to load, no second pass over a text that is counted anyway, and the
// pieces it merges are remembered for the requests' own counts.
import { startedTokenizer, type TokenEncoding } from './tokenizer.js';

/** The known pieces are the ASCII tokens among this many lowest ranks of o200k_base (scripts/gen-token-pieces.ts). */
export const PIECE_RANKS = 50_000;
/** The characters a known piece is made of: printable ASCII, tab, newline, carriage return. */
export const PIECE_TEXT = /^[\x20-\x7e\t\n\r]+$/;

/** The bound when it is <= limit, else undefined (it stops counting once past the limit). */
export type TokenBound = (text: string, limit: number) => number | undefined;

const byBytes: TokenBound = (text, limit) => {
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes <= limit ? bytes : undefined;
};

let o200k: Promise<TokenBound> | undefined;
let exactBound: Promise<TokenBound> | undefined;

/**
 * UTF-16 units per token past which the pieces cannot bring a text within its limit: the bound counts 2.3-3.4 bytes
 * per token on code and on the prose of docs (measured per file on this project's diffs and on the e2e bench's), so a
 * text over 4 units per allowed token is over by the bound too, and only the exact count can fit it.
 */
export const BOUND_MAX_UNITS_PER_TOKEN = 4;

/**
 * The bound of `text` when it is <= limit, else undefined, loading the pieces only where they may help: a text within
 * the limit by its UTF-8 size needs none, and one too long for the bound to fit (BOUND_MAX_UNITS_PER_TOKEN) is left to
 * the exact count at once. A change of 30 files, whose chunks are all many times their share, loads no pieces at all
 * (their load and first scan cost ~40-60 ms of a cold run).
 */
export async function boundWithin(encoding: TokenEncoding, text: string, limit: number): Promise<number | undefined> {
  const bytes = text.length <= limit ? byBytes(text, limit) : undefined;
  if (bytes !== undefined || encoding !== 'o200k_base' || text.length > limit * BOUND_MAX_UNITS_PER_TOKEN) return bytes;
  return (await loadTokenBound(encoding))(text, limit);
}

/**
 * The bound for an encoding: pieces for o200k_base, UTF-8 bytes for the others (a token is at least one byte). When
 * o200k_base itself is loaded or loading and the list is not, its exact count is the bound (the tightest there is).
 */
export function loadTokenBound(encoding: TokenEncoding): Promise<TokenBound> {
  if (encoding !== 'o200k_base') return Promise.resolve(byBytes);
  if (o200k !== undefined) return o200k;
  const exact = startedTokenizer(encoding);
  if (exact !== undefined)
    return (exactBound ??= exact.then((tokenizer) => (text, limit) => tokenizer.countWithin(text, limit)));
  // The split regex loads with the pieces: building gpt-tokenizer's three \p{…} regexes costs ~2 ms of every remote
  // run.
  const loading = Promise.all([
    import('./known-pieces.js').then(({ readKnownPieces }) => readKnownPieces()),
    import('gpt-tokenizer/esm/encodingParams/constants'),
  ]);
  return (o200k = loading.then(([pieces, { O200K_TOKEN_SPLIT_REGEX }]) => {
    const known = new Set(pieces);
    return pieceBound((piece) => known.has(piece), O200K_TOKEN_SPLIT_REGEX);
  }));
}

function pieceBound(isKnown: (piece: string) => boolean, splitRegex: RegExp): TokenBound {
  const split = new RegExp(splitRegex.source, 'gu');
  return (text, limit) => {
    const bytes = text.length <= limit ? byBytes(text, limit) : undefined; // bytes bound it too, and cost less
    if (bytes !== undefined) return bytes;
    let tokens = 0;
    split.lastIndex = 0;
    for (let match = split.exec(text); match !== null; match = split.exec(text)) {
      const piece = match[0];
      tokens += isKnown(piece) ? 1 : Buffer.byteLength(piece, 'utf8');
      if (tokens > limit) return undefined;
    }
    return tokens;
  };
}
