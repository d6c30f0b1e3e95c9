// Property-based (fast-check): the budgeter is never over budget and is deterministic, from the split itself to a whole prepared diff.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareDiff } from '../../src/prepare/prepare-diff.js';
import { allocateBudget, computeInputBudget } from '../../src/tokens/budget.js';
import { loadTokenizer } from '../../src/tokens/tokenizer.js';
import { linesOf, makeSyntheticDiff } from '../support/synthetic-diff.js';

describe('the budgeter (fast-check)', () => {
  it('allocateBudget: never more than the total nor than a need, all needs met when they fit, deterministic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 1_000_000 }),
        fc.array(fc.integer({ min: -5, max: 200_000 }), { maxLength: 40 }),
        (total, needs) => {
          const allocation = allocateBudget({ total, needs });
          expect(allocation).toHaveLength(needs.length);
          const sum = allocation.reduce((a, b) => a + b, 0);
          expect(sum).toBeLessThanOrEqual(Math.max(0, total));
          allocation.forEach((share, index) => {
            expect(Number.isInteger(share)).toBe(true);
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(Math.max(0, needs[index]!));
          });
          const wanted = needs.reduce((a, need) => a + Math.max(0, need), 0);
          if (wanted <= Math.max(0, total)) expect(allocation).toEqual(needs.map((need) => Math.max(0, need)));
          else expect(sum).toBe(Math.max(0, total)); // short of room, water-filling hands out every token
          expect(allocateBudget({ total, needs: [...needs] })).toEqual(allocation);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('computeInputBudget: within max-tokens and the window left by the prompt and the answer, never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.nat(500_000),
        fc.nat(100_000),
        (maxTokens, contextWindow, promptTokens, reservedOutput) => {
          const budget = computeInputBudget({ maxTokens, contextWindow, promptTokens, reservedOutput });
          expect(budget).toBeGreaterThanOrEqual(0);
          expect(budget).toBeLessThanOrEqual(maxTokens);
          expect(budget).toBeLessThanOrEqual(Math.max(0, contextWindow - promptTokens - reservedOutput));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('prepareDiff: a random diff under a random budget uses no more than the budget, counted exactly, and twice gives the same bytes', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          files: fc.integer({ min: 1, max: 40 }),
          seed: fc.nat(1_000_000),
          maxLines: fc.integer({ min: 1, max: 300 }),
          maxTokens: fc.integer({ min: 60, max: 20_000 }),
          maxChunks: fc.integer({ min: 1, max: 8 }),
        }),
        async ({ files, seed, maxLines, maxTokens, maxChunks }) => {
          const text = makeSyntheticDiff({ files, seed, minLines: 1, maxLines });
          const run = () =>
            prepareDiff({
              lines: linesOf(text),
              model: 'gpt-4o',
              maxTokens,
              promptTokens: 300,
              reservedOutput: 300,
              maxChunks,
              poolMode: 'main',
            });
          const { prepared } = await run();
          expect(prepared.budget.total).toBeLessThanOrEqual(maxTokens);
          let used = tokenizer.count(prepared.listing);
          for (const chunk of prepared.chunks) {
            expect(chunk.tokens).toBeLessThanOrEqual(chunk.allocation);
            used += tokenizer.count(chunk.text);
          }
          expect(used).toBeLessThanOrEqual(prepared.budget.total);
          expect(prepared.files).toHaveLength(files);
          expect(JSON.stringify((await run()).prepared)).toBe(JSON.stringify(prepared));
        },
      ),
      { numRuns: 60 },
    );
  });
});
