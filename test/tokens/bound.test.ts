// The bound without the encoding is never below the encoding's own count, and is close to it on code.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  BOUND_MAX_UNITS_PER_TOKEN,
  boundWithin,
  loadTokenBound,
  PIECE_RANKS,
  PIECE_TEXT,
} from '../../src/tokens/bound.js';
import { loadTokenizer } from '../../src/tokens/tokenizer.js';

const [bound, tokenizer] = await Promise.all([loadTokenBound('o200k_base'), loadTokenizer('o200k_base')]);

describe('loadTokenBound', () => {
  it('bounds o200k_base counts from above on random text of code, words, digits, spaces and other scripts', () => {
    const piece = fc.constantFrom(
      ' const',
      ' = ',
      'getUserName',
      '();\n',
      '    ',
      '\t',
      '\r\n',
      '12345',
      'ﾊﾝｶｸ',
      'Überall',
      '日本語',
      '🙂',
      '<|endoftext|>',
      "'s",
      ' x',
      '+',
      '-',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        const exact = tokenizer.count(text);
        // Within the limit by bytes, it answers the bytes; just below them, it counts the pieces.
        expect(bound(text, Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(exact);
        const pieces = bound(text, Buffer.byteLength(text) - 1);
        if (pieces !== undefined) expect(pieces).toBeGreaterThanOrEqual(exact);
        expect(bound(text, exact - 1) ?? Number.POSITIVE_INFINITY).toBeGreaterThan(exact - 1);
      }),
      { numRuns: 400 },
    );
  });

  it('comes close to the real count on source code, far closer than bytes', () => {
    // A whole folder of this project's code, so that an edit to one file does not move the ratio much (1.52 now).
    const folder = new URL('../../src/prepare/', import.meta.url);
    const source = readdirSync(folder)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => readFileSync(new URL(name, folder), 'utf8'))
      .join('\n');
    const text = source
      .split('\n')
      .map((line) => `+${line}`)
      .join('\n');
    const exact = tokenizer.count(text);
    const bounded = bound(text, Buffer.byteLength(text) - 1)!;
    expect(bounded).toBeGreaterThanOrEqual(exact);
    expect(bounded / exact).toBeLessThan(1.6);
    expect(Buffer.byteLength(text) / exact).toBeGreaterThan(3);
  });

  it('says undefined past the limit, and counts bytes for the encodings it has no pieces of', async () => {
    expect(bound('hello world', 1)).toBeUndefined();
    expect((await loadTokenBound('cl100k_base'))('héllo', 10)).toBe(6);
    expect((await loadTokenBound('estimate'))('héllo', 5)).toBeUndefined();
  });

  it('boundWithin skips the pieces only where they could not fit the text: within the limit by bytes, or too long', async () => {
    const code = Array.from({ length: 200 }, (_, index) => `+  const value = compute(item, ${index});`).join('\n');
    expect(await boundWithin('o200k_base', 'hello world', 20)).toBe(11);
    const limit = Math.ceil(code.length / 3);
    expect(await boundWithin('o200k_base', code, limit)).toBe(bound(code, limit));
    expect(await boundWithin('o200k_base', code, limit)).toBeDefined();
    expect(
      await boundWithin('o200k_base', code, Math.floor(code.length / BOUND_MAX_UNITS_PER_TOKEN) - 1),
    ).toBeUndefined();
    expect(await boundWithin('cl100k_base', 'héllo', 10)).toBe(6);
    expect(await boundWithin('estimate', 'héllo', 5)).toBeUndefined();
  });

  it('is over the limit on every file of real code past BOUND_MAX_UNITS_PER_TOKEN units a token, as boundWithin assumes', () => {
    for (const folder of ['../../src/prepare/', '../../src/security/', '../../README.md']) {
      const url = new URL(folder, import.meta.url);
      const texts = folder.endsWith('/')
        ? readdirSync(url)
            .filter((name) => name.endsWith('.ts'))
            .map((name) => readFileSync(new URL(name, url), 'utf8'))
        : readFileSync(url, 'utf8').split('\n## ');
      for (const text of texts.filter((each) => each.length > 400)) {
        const diff = text
          .split('\n')
          .map((line) => `+${line}`)
          .join('\n');
        expect(bound(diff, Math.floor(diff.length / BOUND_MAX_UNITS_PER_TOKEN))).toBeUndefined();
      }
    }
  });
});

describe('the known pieces', () => {
  it('are the list of src/tokens/o200k-pieces.json: the ASCII tokens among the lowest PIECE_RANKS ranks', async () => {
    const { default: list } = await import('../../src/tokens/o200k-pieces.json', { with: { type: 'json' } });
    const fromVocabulary = new Set<string>();
    for (let rank = 0; rank < PIECE_RANKS; rank++) {
      const text = tokenizer.decode([rank]); // a token of part of a character decodes as U+FFFD, no piece's text
      if (PIECE_TEXT.test(text)) fromVocabulary.add(text);
    }
    expect(fromVocabulary).toEqual(new Set(list));
  });

  it('are not loaded once the encoding is loading: its exact count is the bound', async () => {
    vi.resetModules();
    const listed: string[] = [];
    vi.doMock('../../src/tokens/known-pieces.js', async (importOriginal) => {
      listed.push('known-pieces.js');
      return importOriginal();
    });
    try {
      const tokens = await import('../../src/tokens/tokenizer.js');
      const fresh = await import('../../src/tokens/bound.js');
      void tokens.loadTokenizer('o200k_base');
      const exact = await fresh.loadTokenBound('o200k_base');
      const text = readFileSync(new URL('../../src/tokens/bpe.ts', import.meta.url), 'utf8');
      expect(listed).toEqual([]);
      // The encoding's own count, and over the limit just under it.
      const count = tokenizer.count(text);
      expect(exact(text, Number.MAX_SAFE_INTEGER - 1)).toBe(count);
      expect(exact(text, count)).toBe(count);
      expect(exact(text, count - 1)).toBeUndefined();
    } finally {
      vi.doUnmock('../../src/tokens/known-pieces.js');
      vi.resetModules();
    }
  });
});
