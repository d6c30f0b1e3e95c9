import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../src/tokens/tokenizer.js';
import type { TokenEncoding, Tokenizer } from '../../src/tokens/tokenizer.js';
import { truncateToTokens } from '../../src/tokens/truncate.js';

const ENCODINGS: TokenEncoding[] = ['o200k_base', 'cl100k_base', 'estimate'];

/** The real tokenizer, recording the length of every text it tokenizes (of a single pass, how far it read). */
async function spyTokenizer(encoding: TokenEncoding): Promise<{ tokenizer: Tokenizer; seen: number[] }> {
  const real = await loadTokenizer(encoding);
  const seen: number[] = [];
  const record = (text: string): string => {
    seen.push(text.length);
    return text;
  };
  const tokenizer: Tokenizer = {
    encoding: real.encoding,
    exact: real.exact,
    count: (text) => real.count(record(text)),
    countWithin: (text, limit) => real.countWithin(record(text), limit),
    // One pass that stops at the first piece past the limit: what it read is recorded, where it stopped.
    linesWithin: (text, limit) => {
      const fit = real.linesWithin(text, limit);
      seen.push(fit.overEnd);
      return fit;
    },
    encode: (text) => real.encode(record(text)),
    decode: (tokens) => real.decode(tokens),
  };
  return { tokenizer, seen };
}

