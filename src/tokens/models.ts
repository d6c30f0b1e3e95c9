// Context windows and token encodings of common models, matched by normalised name prefix.

import type { TokenEncoding } from './tokenizer.js';

export interface ModelInfo {
  contextWindow: number;
  encoding: TokenEncoding;
  /** False when the name matched no entry and the conservative default applies. */
  known: boolean;
}

/** Window assumed for a model we do not know: small enough for any chat model still in use. */
export const DEFAULT_CONTEXT_WINDOW = 8192;

type Entry = readonly [prefix: string, contextWindow: number, encoding: TokenEncoding];

const O200K = 'o200k_base';
const CL100K = 'cl100k_base';
const EST = 'estimate';

// The longest matching prefix wins. Windows are the input a request may hold; where a provider caps input
// below the advertised total (gpt-5: 400k total, 272k input) the cap is listed. Where variants differ the
// smaller published figure is used (claude-sonnet-4's 1M is a beta, phi3 is 4k unless -128k), except that
// Ollama size tags are dropped, so gemma3:1b (32k) gets the 128k of the larger sizes. Running Ollama with a
// smaller num_ctx, or any other mismatch, is settled by the `contextWindow` override.
const TABLE: readonly Entry[] = [
  ['gpt-3.5-turbo', 16_385, CL100K],
  ['gpt-3.5-turbo-0301', 4096, CL100K],
  ['gpt-3.5-turbo-0613', 4096, CL100K],
  ['gpt-3.5-turbo-instruct', 4096, CL100K],
  ['gpt-4', 8192, CL100K],
  ['gpt-4-32k', 32_768, CL100K],
  ['gpt-4-turbo', 128_000, CL100K],
  ['gpt-4-1106', 128_000, CL100K],
  ['gpt-4-0125', 128_000, CL100K],
  ['gpt-4-vision', 128_000, CL100K],
  ['gpt-4o', 128_000, O200K],
  ['chatgpt-4o', 128_000, O200K],
  ['gpt-4.1', 1_047_576, O200K],
  ['gpt-4.5', 128_000, O200K],
  ['gpt-5', 272_000, O200K],
  ['gpt-5-chat', 128_000, O200K],
  ['gpt-5.1-chat', 128_000, O200K],
  ['gpt-5.2-chat', 128_000, O200K],
  ['gpt-5.3-chat', 128_000, O200K],
  ['gpt-oss', 131_072, O200K],
  ['codex-mini', 200_000, O200K],
  ['o1', 200_000, O200K],
  ['o1-mini', 128_000, O200K],
  ['o1-preview', 128_000, O200K],
  ['o3', 200_000, O200K],
  ['o4-mini', 200_000, O200K],
  ['claude', 200_000, EST],
  ['claude-2', 100_000, EST],
  ['claude-2.1', 200_000, EST],
  ['claude-instant', 100_000, EST],
  ['gemini', 1_048_576, EST],
  ['gemini-pro', 32_760, EST],
  ['gemini-1.0', 32_760, EST],
  ['gemini-1.5-pro', 2_097_152, EST],
  ['gemma', 8192, EST],
  ['gemma3', 131_072, EST],
  ['gemma3n', 32_768, EST],
  ['llama2', 4096, EST],
  ['llama3', 8192, EST],
  ['llama3.1', 131_072, EST],
  ['llama3.2', 131_072, EST],
  ['llama3.3', 131_072, EST],
  ['codellama', 16_384, EST],
  ['qwen2', 32_768, EST],
  ['qwen3', 40_960, EST],
  ['qwen3-coder', 262_144, EST],
  ['mistral', 32_768, EST],
  ['mistral-nemo', 131_072, EST],
  ['mistral-large', 131_072, EST],
  ['mixtral', 32_768, EST],
  ['codestral', 32_768, EST],
  ['phi3', 4096, EST],
  ['phi3.5', 131_072, EST],
  ['phi4', 16_384, EST],
  ['phi4-mini', 131_072, EST],
  ['deepseek-r1', 131_072, EST],
  ['deepseek-v3', 131_072, EST],
  ['deepseek-chat', 65_536, EST],
  ['deepseek-reasoner', 65_536, EST],
  ['deepseek-coder', 16_384, EST],
  ['deepseek-coder-v2', 163_840, EST],
  ['starcoder2', 16_384, EST],
];

const MODELS: readonly Entry[] = TABLE.map(([prefix, size, encoding]) => [canonicalise(prefix), size, encoding]);

/**
 * Lowercases, drops a provider or namespace prefix (`openai/`, `meta-llama/`, `hf.co/x/`, Bedrock's
 * `us.anthropic.`), an Ollama or OpenRouter tag (`:7b`, `:free`), a Vertex version (`@20241022`), and the
 * hyphen between a name and its version (`llama-3.1` -> `llama3.1`) so OpenRouter and Ollama spellings meet.
 */
export function normaliseModelName(model: string): string {
  let name = model.trim().toLowerCase();
  name = name.slice(name.lastIndexOf('/') + 1);
  name = name.replace(/[:@].*$/, '');
  name = name.replace(/^(?:[a-z]+\.)+(?=[a-z])/, '');
  return canonicalise(name);
}

function canonicalise(name: string): string {
  return name.replace(/([a-z])-(?=\d)/g, '$1');
}

export function resolveModelInfo(model: string, overrides: { contextWindow?: number } = {}): ModelInfo {
  const name = normaliseModelName(model);
  let best: Entry | undefined;
  for (const entry of MODELS) {
    if (name.startsWith(entry[0]) && (best === undefined || entry[0].length > best[0].length)) best = entry;
  }
  const override = overrides.contextWindow;
  const contextWindow =
    override !== undefined && Number.isFinite(override) && override > 0
      ? Math.floor(override)
      : (best?.[1] ?? DEFAULT_CONTEXT_WINDOW);
  return { contextWindow, encoding: best?.[2] ?? EST, known: best !== undefined };
}
