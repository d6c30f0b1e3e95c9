// The model createLanguageModel returns loads its SDK at the first request, and names itself as the SDK's model does.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { describe, expect, it } from 'vitest';
import { createLanguageModel } from '../../src/providers/provider.js';
import { askForAnalysis, useProviderServer } from '../support/provider-server.js';

const SDK_MODELS = {
  openai: () => createOpenAI({ apiKey: 'k' }).chat('m'),
  'openai-compatible': () =>
    createOpenAI({ name: 'openai-compatible', apiKey: 'k', baseURL: 'http://localhost:1/v1' }).chat('m'),
  anthropic: () => createAnthropic({ apiKey: 'k' })('m'),
  gemini: () => createGoogleGenerativeAI({ apiKey: 'k' })('m'),
} as const;

describe('the model before its first request', () => {
  it.each(Object.keys(SDK_MODELS) as (keyof typeof SDK_MODELS)[])(
    '%s: has the provider id and model id of the SDK model (the cache key reads them)',
    async (provider) => {
      const model = await createLanguageModel({ provider, model: 'm', apiKey: 'k', baseUrl: 'http://localhost:1/v1' });
      const sdk = SDK_MODELS[provider]();
      expect(typeof model === 'string' ? model : [model.provider, model.modelId]).toEqual([sdk.provider, sdk.modelId]);
    },
  );
});

describe('the first request', () => {
  const server = useProviderServer({ apiKey: 'k' });

  it.each(['openai', 'anthropic', 'gemini'] as const)('%s: loads the SDK once, then answers', async (provider) => {
    const loads: Promise<unknown>[] = [];
    const model = await createLanguageModel({
      provider,
      model: 'm',
      apiKey: 'k',
      baseUrl: server().baseUrls[provider],
      onLoad: (loading) => loads.push(loading),
    });
    expect(loads).toHaveLength(0);
    expect((await askForAnalysis(model)).value.files).toHaveLength(1);
    expect((await askForAnalysis(model)).value.files).toHaveLength(1);
    expect(loads).toHaveLength(1);
  });

  it('tells onSent once, after its first request has left, not when it is made', async () => {
    let sent = 0;
    const model = await createLanguageModel({
      provider: 'openai',
      model: 'm',
      apiKey: 'k',
      baseUrl: server().baseUrls.openai,
      onSent: () => (sent += 1),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(0);
    const answering = askForAnalysis(model);
    await askForAnalysis(model);
    await answering;
    expect(sent).toBe(1);
  });
});
