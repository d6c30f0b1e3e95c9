// `node --import tsx scripts/gen-token-pieces.ts`: writes src/tokens/o200k-pieces.json, the ASCII tokens among the
// 50,000 most frequent merges of o200k_base (lowest ranks). A piece of text that is one of them encodes as one
// token, which lets src/tokens/bound.ts bound a count without loading the whole encoding.
import { writeFileSync } from 'node:fs';
import bpe from 'gpt-tokenizer/esm/bpeRanks/o200k_base';
import { PIECE_RANKS, PIECE_TEXT } from '../src/tokens/bound.js';

const pieces = (bpe as (string | number[])[])
  .slice(0, PIECE_RANKS)
  .filter((token): token is string => typeof token === 'string' && PIECE_TEXT.test(token));
writeFileSync(new URL('../src/tokens/o200k-pieces.json', import.meta.url), `${JSON.stringify(pieces)}\n`);
process.stdout.write(`${pieces.length} pieces\n`);
