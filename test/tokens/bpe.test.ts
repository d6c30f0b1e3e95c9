// The encoder (src/tokens/bpe.ts) gives gpt-tokenizer's own tokens, and the bundle carries the very vocabulary.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import cl100kRanks from 'gpt-tokenizer/esm/bpeRanks/cl100k_base';
import { describe, expect, it } from 'vitest';
import {
  bundledLoader,
  vocabularyFile,
  vocabularyFileName,
  VOCABULARY_MODULE,
} from '../../scripts/vocabulary-plugin.js';
import { loadTokenizer } from '../../src/tokens/tokenizer.js';
import { decodeVocabularyFile, encodeVocabularyFile } from '../../src/tokens/vocabulary-file.js';
import {
  buildVocabularyTables,
  Vocabulary,
  type RankList,
  type VocabularyTables,
} from '../../src/tokens/vocabulary.js';

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
const REFERENCE = { o200k_base: o200k, cl100k_base: cl100k } as const;
const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
const tokenizers = Object.fromEntries(
  await Promise.all(ENCODINGS.map(async (encoding) => [encoding, await loadTokenizer(encoding)] as const)),
);

/** This repository's own TypeScript and Markdown: code, prose, tables, non-ASCII. */
function ownSources(): string[] {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const texts: string[] = [readFileSync(join(root, 'README.md'), 'utf8')];
  for (const dir of ['src/tokens', 'src/security', 'src/prepare', 'test/security'])
    for (const name of readdirSync(join(root, dir)).filter((file) => file.endsWith('.ts')))
      texts.push(readFileSync(join(root, dir, name), 'utf8'));
  return texts;
}

