// The bound without the encoding is never below the encoding's own count, and is close to it on code.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTokenBound } from '../../src/tokens/bound.js';
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
    const source = readFileSync(new URL('../../src/prepare/prepare-diff.ts', import.meta.url), 'utf8');
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
});
