// One request through the provider model's own interface (LanguageModelV3 `doGenerate` / `doStream` of @ai-sdk/*),
// without the `ai` core package: a single-step call needs none of its tool loop, telemetry or output helpers, and
// leaving it out of the remote path saves loading 633 KB (with @opentelemetry/api, @vercel/oidc and the gateway).
// The provider packages themselves build each wire body (OpenAI, Anthropic Messages, Gemini) and throw their
// APICallErrors, as they do under `ai`.
import type { LanguageModel } from 'ai';
import type * as z from 'zod';
import { toRequestJsonSchema } from './json-schema.js';
import { providerOfModel } from './provider.js';
import { resolveModelInfo } from '../tokens/models.js';
import {
  ANSWER_TOKENS,
  LEAST_REASONING,
  REQUEST_FRAMING_TOKENS,
  isReasoningModel,
  outputTokensWithin,
} from './reasoning.js';

/** The provider model as @ai-sdk/* 3 builds it (createLanguageModel makes nothing else). */
export type ProviderModel = Extract<LanguageModel, { specificationVersion: 'v3' }>;
export type ModelCallOptions = Parameters<ProviderModel['doGenerate']>[0];

/** What one request answered, whichever way it came (one JSON body, or a stream). */
export interface ModelAnswer {
  text: string;
  /** 'stop', 'length' (the output bound was reached), ... */
  finishReason: string | undefined;
  usage: { inputTokens: number | undefined; outputTokens: number | undefined };
}

export function providerModel(model: LanguageModel): ProviderModel {
  if (typeof model === 'string' || model.specificationVersion !== 'v3')
    throw new TypeError('git-ai calls @ai-sdk/* 3 provider models only');
  return model;
}

/**
 * The call options of one request: what a call sends and what `git ai prompt` captures (providers/capture.ts), so
 * the two cannot drift apart. With a schema the answer is asked for as its JSON object (a response schema, or the
 * provider's forced tool), without one as plain text.
 */
export function modelCallOptions(options: {
  model: LanguageModel;
  system: string;
  prompt: string;
  schema?: z.ZodType;
  schemaName?: string;
  maxOutputTokens?: number;
  /** The configured window (`context-window`), if any: a reasoning model's output bound stays inside the window. */
  contextWindow?: number;
  leastReasoning?: boolean;
  abortSignal?: AbortSignal;
}): ModelCallOptions {
  const { schema } = options;
  const jsonSchema = schema === undefined ? undefined : toRequestJsonSchema(schema);
  return {
    prompt: [
      { role: 'system', content: options.system },
      { role: 'user', content: [{ type: 'text', text: options.prompt }] },
    ],
    maxOutputTokens: options.maxOutputTokens ?? outputBound(options, jsonSchema),
    responseFormat:
      jsonSchema === undefined
        ? { type: 'text' }
        : { type: 'json', schema: jsonSchema as never, name: options.schemaName },
    ...(options.leastReasoning ? { providerOptions: LEAST_REASONING } : {}),
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
  };
}

/** The request's output bound, inside the model's window: its input bounded by bytes (a token is at least one). */
function outputBound(
  options: { model: LanguageModel; system: string; prompt: string; contextWindow?: number },
  jsonSchema: unknown,
): number {
  const { modelId } = providerOfModel(options.model);
  if (!isReasoningModel(modelId)) return ANSWER_TOKENS; // only a reasoning model's bound depends on the input
  const inputBound =
    Buffer.byteLength(options.system) +
    Buffer.byteLength(options.prompt) +
    (jsonSchema === undefined ? 0 : Buffer.byteLength(JSON.stringify(jsonSchema))) +
    REQUEST_FRAMING_TOKENS;
  const { contextWindow } = resolveModelInfo(modelId, { contextWindow: options.contextWindow });
  return outputTokensWithin({ modelId, contextWindow, inputBound });
}

/** The finish reason of a streamed answer that ended before the provider said why it stopped. */
export const UNFINISHED = 'unfinished';

/** The unified finish reason, from a V3 `{ unified, raw }` or a plain string. */
export function finishReasonOf(reason: unknown): string | undefined {
  if (typeof reason === 'string') return reason;
  const unified = (reason as { unified?: unknown } | null | undefined)?.unified;
  return typeof unified === 'string' ? unified : undefined;
}

/** Token counts from a V3 usage (`{ inputTokens: { total } }`) or a flat one (`{ inputTokens: 12 }`). */
export function usageOf(usage: unknown): ModelAnswer['usage'] {
  const count = (value: unknown): number | undefined => {
    if (typeof value === 'number') return value;
    const total = (value as { total?: unknown } | null | undefined)?.total;
    return typeof total === 'number' ? total : undefined;
  };
  const counts = (usage ?? {}) as { inputTokens?: unknown; outputTokens?: unknown };
  return { inputTokens: count(counts.inputTokens), outputTokens: count(counts.outputTokens) };
}

/** One request answered as one body: its text parts joined (a JSON tool's arguments come back as text). */
export async function generateAnswer(model: LanguageModel, options: ModelCallOptions): Promise<ModelAnswer> {
  const result = await providerModel(model).doGenerate(options);
  const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  return { text, finishReason: finishReasonOf(result.finishReason), usage: usageOf(result.usage) };
}