describe.each(ENCODINGS)('%s, packed', (encoding) => {
  const tokenizer = tokenizers[encoding]!;
  const reference = REFERENCE[encoding];

  it("encodes this repository's sources to gpt-tokenizer's tokens, and decodes them back", () => {
    for (const text of ownSources()) {
      const tokens = tokenizer.encode(text);
      expect(tokens).toEqual(reference.encode(text, PLAIN_TEXT));
      expect(tokenizer.count(text)).toBe(tokens.length);
      expect(tokenizer.decode(tokens)).toBe(text);
    }
  });

  it("encodes random text (any code unit, lone surrogates included) to gpt-tokenizer's tokens", () => {
    const unit = fc.oneof(
      fc.constantFrom(' ', '\n', '\r\n', '\t', "'s", '<|endoftext|>', 'const', 'Überall', '日本語', '🦜', '\uFFFD'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    fc.assert(
      // U+FEFF aside: gpt-tokenizer cannot produce the byte-order mark's own token (see the test below).
      fc.property(fc.array(unit.filter(noByteOrderMark), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const expected = reference.encode(text, PLAIN_TEXT);
        expect(tokenizer.encode(text)).toEqual(expected);
        expect(tokenizer.countWithin(text, expected.length)).toBe(expected.length);
        if (expected.length > 0) expect(tokenizer.countWithin(text, expected.length - 1)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  // Pieces of over 256 bytes are merged through a heap: the same tokens as gpt-tokenizer's scan.
  it("merges long pieces (letters, base64's A run, spaces) to gpt-tokenizer's tokens", () => {
    const letter = fc.constantFrom('A', 'A', 'A', 'a', 'b', 'Q', 'e', 'é', 'ß', '日');
    const long = fc.oneof(
      fc.string({ unit: letter, minLength: 260, maxLength: 3_000 }),
      fc.integer({ min: 260, max: 3_000 }).map((n) => ' '.repeat(n)),
      fc.integer({ min: 260, max: 3_000 }).map((n) => `data:;base64,${'A'.repeat(n)}=`),
    );
    fc.assert(
      fc.property(long, (text) => {
        const expected = reference.encode(text, PLAIN_TEXT);
        expect(tokenizer.encode(text)).toEqual(expected);
        expect(tokenizer.countWithin(text, expected.length)).toBe(expected.length);
      }),
      { numRuns: 40 },
    );
  });

  // Merging a piece is quadratic in its bytes: one of 200k characters took minutes to merge before it was refused
  // unmerged, as surely more tokens than the budget's room (more bytes than that many of the longest token's).
  it('answers over for a piece far larger than the room left without merging it', { timeout: 5_000 }, () => {
    const head = 'ok\n';
    const text = `${head}${'A'.repeat(200_000)}\n`;
    const headTokens = reference.encode(head, PLAIN_TEXT).length;
    expect(tokenizer.countWithin(text, 50)).toBeUndefined();
    expect(tokenizer.linesWithin(text, 50)).toEqual({
      end: head.length,
      tokens: headTokens,
      whole: false,
      overEnd: text.length - 1,
    });
    // A piece just within its room is still merged and counted.
    const run = 'A'.repeat(1_000);
    const tokens = reference.encode(run, PLAIN_TEXT).length;
    expect(tokenizer.countWithin(run, tokens)).toBe(tokens);
    expect(tokenizer.linesWithin(`${run}\n`, tokens + 1)).toMatchObject({ whole: true, tokens: tokens + 1 });
  });
});

const noByteOrderMark = (part: string): boolean => !part.includes('\uFEFF');

// The vocabularies hold U+FEFF's UTF-8 bytes (EF BB BF) as one token, which tiktoken's byte-level merges reach.
// gpt-tokenizer misses it: it turns token bytes into strings with a TextDecoder, which drops a leading byte-order
// mark, so it writes the mark as two tokens. The packed encoder looks tokens up by their bytes and finds the one.
describe.each(ENCODINGS)('%s, the byte-order mark', (encoding) => {
  it('is the one token whose bytes are EF BB BF, where gpt-tokenizer writes two', () => {
    const tokenizer = tokenizers[encoding]!;
    const tokens = tokenizer.encode('\uFEFF');
    expect(tokens).toHaveLength(1);
    expect(Buffer.from(tokenizer.decode(tokens), 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(REFERENCE[encoding].encode('\uFEFF', PLAIN_TEXT)).toHaveLength(2);
    expect(tokenizer.encode('x \uFEFFy')).toEqual([...tokenizer.encode('x '), ...tokens, ...tokenizer.encode('y')]);
  });
});

describe('the vocabulary', () => {
  it('holds every rank of the list it was built from, looked up by its bytes', () => {
    const ranks = cl100kRanks as RankList;
    const vocabulary = new Vocabulary(buildVocabularyTables(ranks));
    expect(vocabulary.size).toBe(ranks.length);
    // One assertion over the 100,000 ranks (one each takes seconds): the ranks not found as themselves.
    const lost = ranks.flatMap((token, rank) => {
      const bytes = typeof token === 'string' ? Buffer.from(token, 'utf8') : Uint8Array.from(token);
      return vocabulary.rankOf(bytes, 0, bytes.length) === rank ? [] : [rank];
    });
    expect(lost).toEqual([]);
    expect(vocabulary.rankOf(Buffer.from('no such token, surely'), 0, 21)).toBe(-1);
  });

  it('is what the bundle carries: the build plugin writes its tables to a file that the bundled loader reads back', async () => {
    expect(VOCABULARY_MODULE.exec('/x/src/tokens/o200k-vocabulary.ts')?.[1]).toBe('o200k');
    const dir = mkdtempSync(join(tmpdir(), 'git-ai-vocabulary-'));
    try {
      // The bundle's layout: the loader's chunk with the encoding's file beside it.
      writeFileSync(join(dir, vocabularyFileName('cl100k_base')), await vocabularyFile('cl100k_base'));
      const loader = join(dir, 'cl100k-loader.mjs');
      writeFileSync(loader, bundledLoader('cl100k_base'));
      const { default: load } = (await import(pathToFileURL(loader).href)) as {
        default: () => Promise<VocabularyTables>;
      };
      // Compared as bytes: a deep equality over a million typed-array elements takes seconds.
      const bytesOf = (tables: VocabularyTables) =>
        [tables.bytes, tables.offsets, tables.table].map((array) =>
          Buffer.from(array.buffer, array.byteOffset, array.byteLength),
        );
      const [loaded, built] = [await load(), buildVocabularyTables(cl100kRanks as RankList)].map(bytesOf);
      loaded!.forEach((array, index) => expect(array.equals(built![index]!)).toBe(true));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads back from its file as it was written, and a damaged file is refused', () => {
    const tables = buildVocabularyTables(['a', 'b', 'ab', [0xef, 0xbb, 0xbf], 'é']);
    const file = encodeVocabularyFile(tables);
    expect(decodeVocabularyFile(file)).toEqual(tables);
    // At an offset that is not a multiple of 4 the arrays are copied, not viewed: the same tables.
    const shifted = Buffer.concat([Buffer.from([0]), file]).subarray(1);
    expect(decodeVocabularyFile(shifted)).toEqual(tables);
    expect(() => decodeVocabularyFile(file.subarray(0, file.length - 1))).toThrow(/damaged/);
    expect(() => decodeVocabularyFile(Buffer.from('not a vocabulary'))).toThrow(/damaged/);
  });
});
