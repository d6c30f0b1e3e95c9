import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../src/tokens/tokenizer.js';
import type { TokenEncoding } from '../../src/tokens/tokenizer.js';
import { decodeUtf8, encodeUtf8, processTokenTask } from '../../src/pool/tasks.js';

const code = 'export function add(a: number, b: number): number {\n  return a + b; // sum\n}\n'.repeat(40);
const unicode = 'Größe ändern — 日本語のテキスト 😀👍🏽\n'.repeat(40);

describe('processTokenTask', () => {
  it.each<[string, TokenEncoding, string, number, boolean]>([
    ['code under budget', 'o200k_base', code, 10_000, false],
    ['code over budget', 'o200k_base', code, 100, true],
    ['unicode over budget', 'cl100k_base', unicode, 50, true],
    ['unicode under budget, estimate', 'estimate', unicode, 100_000, false],
    ['BOM-led text over budget', 'o200k_base', '\uFEFFline one\n'.repeat(100), 20, true],
    ['empty text', 'o200k_base', '', 10, false],
    ['zero budget', 'cl100k_base', code, 0, true],
  ])('%s: bytes in give the same result as a string, as bytes', async (_name, encoding, text, maxTokens, truncated) => {
    const tokenizer = await loadTokenizer(encoding);
    const fromString = processTokenTask({ id: 7, encoding, maxTokens, text }, tokenizer);
    const fromBytes = processTokenTask({ id: 7, encoding, maxTokens, text: encodeUtf8(text) }, tokenizer);

    expect(fromString.truncated).toBe(truncated);
    expect(fromString.id).toBe(7);
    expect(typeof fromString.text).toBe('string');
    expect(fromBytes.text).toBeInstanceOf(Uint8Array);
    expect({ ...fromBytes, text: decodeUtf8(fromBytes.text as Uint8Array) }).toEqual(fromString);
  });

  it('keeps a whole line prefix of the text when it truncates', async () => {
    const result = processTokenTask(
      { id: 1, encoding: 'o200k_base', maxTokens: 100, text: code },
      await loadTokenizer('o200k_base'),
    );

    expect(result.truncated).toBe(true);
    expect(code.startsWith(result.text as string)).toBe(true);
    expect(result.text).toMatch(/\n$/);
    expect(result.tokens).toBeLessThanOrEqual(100);
    expect(result.omittedBytes).toBe(code.length - (result.text as string).length);
  });
});
