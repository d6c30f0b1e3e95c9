// Reasoning models: a bounded output with room to think, and an answer cut off while thinking asked again with the least reasoning.
import { afterEach, describe, expect, it } from 'vitest';
import { callText } from '../../src/providers/call.js';
import { parsePlainCandidate } from '../../src/engines/remote/plain-message.js';
import { createLanguageModel } from '../../src/providers/provider.js';
import {
  ANSWER_TOKENS,
  REASONING_TOKENS,
  REQUEST_FRAMING_TOKENS,
  isReasoningModel,
  outputTokensFor,
  outputTokensWithin,
} from '../../src/providers/reasoning.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';

describe('isReasoningModel', () => {
  it.each([
    ['o4-mini', true],
    ['o3', true],
    ['gpt-5-mini', true],
    ['gemini-2.5-flash', true],
    ['openrouter/deepseek-r1', true],
    // Ollama's and OpenRouter's names of open reasoning models: at 1,024 output tokens they end mid-thought.
    ['gpt-oss:20b', true],
    ['openai/gpt-oss-120b', true],
    ['qwen3:8b', true],
    ['qwen/qwen3-235b-a22b-thinking-2507', true],
    ['qwen3-coder:30b', false],
    ['qwen3-30b-a3b-instruct-2507', false],
    ['deepseek-reasoner', true],
    ['phi4-reasoning:14b', true],
    ['x-ai/grok-3-mini', true],
    ['kimi-k2-thinking', true],
    ['gpt-4o-mini', false],
    ['claude-haiku-4-5', false],
    ['llama3.2', false],
  ])('%s -> %s', (model, expected) => {
    expect(isReasoningModel(model)).toBe(expected);
    expect(outputTokensFor(model)).toBe(expected ? ANSWER_TOKENS + REASONING_TOKENS : ANSWER_TOKENS);
  });
});

let server: ProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const cutOff = JSON.stringify({
  id: 'chatcmpl-cut',
  object: 'chat.completion',
  created: 0,
  model: 'o4-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'feat: add the' }, finish_reason: 'length' }],
  usage: { prompt_tokens: 10, completion_tokens: 9216, total_tokens: 9226 },
});

describe('a call to a reasoning model', () => {
  it('bounds the output with room to think, and asks again with minimal reasoning after a cut-off answer', async () => {
    let answered = 0;
    server = await startProviderServer({
      apiKey: 'k',
      respond: () => (answered++ === 0 ? { raw: cutOff } : { text: 'feat: add the parser' }),
    });
    const model = await createLanguageModel({
      provider: 'openai',
      model: 'o4-mini',
      apiKey: 'k',
      baseUrl: server.baseUrls.openai,
    });
    // The answer cut off reads as a header ("feat: add the"), but a cut-off message is no message: asked again.
    const result = await callText({
      model,
      system: 's',
      prompt: 'p',
      answerName: 'commit message',
      read: parsePlainCandidate,
      deadline: Date.now() + 10_000,
    });
    expect(result.value.subject).toBe('add the parser');
    const [first, second] = server.requests.map((request) => request.body as Record<string, unknown>);
    expect(first).toMatchObject({ max_completion_tokens: ANSWER_TOKENS + REASONING_TOKENS });
    expect(first).not.toHaveProperty('reasoning_effort');
    expect(second).toMatchObject({
      max_completion_tokens: ANSWER_TOKENS + REASONING_TOKENS,
      reasoning_effort: 'minimal',
    });
  });

  it('bounds a model that does not reason to the answer alone', async () => {
    server = await startProviderServer({
      apiKey: 'k',
      respond: () => ({ text: 'feat: add the parser' }),
    });
    const model = await createLanguageModel({
      provider: 'openai',
      model: 'gpt-4o-mini',
      apiKey: 'k',
      baseUrl: server.baseUrls.openai,
    });
    await callText({
      model,
      system: 's',
      prompt: 'p',
      answerName: 'commit message',
      read: parsePlainCandidate,
      deadline: Date.now() + 10_000,
    });
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: ANSWER_TOKENS });
  });
});

describe('a reasoning model in a small window', () => {
  it.each([
    // [window, prompt bytes, expected bound]: the thinking room is what the window leaves, never under the answer's.
    [400_000, 6_000, ANSWER_TOKENS + REASONING_TOKENS],
    [8_192, 4_000, 8_192 - 4_000 - REQUEST_FRAMING_TOKENS - 1],
    [8_192, 7_500, ANSWER_TOKENS],
  ])('window %d, a %d-byte prompt: output bound %d', async (contextWindow, promptBytes, expected) => {
    server = await startProviderServer({ apiKey: 'k', respond: () => ({ text: 'feat: add the parser' }) });
    const model = await createLanguageModel({
      provider: 'openai-compatible',
      model: 'qwen3:8b',
      apiKey: 'k',
      baseUrl: server.baseUrls.openai,
    });
    await callText({
      model,
      system: 's',
      prompt: 'p'.repeat(promptBytes),
      answerName: 'commit message',
      read: parsePlainCandidate,
      deadline: Date.now() + 10_000,
      contextWindow,
    });
    const body = server.requests[0]?.body as Record<string, unknown>;
    const bound = (body.max_completion_tokens ?? body.max_tokens) as number;
    expect(bound).toBe(expected);
    // What a strict server (vLLM) checks: the input's tokens (at most its bytes) and the bound inside the window,
    // wherever the input leaves the answer's reserve.
    if (promptBytes + 1 + REQUEST_FRAMING_TOKENS + ANSWER_TOKENS <= contextWindow)
      expect(promptBytes + 1 + REQUEST_FRAMING_TOKENS + bound).toBeLessThanOrEqual(contextWindow);
  });

  it('bounds a model that does not reason to the answer alone, whatever the window', () => {
    expect(outputTokensWithin({ modelId: 'gpt-4o-mini', contextWindow: 4_096, inputBound: 3_900 })).toBe(ANSWER_TOKENS);
    expect(outputTokensWithin({ modelId: 'o4-mini', contextWindow: 4_096, inputBound: 100 })).toBe(3_996);
  });
});
