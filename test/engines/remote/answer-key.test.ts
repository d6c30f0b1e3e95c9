// Cache keys hash what the model receives, so a changed prompt or schema is a new key without any version to bump.
import { expect, it } from 'vitest';
import * as z from 'zod';
import { disabledCache } from '../../../src/cache/disk-cache.js';
import { createTrace } from '../../../src/debug/trace.js';
import { answerKey, type StageContext } from '../../../src/engines/remote/single-step.js';
import { createLanguageModel } from '../../../src/providers/provider.js';
import { analysisSchema } from '../../../src/providers/schemas.js';
import { makeConfig } from './fixtures.js';

async function context(model: string): Promise<StageContext> {
  const config = makeConfig({ provider: 'openai', model, apiKey: 'sk-test-0123456789' });
  return {
    prepared: {
      files: [],
      chunks: [],
      listing: '',
      listingTokens: 0,
      encoding: 'o200k_base',
      budget: { total: 0, listing: 0, content: 0, used: 0 },
    },
    config,
    history: [],
    model: await createLanguageModel({ provider: 'openai', model, apiKey: config.apiKey }),
    cache: disabledCache,
    deadline: Date.now() + 1000,
    now: Date.now,
    span: createTrace().span('stage'),
    countRequests: () => undefined,
  };
}

it('changes the key with every part the model receives, and only then', async () => {
  const ctx = await context('gpt-4o-mini');
  const call = { kind: 'analysis', system: 'Analyse.', prompt: 'diff', schema: analysisSchema };
  const key = answerKey(ctx, call);
  expect(answerKey(ctx, { ...call })).toBe(key);
  const changed = [
    answerKey(ctx, { ...call, system: 'Analyse!' }),
    answerKey(ctx, { ...call, prompt: 'diff ' }),
    answerKey(ctx, { ...call, schema: analysisSchema.describe('another description') }),
    answerKey(ctx, { ...call, schema: z.object({ files: z.array(z.string()) }) }),
    answerKey(ctx, { ...call, completions: 3 }),
    answerKey(ctx, { ...call, kind: 'candidates' }),
    answerKey(await context('gpt-4.1-mini'), call),
  ];
  expect(new Set([key, ...changed]).size).toBe(changed.length + 1);
});
