import { describe, expect, it } from 'vitest';
import { groupIntoChunks } from '../../src/prepare/chunks.js';
import { seededRandom } from '../support/synthetic-diff.js';

describe('groupIntoChunks', () => {
  it.each([
    { sizes: [], max: 8, expected: [] },
    { sizes: [10], max: 8, expected: [[0]] },
    { sizes: [5, 5, 5], max: 8, expected: [[0], [1], [2]] },
    {
      sizes: [1, 1, 1, 1],
      max: 2,
      expected: [
        [0, 1],
        [2, 3],
      ],
    },
    { sizes: [100, 1, 1, 1], max: 2, expected: [[0], [1, 2, 3]] },
    { sizes: [1, 1, 1, 100], max: 2, expected: [[0, 1, 2], [3]] },
    { sizes: [1, 1, 1, 1, 1], max: 1, expected: [[0, 1, 2, 3, 4]] },
  ])('$sizes into at most $max', ({ sizes, max, expected }) => {
    expect(groupIntoChunks(sizes, max)).toEqual(expected);
  });

  it('keeps every file once, in order, in at most maxChunks non-empty chunks', () => {
    const random = seededRandom(11);
    for (let round = 0; round < 300; round++) {
      const sizes = Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() ** 3 * 50_000));
      const max = 1 + Math.floor(random() * 12);
      const chunks = groupIntoChunks(sizes, max);
      expect(chunks.length).toBeLessThanOrEqual(Math.max(max, 0));
      expect(chunks.every((chunk) => chunk.length > 0)).toBe(true);
      expect(chunks.flat()).toEqual(sizes.map((_, index) => index));
      if (sizes.length >= max) expect(chunks.length).toBe(Math.min(max, sizes.length));
    }
  });
});