function linesIn(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

const sourceDir = fileURLToPath(new URL('../../src/tokens/', import.meta.url));
const source = readdirSync(sourceDir)
  .sort()
  .map((name) => readFileSync(sourceDir + name, 'utf8'))
  .join('');
const diff = source
  .split('\n')
  .map((line, index) => (index % 3 === 0 ? `-${line}` : `+${line}`))
  .join('\n');
const unicode = Array.from(
  { length: 300 },
  (_, i) => `+ línea ${i}: 日本語のテキスト 🦜 𝔘𝔫𝔦 ${'ß'.repeat(i % 7)}\n`,
).join('');

describe.each(ENCODINGS)('truncateToTokens with %s', (encoding) => {
  it.each([
    ['a diff of source code', diff],
    ['multi-byte text', unicode],
    ['text without a final newline', `${diff}\n+last line without newline`],
  ])('cuts %s to whole lines within the budget', async (_name, text) => {
    const tokenizer = await loadTokenizer(encoding);
    for (const maxTokens of [1, 7, 50, 333, 1000, 2500]) {
      const result = truncateToTokens({ text, maxTokens, tokenizer });
      if (!result.truncated) {
        expect(result.text).toBe(text);
        continue;
      }
      expect(text.startsWith(result.text)).toBe(true);
      expect(result.text === '' || result.text.endsWith('\n')).toBe(true);
      expect(result.text).not.toContain('\uFFFD');
      expect(result.tokens).toBe(tokenizer.count(result.text));
      expect(result.tokens).toBeLessThanOrEqual(maxTokens);
      const rest = text.slice(result.text.length);
      expect(result.omittedBytes).toBe(Buffer.byteLength(rest));
      expect(result.omittedLines).toBe(linesIn(rest));
      // As much as fits: the next complete line would not have.
      const nextEnd = text.indexOf('\n', result.text.length);
      if (nextEnd >= 0) expect(tokenizer.count(text.slice(0, nextEnd + 1))).toBeGreaterThan(maxTokens);
    }
  });

  it('never tokenizes text whose byte length is within the budget', async () => {
    const { tokenizer, seen } = await spyTokenizer(encoding);
    const text = 'line one\nline two é\n';
    const result = truncateToTokens({ text, maxTokens: Buffer.byteLength(text), tokenizer });
    expect(result).toEqual({
      text,
      truncated: false,
      tokens: Buffer.byteLength(text),
      omittedLines: 0,
      omittedBytes: 0,
    });
    expect(seen).toEqual([]);
  });

  it('returns text over the byte bound but within the token budget unchanged, with its exact count', async () => {
    const { tokenizer, seen } = await spyTokenizer(encoding);
    const tokens = tokenizer.count(diff);
    seen.length = 0;
    const result = truncateToTokens({ text: diff, maxTokens: tokens, tokenizer });
    expect(result).toEqual({ text: diff, truncated: false, tokens, omittedLines: 0, omittedBytes: 0 });
    expect(seen.length).toBeGreaterThan(0);
  });

  it('returns nothing when the first line alone is over the budget', async () => {
    const tokenizer = await loadTokenizer(encoding);
    const text = `${'+const value = compute(alpha, beta, gamma);'.repeat(20)}\n+short\n`;
    expect(truncateToTokens({ text, maxTokens: 20, tokenizer })).toEqual({
      text: '',
      truncated: true,
      tokens: 0,
      omittedLines: 2,
      omittedBytes: Buffer.byteLength(text),
    });
  });

  it.each([0, -3])('returns nothing for a budget of %i', async (maxTokens) => {
    const tokenizer = await loadTokenizer(encoding);
    const result = truncateToTokens({ text: 'a\nb\n', maxTokens, tokenizer });
    expect(result).toEqual({ text: '', truncated: true, tokens: 0, omittedLines: 2, omittedBytes: 4 });
    expect(truncateToTokens({ text: '', maxTokens, tokenizer }).truncated).toBe(false);
  });

  it('cuts text whose tokens hold many bytes each in one pass', async () => {
    const { tokenizer, seen } = await spyTokenizer(encoding);
    const text = `${'='.repeat(64)}\n`.repeat(5000);
    const result = truncateToTokens({ text, maxTokens: 500, tokenizer });
    expect(result.truncated).toBe(true);
    expect(result.tokens).toBe(tokenizer.count(result.text));
    expect(result.tokens).toBeLessThanOrEqual(500);
    expect(tokenizer.count(result.text + `${'='.repeat(64)}\n`)).toBeGreaterThan(500);
    expect(seen).toHaveLength(1 + 2); // the cut, then the two counts above
  });

  it('finds a line end inside a piece by its own count', async () => {
    const tokenizer = await loadTokenizer(encoding);
    // "\n\n" is one piece: the line ending at its first newline ends no piece.
    const text = '+a\n\n'.repeat(400);
    for (const maxTokens of [3, 10, 99, 300]) {
      const result = truncateToTokens({ text, maxTokens, tokenizer });
      expect(result.truncated).toBe(true);
      expect(result.tokens).toBe(tokenizer.count(result.text));
      expect(result.tokens).toBeLessThanOrEqual(maxTokens);
      const nextEnd = text.indexOf('\n', result.text.length);
      expect(tokenizer.count(text.slice(0, nextEnd + 1))).toBeGreaterThan(maxTokens);
    }
  });

  it('keeps, for any text and budget, the most whole lines whose exact count is within it', async () => {
    const tokenizer = await loadTokenizer(encoding);
    const unit = fc.oneof(
      fc.constantFrom(
        '\n',
        '\n\n',
        '\r\n',
        ' ',
        '  ',
        '\t',
        '+',
        '-',
        ';',
        '//',
        "'s",
        'const',
        'Überall',
        '日本',
        '🦜',
      ),
      fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 120 }), fc.integer({ min: 1, max: 80 }), (parts, maxTokens) => {
        const text = parts.join('');
        const result = truncateToTokens({ text, maxTokens, tokenizer });
        expect(text.startsWith(result.text)).toBe(true);
        if (!result.truncated) {
          expect(result.text).toBe(text);
          return;
        }
        expect(result.text === '' || result.text.endsWith('\n')).toBe(true);
        expect(result.tokens).toBe(tokenizer.count(result.text));
        expect(result.tokens).toBeLessThanOrEqual(maxTokens);
        const nextEnd = text.indexOf('\n', result.text.length);
        const next = nextEnd === -1 ? text : text.slice(0, nextEnd + 1);
        expect(tokenizer.count(next)).toBeGreaterThan(maxTokens);
      }),
      { numRuns: 300 },
    );
  });

  it('tokenizes only a prefix of a 10 MB input', async () => {
    const { tokenizer, seen } = await spyTokenizer(encoding);
    let text = '';
    while (text.length < 10_000_000) text += diff;
    const result = truncateToTokens({ text, maxTokens: 4000, tokenizer });
    expect(result.truncated).toBe(true);
    expect(result.tokens).toBeLessThanOrEqual(4000);
    expect(text.startsWith(result.text)).toBe(true);
    expect(result.omittedBytes).toBe(Buffer.byteLength(text) - Buffer.byteLength(result.text));
    expect(Math.max(...seen)).toBeLessThanOrEqual(4000 * 5);
  });
});
