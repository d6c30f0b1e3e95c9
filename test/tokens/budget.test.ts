import { describe, expect, it } from 'vitest';
import { allocateBudget, computeInputBudget } from '../../src/tokens/budget.js';
import { seededRandom } from '../support/synthetic-diff.js';

describe('computeInputBudget', () => {
  it.each([
    // maxTokens, contextWindow, promptTokens, reservedOutput, expected
    [2000, 8192, 300, 500, 2000],
    [8000, 8192, 300, 500, 7392],
    [Infinity, 8192, 300, 500, 7392],
    [500, 800, 200, 100, 500],
    [500, 800, 250, 100, 450],
    [100_000, 1_047_576, 1200, 4096, 100_000],
    [Infinity, 1_047_576, 1200, 4096, 1_042_280],
    [2_000_000, 1_047_576, 0, 0, 1_047_576],
    [1000, 8192, 8192, 0, 0],
    [1000, 8192, 7000, 2000, 0],
    [1000, 8192, 9000, 0, 0],
    [0, 8192, 100, 100, 0],
    [-5, 8192, 100, 100, 0],
    [1000.7, 8192, 0, 0, 1000],
  ])(
    'max %d, window %d, prompt %d, reserved %d -> %d',
    (maxTokens, contextWindow, promptTokens, reservedOutput, expected) => {
      expect(computeInputBudget({ maxTokens, contextWindow, promptTokens, reservedOutput })).toBe(expected);
    },
  );

  it('is 0, not a small positive number, when the prompt alone exceeds the window', () => {
    expect(computeInputBudget({ maxTokens: 4096, contextWindow: 4096, promptTokens: 4608, reservedOutput: 0 })).toBe(0);
  });
});

describe('allocateBudget', () => {
  it.each([
    // total, needs, expected
    [0, [], []],
    [100, [], []],
    [10, [100, 100, 100], [3, 3, 4]],
    [9, [100, 100, 100], [3, 3, 3]],
    [11, [100, 100, 100], [3, 4, 4]],
    [300, [50, 400, 100], [50, 150, 100]],
    [300, [10, 20, 30], [10, 20, 30]],
    [60, [10, 20, 30], [10, 20, 30]],
    [59, [10, 20, 30], [10, 20, 29]],
    [300, [400, 50, 400, 50], [100, 50, 100, 50]],
    [301, [400, 50, 400, 50], [100, 50, 101, 50]],
    [2, [5, 5, 5], [0, 1, 1]],
    [0, [5, 5, 5], [0, 0, 0]],
    [1, [0, 7, 0, 7], [0, 0, 0, 1]],
    [5, [0, 0, 0], [0, 0, 0]],
    [-10, [5, 5], [0, 0]],
    [700, [120, 40, 900, 260, 15, 500], [120, 40, 175, 175, 15, 175]],
  ])('total %d over needs %j -> %j', (total, needs, expected) => {
    expect(allocateBudget({ total, needs })).toEqual(expected);
  });

  it('spreads a 1M-token window over large chunks and satisfies small ones exactly', () => {
    const needs = [2_500_000, 3000, 700_000, 12, 450_000];
    const allocation = allocateBudget({ total: 1_000_000, needs });
    expect(allocation).toEqual([332_329, 3000, 332_329, 12, 332_330]);
    expect(allocation.reduce((sum, value) => sum + value, 0)).toBe(1_000_000);
  });

  it('does not mutate its input', () => {
    const needs = [30, 10, 20];
    allocateBudget({ total: 15, needs });
    expect(needs).toEqual([30, 10, 20]);
  });
});

describe('allocateBudget invariants over random inputs', () => {
  const random = seededRandom(20_240_601);
  const integer = (max: number): number => Math.floor(random() * (max + 1));
  const cases = Array.from({ length: 2000 }, () => {
    const scale = [10, 1000, 200_000][integer(2)]!;
    const needs = Array.from({ length: integer(12) }, () => (random() < 0.1 ? 0 : integer(scale)));
    return { total: integer(scale * 6), needs };
  });

  it('holds for every case', () => {
    for (const { total, needs } of cases) {
      const allocation = allocateBudget({ total, needs });
      const sum = allocation.reduce((a, b) => a + b, 0);
      const demand = needs.reduce((a, b) => a + b, 0);
      expect(allocation).toHaveLength(needs.length);
      expect(sum).toBeLessThanOrEqual(total);
      expect(sum).toBe(Math.min(total, demand));
      allocation.forEach((value, index) => {
        expect(Number.isInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(needs[index]!);
        if (demand <= total) expect(value).toBe(needs[index]);
        // Max-min fairness: a chunk ends up below another only if its need is met, or by the one token of rounding.
        for (const other of allocation) {
          if (value < other) expect(value === needs[index] || other - value === 1).toBe(true);
        }
      });
      expect(allocateBudget({ total, needs })).toEqual(allocation);
    }
  });
});
