// Building the SDK model: default models, what is required of each provider, and the errors that say how to fix it.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { LanguageModelOptions } from '../../src/providers/provider.js';
import { DEFAULT_MODELS, apiKeyVariables, createLanguageModel, providerOfModel } from '../../src/providers/provider.js';
import { askForAnalysis, useProviderServer } from '../support/provider-server.js';

async function failure(options: LanguageModelOptions): Promise<UserError> {
  const error = await createLanguageModel(options).catch((caught: unknown) => caught);
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

describe('createLanguageModel', () => {
  it.each([
    ['openai', 'gpt-4o-mini', 'openai'],
    ['anthropic', 'claude-haiku-4-5', 'anthropic'],
    ['gemini', 'gemini-2.5-flash', 'gemini'],
  ] as const)('uses %s’s default model %s when none is set', async (provider, modelId, back) => {
    const model = await createLanguageModel({ provider, model: '  ', apiKey: 'k' });
    expect(providerOfModel(model)).toEqual({ provider: back, modelId });
    expect(DEFAULT_MODELS[provider]).toBe(modelId);
  });

  it('keeps a configured model and names an openai-compatible model as such', async () => {
    const model = await createLanguageModel({
      provider: 'openai-compatible',
      model: 'qwen2.5-coder',
      baseUrl: 'http://localhost:11434/v1',
    });
    expect(providerOfModel(model)).toEqual({ provider: 'openai-compatible', modelId: 'qwen2.5-coder' });
  });

  it.each([
    ['openai', ['GIT_AI_API_KEY', 'OPENAI_API_KEY']],
    ['anthropic', ['GIT_AI_API_KEY', 'ANTHROPIC_API_KEY']],
    ['gemini', ['GIT_AI_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY']],
  ] as const)('refuses %s without an API key, naming the setting and the variables', async (provider, variables) => {
    const error = await failure({ provider, apiKey: ' ' });
    expect(error.code).toBe('PROVIDER_AUTH');
    expect(error.message).toContain(provider);
    expect(error.hint).toContain('git-ai config set api-key');
    for (const variable of variables) expect(error.hint).toContain(variable);
    expect(apiKeyVariables(provider)).toEqual(variables);
  });

  it('refuses openai-compatible without a base URL, naming the command', async () => {
    const error = await failure({ provider: 'openai-compatible', model: 'llama3.2' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.hint).toContain('git-ai config set base-url http://localhost:11434/v1');
  });

  it('refuses openai-compatible without a model, naming the command', async () => {
    const error = await failure({ provider: 'openai-compatible', baseUrl: 'http://localhost:11434/v1' });
    expect(error.code).toBe('PROVIDER_MODEL');
    expect(error.hint).toContain('git-ai config set model');
  });
});

describe('an openai-compatible server that wants no key', () => {
  const server = useProviderServer({ models: ['llama3.2'] });

  it('is called at base-url with a placeholder key', async () => {
    const model = await createLanguageModel({
      provider: 'openai-compatible',
      model: 'llama3.2',
      baseUrl: server().baseUrls.openai,
    });
    const result = await askForAnalysis(model);
    expect(result.value.files).toHaveLength(1);
    expect(server().requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      model: 'llama3.2',
      headers: { authorization: '[redacted]' },
    });
  });
});
