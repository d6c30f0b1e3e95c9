import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTEXT_WINDOW, normaliseModelName, resolveModelInfo } from '../../src/tokens/models.js';

describe('resolveModelInfo', () => {
  it.each([
    // OpenAI
    ['gpt-4o', 128_000, 'o200k_base'],
    ['gpt-4o-mini', 128_000, 'o200k_base'],
    ['gpt-4o-2024-08-06', 128_000, 'o200k_base'],
    ['chatgpt-4o-latest', 128_000, 'o200k_base'],
    ['gpt-4.1', 1_047_576, 'o200k_base'],
    ['gpt-4.1-mini-2025-04-14', 1_047_576, 'o200k_base'],
    ['gpt-4.1-nano', 1_047_576, 'o200k_base'],
    ['o1', 200_000, 'o200k_base'],
    ['o1-mini', 128_000, 'o200k_base'],
    ['o3-mini', 200_000, 'o200k_base'],
    ['o4-mini-2025-04-16', 200_000, 'o200k_base'],
    ['gpt-5', 272_000, 'o200k_base'],
    ['gpt-5-mini', 272_000, 'o200k_base'],
    ['gpt-5.1-codex', 272_000, 'o200k_base'],
    ['gpt-5-chat-latest', 128_000, 'o200k_base'],
    ['gpt-5.2-chat-latest', 128_000, 'o200k_base'],
    ['gpt-4-turbo', 128_000, 'cl100k_base'],
    ['gpt-4-1106-preview', 128_000, 'cl100k_base'],
    ['gpt-4', 8192, 'cl100k_base'],
    ['gpt-4-0613', 8192, 'cl100k_base'],
    ['gpt-4-32k', 32_768, 'cl100k_base'],
    ['gpt-3.5-turbo', 16_385, 'cl100k_base'],
    ['gpt-3.5-turbo-instruct', 4096, 'cl100k_base'],
    // Anthropic
    ['claude-3-haiku-20240307', 200_000, 'estimate'],
    ['claude-3-5-sonnet-20241022', 200_000, 'estimate'],
    ['claude-3-7-sonnet-latest', 200_000, 'estimate'],
    ['claude-sonnet-4-20250514', 200_000, 'estimate'],
    ['claude-opus-4-1', 200_000, 'estimate'],
    ['claude-haiku-4-5', 200_000, 'estimate'],
    ['claude-2.0', 100_000, 'estimate'],
    ['claude-instant-1.2', 100_000, 'estimate'],
    // Gemini
    ['gemini-1.5-pro', 2_097_152, 'estimate'],
    ['gemini-1.5-flash', 1_048_576, 'estimate'],
    ['gemini-2.0-flash', 1_048_576, 'estimate'],
    ['gemini-2.5-pro', 1_048_576, 'estimate'],
    ['gemini-2.5-flash-lite', 1_048_576, 'estimate'],
    ['gemini-3-pro-preview', 1_048_576, 'estimate'],
    ['gemini-pro', 32_760, 'estimate'],
    // Ollama, with tags
    ['llama3', 8192, 'estimate'],
    ['llama3:70b', 8192, 'estimate'],
    ['llama3.1:8b', 131_072, 'estimate'],
    ['llama3.2', 131_072, 'estimate'],
    ['llama3.3:70b-instruct-q4_K_M', 131_072, 'estimate'],
    ['qwen2.5:14b', 32_768, 'estimate'],
    ['qwen2.5-coder:7b', 32_768, 'estimate'],
    ['qwen3:8b', 40_960, 'estimate'],
    ['mistral:7b', 32_768, 'estimate'],
    ['mixtral:8x7b', 32_768, 'estimate'],
    ['gemma2:9b', 8192, 'estimate'],
    ['gemma3:12b', 131_072, 'estimate'],
    ['phi3:mini', 4096, 'estimate'],
    ['phi4', 16_384, 'estimate'],
    ['deepseek-r1:7b', 131_072, 'estimate'],
    ['deepseek-coder-v2:16b', 163_840, 'estimate'],
    ['codellama:13b', 16_384, 'estimate'],
    ['gpt-oss:20b', 131_072, 'o200k_base'],
    // Provider prefixes (OpenRouter, Bedrock, Vertex, Hugging Face via Ollama)
    ['openai/gpt-4o', 128_000, 'o200k_base'],
    ['openai/gpt-4.1-mini', 1_047_576, 'o200k_base'],
    ['anthropic/claude-3.5-sonnet', 200_000, 'estimate'],
    ['anthropic/claude-sonnet-4', 200_000, 'estimate'],
    ['google/gemini-2.5-pro', 1_048_576, 'estimate'],
    ['meta-llama/llama-3.1-70b-instruct', 131_072, 'estimate'],
    ['meta-llama/llama-3.3-70b-instruct:free', 131_072, 'estimate'],
    ['qwen/qwen-2.5-coder-32b-instruct', 32_768, 'estimate'],
    ['mistralai/mixtral-8x7b-instruct', 32_768, 'estimate'],
    ['us.anthropic.claude-3-5-sonnet-20240620-v1:0', 200_000, 'estimate'],
    ['claude-3-5-sonnet-v2@20241022', 200_000, 'estimate'],
    ['hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M', 131_072, 'estimate'],
    ['  GPT-4o  ', 128_000, 'o200k_base'],
  ] as const)('%s -> %i tokens, %s', (model, contextWindow, encoding) => {
    expect(resolveModelInfo(model)).toEqual({ contextWindow, encoding, known: true });
  });

  it.each(['my-finetune', 'acme-llm-7b', '', 'qwen:7b', 'olmo2'])('unknown %j -> conservative default', (model) => {
    expect(resolveModelInfo(model)).toEqual({
      contextWindow: DEFAULT_CONTEXT_WINDOW,
      encoding: 'estimate',
      known: false,
    });
    expect(DEFAULT_CONTEXT_WINDOW).toBe(8192);
  });

  it.each([
    ['gpt-4o', 64_000, 64_000, true],
    ['llama3', 32_768, 32_768, true],
    ['my-finetune', 100_000, 100_000, false],
    ['gpt-4o', 1234.9, 1234, true],
    ['gpt-4o', 0, 128_000, true],
    ['gpt-4o', Number.NaN, 128_000, true],
  ])('override of %s to %d gives %i', (model, override, expected, known) => {
    const info = resolveModelInfo(model, { contextWindow: override });
    expect(info.contextWindow).toBe(expected);
    expect(info.known).toBe(known);
  });

  it('keeps the encoding of the model when the window is overridden', () => {
    expect(resolveModelInfo('gpt-4', { contextWindow: 4000 }).encoding).toBe('cl100k_base');
  });
});

describe('normaliseModelName', () => {
  it.each([
    ['openai/gpt-4o', 'gpt4o'],
    ['meta-llama/Llama-3.1-8B-Instruct', 'llama3.1-8b-instruct'],
    ['llama3.1:8b', 'llama3.1'],
    ['us.anthropic.claude-3-haiku-20240307-v1:0', 'claude3-haiku20240307-v1'],
    ['gpt-4-1106-preview', 'gpt4-1106-preview'],
    ['gpt-4.1', 'gpt4.1'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseModelName(input)).toBe(expected);
  });
});
