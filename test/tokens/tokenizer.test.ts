import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ESTIMATE_BYTES_PER_TOKEN, fitsByBytes, loadTokenizer } from '../../src/tokens/tokenizer.js';
import type { TokenEncoding } from '../../src/tokens/tokenizer.js';

const ENCODINGS: TokenEncoding[] = ['o200k_base', 'cl100k_base', 'estimate'];

const SAMPLES = [
  '',
  'a',
  'hello world\n',
  'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  '+\tconst naïve = "façade";\n-\t// 日本語のコメント\n',
  'emoji 🦜🧪 and 𝔘𝔫𝔦 outside the BMP\n',
  'a literal <|endoftext|> and <|im_start|> in a diff\n',
];

describe('exact encodings match the token ids published in the OpenAI cookbook (tiktoken)', () => {
  it.each([
    ['cl100k_base', 'tiktoken is great!', [83, 1609, 5963, 374, 2294, 0]],
    ['o200k_base', 'tiktoken is great!', [83, 8251, 2488, 382, 2212, 0]],
    ['cl100k_base', 'hello world', [15339, 1917]],
    ['o200k_base', 'hello world', [24912, 2375]],
  ] as const)('%s encodes %j', async (encoding, text, ids) => {
    const tokenizer = await loadTokenizer(encoding);
    expect(tokenizer.encode(text)).toEqual(ids);
    expect(tokenizer.count(text)).toBe(ids.length);
    expect(tokenizer.exact).toBe(true);
  });

  it.each([
    ['cl100k_base', '2 + 2 = 4', 7],
    ['o200k_base', '2 + 2 = 4', 7],
    ['cl100k_base', 'お誕生日おめでとう', 9],
    ['o200k_base', 'お誕生日おめでとう', 8],
  ] as const)('%s counts %j as %i tokens', async (encoding, text, count) => {
    expect((await loadTokenizer(encoding)).count(text)).toBe(count);
  });
});

describe.each(ENCODINGS)('%s tokenizer', (encoding) => {
  it.each(SAMPLES)('round-trips and counts consistently: %j', async (text) => {
    const tokenizer = await loadTokenizer(encoding);
    const tokens = tokenizer.encode(text);
    expect(tokenizer.count(text)).toBe(tokens.length);
    expect(tokenizer.decode(tokens)).toBe(text);
    expect(tokenizer.countWithin(text, tokens.length)).toBe(tokens.length);
    if (tokens.length > 0) expect(tokenizer.countWithin(text, tokens.length - 1)).toBeUndefined();
    expect(tokenizer.countWithin(text, -1)).toBeUndefined();
  });

  it('counts at most one token per UTF-8 byte, the premise of the byte fast path', async () => {
    const tokenizer = await loadTokenizer(encoding);
    for (const text of SAMPLES) expect(tokenizer.count(text)).toBeLessThanOrEqual(Buffer.byteLength(text));
  });

  it('decodes a slice that ends inside a character without corrupting the next decode', async () => {
    const tokenizer = await loadTokenizer(encoding);
    const tokens = tokenizer.encode('🦜𝔘');
    for (let end = 1; end < tokens.length; end += 1) {
      const partial = tokenizer.decode(tokens.slice(0, end));
      expect('🦜𝔘'.startsWith(partial.replace(/\uFFFD+$/, ''))).toBe(true);
      expect(tokenizer.decode(tokenizer.encode('é and 🦜'))).toBe('é and 🦜');
    }
  });

  it('is cached per encoding', async () => {
    expect(await loadTokenizer(encoding)).toBe(await loadTokenizer(encoding));
  });
});

describe('estimate tokenizer', () => {
  it.each([
    ['', 0],
    ['abc', 2],
    ['abcd', 2],
    ['日本', 3],
    ['🦜', 2],
  ])('counts %j as ceil(UTF-8 bytes / 2) = %i', async (text, expected) => {
    expect(ESTIMATE_BYTES_PER_TOKEN).toBe(2);
    expect((await loadTokenizer('estimate')).count(text)).toBe(expected);
  });

  it('over-counts both OpenAI encodings on source code, diff text and English prose', async () => {
    const estimate = await loadTokenizer('estimate');
    const dir = fileURLToPath(new URL('../../src/tokens/', import.meta.url));
    const code = readdirSync(dir).map((name) => readFileSync(dir + name, 'utf8'));
    const diff = code.map((text) =>
      text
        .split('\n')
        .map((line) => `+${line}`)
        .join('\n'),
    );
    const prose =
      'The diff input budget is the smaller of the configured maximum and what the context window leaves ' +
      'after the prompt and the reserved output. Chunks that need less than their share give the rest away.\n';
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      const exact = await loadTokenizer(encoding);
      for (const text of [...code, ...diff, prose]) expect(estimate.count(text)).toBeGreaterThan(exact.count(text));
    }
  });
});

describe('fitsByBytes', () => {
  it.each([
    ['', 0, true],
    ['abc', 3, true],
    ['abc', 2, false],
    ['é', 1, false],
    ['é', 2, true],
    ['日本', 5, false],
    ['日本', 6, true],
    ['🦜', 3, false],
    ['🦜', 4, true],
    ['x'.repeat(1000), 1000, true],
    ['x'.repeat(1001), 1000, false],
  ])('%j within %i tokens: %s', (text, tokens, expected) => {
    expect(fitsByBytes(text, tokens)).toBe(expected);
  });
});

describe('lazy loading', () => {
  afterEach(() => {
    vi.doUnmock('../../src/tokens/o200k-vocabulary.js');
    vi.doUnmock('../../src/tokens/cl100k-vocabulary.js');
    vi.resetModules();
  });

  it('imports an encoding only when a tokenizer for it is loaded', async () => {
    vi.resetModules();
    const imported: string[] = [];
    for (const name of ['o200k', 'cl100k']) {
      vi.doMock(`../../src/tokens/${name}-vocabulary.js`, async (importOriginal) => {
        const { default: load } = await importOriginal<{ default: () => Promise<unknown> }>();
        return {
          default: () => {
            imported.push(`${name}_base`);
            return load();
          },
        };
      });
    }
    const fresh = await import('../../src/tokens/tokenizer.js');
    await import('../../src/tokens/truncate.js');
    await fresh.loadTokenizer('estimate');
    expect(imported).toEqual([]);
    await fresh.loadTokenizer('cl100k_base');
    expect(imported).toEqual(['cl100k_base']);
  });
});
