import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson } from '../../src/cache/key.js';

const analysisParts = {
  kind: 'analysis',
  provider: 'openai',
  model: 'gpt-4o-mini',
  promptVersion: 3,
  content: 'hello',
};

describe('canonicalJson', () => {
  it.each([
    ['flat object', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    ['nested objects', { z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null }, '{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}'],
    ['arrays keep order', [3, 1, 2], '[3,1,2]'],
    ['undefined members dropped', { a: undefined, b: 1 }, '{"b":1}'],
    ['__proto__ kept as data', JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown, '{"__proto__":{"x":1},"a":1}'],
    ['string', 'hi', '"hi"'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('rejects a value with no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('cacheKey', () => {
  it('is the sha256 of the canonical JSON, fixed across runs', () => {
    expect(cacheKey(analysisParts)).toBe('73f8f0f352392792449e5fc351aa5e16f076c8b13953b8f97b7db8de9571901c');
  });

  it('ignores key order at every depth', () => {
    const reordered = {
      content: 'hello',
      promptVersion: 3,
      model: 'gpt-4o-mini',
      provider: 'openai',
      kind: 'analysis',
    };
    expect(cacheKey(reordered)).toBe(cacheKey(analysisParts));
    expect(cacheKey({ a: { y: 1, x: 2 }, b: [1] })).toBe(cacheKey({ b: [1], a: { x: 2, y: 1 } }));
  });

  it.each([
    ['provider', { provider: 'anthropic' }],
    ['model', { model: 'gpt-4o' }],
    ['prompt version', { promptVersion: 4 }],
    ['content', { content: 'hello!' }],
    ['prompt version type', { promptVersion: '3' }],
  ])('changes when the %s changes', (_name, change) => {
    expect(cacheKey({ ...analysisParts, ...change })).not.toBe(cacheKey(analysisParts));
  });
});
