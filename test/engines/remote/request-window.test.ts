// Every request the remote engine sends fits the model's window less the reserved answer, for any number of files
// and any window: counted in the model's own encoding, system and prompt together (no request carries a schema).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/schema.js';
import { fitAnalyses } from '../../../src/engines/remote/multi-step.js';
import { buildGeneratePrompt } from '../../../src/engines/remote/prompts.js';
import { measurePromptOverhead } from '../../../src/engines/remote/request-budget.js';
import { RESERVED_OUTPUT_TOKENS, REQUEST_FRAMING_TOKENS } from '../../../src/engines/remote/request-fit.js';
import { rankAnalyses } from '../../../src/engines/remote/score.js';
import { fitAnalysisPrompt, fitDirectPrompt } from '../../../src/engines/remote/stage-prompts.js';
import { prepareDiff } from '../../../src/prepare/prepare-diff.js';
import { loadTokenizer } from '../../../src/tokens/tokenizer.js';

import { linesOf, makeSyntheticDiff } from '../../support/synthetic-diff.js';

const HISTORY = ['feat(cli): add the prompt command', 'fix(diff): keep renames apart', 'docs: explain the budget'];
const LOCKFILE = {
  path: 'package-lock.json',
  lines: Array.from({ length: 4000 }, (_, index) => `    "node_modules/p${index}": { "version": "1.0.${index}" },`),
};

/** Each request's input tokens, as the provider counts them (o200k_base for gpt-4o-mini). */
async function requestTokens(
  files: number,
  window: number,
  lines: [number, number],
): Promise<{ name: string; tokens: number }[]> {
  const config = parseConfig({ provider: 'openai', contextWindow: window, multiStepMinFiles: 0, body: true });
  const promptTokens = await measurePromptOverhead({ config, history: HISTORY });
  const text = makeSyntheticDiff({
    files,
    minLines: lines[0],
    maxLines: lines[1],
    seed: files + window,
    extra: [LOCKFILE],
  });
  const { prepared } = await prepareDiff({
    lines: linesOf(text),
    model: 'gpt-4o-mini',
    maxTokens: config.maxTokens,
    contextWindow: window,
    promptTokens,
    reservedOutput: RESERVED_OUTPUT_TOKENS,
    maxChunks: config.concurrency,
    poolMode: 'main',
  });
  const tokenizer = await loadTokenizer('o200k_base');
  // Every request asks for plain text (the message, a part's analysis lines): none carries a schema.
  const count = (prompt: { system: string; prompt: string }) =>
    tokenizer.count(prompt.system) + tokenizer.count(prompt.prompt) + REQUEST_FRAMING_TOKENS;
  const options = {
    prepared,
    style: 'conventional' as const,
    maxLength: config.maxCommitLength,
    body: true,
    history: HISTORY,
  };
  const requests = [{ name: 'single-step', tokens: count(await fitDirectPrompt(options, config)) }];
  for (const chunk of prepared.chunks)
    requests.push({
      name: `analysis ${chunk.id}`,
      tokens: count(await fitAnalysisPrompt({ chunk, prepared, config })),
    });
  // The generate request over every file analysed, with summaries as long as a model writes them.
  const analyses = prepared.files.map((file, index) => ({
    path: file.path,
    summary: 'adds the budget check that keeps every request inside its window',
    kind: 'feat' as const,
    significance: 1 / (index + 1),
    symbols: ['fitPrompt', 'countRequest'],
  }));
  const ranked = rankAnalyses({ files: prepared.files, analyses });
  const generate = buildGeneratePrompt({
    ...options,
    analyses: fitAnalyses(ranked, prepared.budget.content),
    listing: prepared.listing,
  });
  requests.push({ name: 'generate', tokens: count(generate) });
  return requests;
}

describe('every request inside its window', () => {
  it('holds for 4,000 files plus a lockfile in an 8,192-token window', async () => {
    const limit = 8192 - RESERVED_OUTPUT_TOKENS;
    const requests = await requestTokens(4000, 8192, [2, 12]);
    expect(requests.filter((request) => request.tokens > limit)).toEqual([]);
  }, 60_000);

  it('holds for 1 to 20,000 files and windows of 4k to 1M tokens', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 430 }).map((step) => Math.max(1, Math.round(10 ** (step / 100)))),
        fc.integer({ min: 4096, max: 1_000_000 }),
        fc.constantFrom<[number, number]>([1, 3], [5, 60], [40, 200]),
        async (files, window, lines) => {
          const scaled: [number, number] = files > 2000 ? [1, 3] : lines; // 20,000 files of 200 lines is a 400 MB diff
          const limit = window - RESERVED_OUTPUT_TOKENS;
          const over = (await requestTokens(files, window, scaled)).filter((request) => request.tokens > limit);
          expect(over).toEqual([]);
        },
      ),
      { numRuns: 12, seed: 10 },
    );
  }, 600_000);
});
