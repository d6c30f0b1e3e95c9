// One model call (a JSON object by a schema, or plain text): our own retries (transient failures with backoff, a bad answer once), bounded by a deadline.
import { setTimeout as delay } from 'node:timers/promises';
import type { LanguageModel } from 'ai';
import type * as z from 'zod';
import { maskUrlCredentials } from '../config/url-credentials.js';
import { UserError } from '../errors.js';
import type { ProviderErrorKind } from './errors.js';
import {
  DeadlineError,
  SchemaMismatchError,
  UnreadableAnswerError,
  backoffDelay,
  classifyProviderError,
  isConnectionRefused,
  isTransient,
  retryAfterOf,
  statusOf,
} from './errors.js';
import { DEFAULT_MODELS, apiKeyHint, providerOfModel } from './provider.js';
import { isReasoningModel, wasCutOff } from './reasoning.js';
import { hasNativeChoices, parseChoices } from './choices.js';
import { streamAnswer } from './stream.js';
import { generateAnswer, modelCallOptions, UNFINISHED, type ModelAnswer } from './model-call.js';
import { withExchange, type ExchangeHooks } from './exchange.js';

export type CallEvent = { type: 'retry'; status?: number; delayMs: number; attempt: number } | { type: 'rate-limited' };

/** What every call takes, whatever form its answer is asked for in. */
interface RequestOptions {
  model: LanguageModel;
  system: string;
  prompt: string;
  signal?: AbortSignal;
  /** Epoch milliseconds: no attempt runs past it, no wait ends after it. */
  deadline: number;
  maxOutputTokens?: number;
  /** The configured window (`context-window`), if any: the output bound stays inside the model's window. */
  contextWindow?: number;
  /**
   * Completions to ask for in this one request where the provider decodes several side by side (`n`,
   * `candidateCount`; see choices.ts); elsewhere one. `values` holds those that could be read.
   */
  completions?: number;
  /**
   * Streams the answer (one completion only) and gives the text received so far, not yet read or validated, with
   * the attempt it belongs to (a retry starts over).
   */
  onPartial?: (text: string, attempt: number) => void;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onEvent?: (event: CallEvent) => void;
}

/** A call whose answer is a JSON object the provider is held to by a response schema (or a forced tool). */
export interface CallOptions<S extends z.ZodType> extends RequestOptions {
  schema: S;
  schemaName: string;
}

/**
 * A call whose answer is plain text, with no schema, tool or JSON mode (fewer output tokens: no JSON syntax to
 * decode), read by `read`; an answer it cannot read (undefined) is asked for once more, like a schema miss.
 */
export interface TextCallOptions<T> extends RequestOptions {
  /** What the answer is, in words ("commit message"), for errors. */
  answerName: string;
  read: (text: string) => T | undefined;
}

export interface CallResult<T> {
  value: T;
  /** `value` and the further completions that could be read (just `value` unless several were asked for). */
  values: T[];
  /** Summed over every attempt that got an answer, including rejected ones. */
  usage: { inputTokens: number; outputTokens: number };
  attempts: number;
  latencyMs: number;
}

/** Attempts for transient failures (429, 5xx, network), and for answers that do not match the schema. */
const MAX_TRANSIENT_ATTEMPTS = 5;
/**
 * Attempts when the connection is refused: nothing listens there, and a retry 100 ms later will not find a server
 * either (five attempts cost ~1.4 s before the offline engine stepped in); one retry covers a server restarting.
 */
const MAX_REFUSED_ATTEMPTS = 2;
const MAX_SCHEMA_ATTEMPTS = 2;

const sleepFor = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal });

function addUsage(total: CallResult<unknown>['usage'], usage: unknown): void {
  const counts = (typeof usage === 'object' && usage !== null ? usage : {}) as {
    inputTokens?: unknown;
    outputTokens?: unknown;
  };
  if (typeof counts.inputTokens === 'number') total.inputTokens += counts.inputTokens;
  if (typeof counts.outputTokens === 'number') total.outputTokens += counts.outputTokens;
}

/** The UserError for a failure the user must fix (key, model, endpoint), or undefined when it is not one. */
export function explainProviderError(
  kind: ProviderErrorKind,
  error: unknown,
  model: LanguageModel,
): UserError | undefined {
  const { provider, modelId } = providerOfModel(model);
  const name = provider ?? 'the provider';
  const status = statusOf(error);
  const http = status === undefined ? '' : ` (HTTP ${status})`;
  if (kind === 'auth') {
    const hint =
      provider === undefined ? 'Check the api-key setting: `git-ai config set api-key <key>`.' : apiKeyHint(provider);
    const what = status === 403 ? 'refused access with this API key' : 'rejected the API key';
    return new UserError('PROVIDER_AUTH', `${name} ${what}${http}.`, { hint, cause: error });
  }
  if (kind === 'model') {
    const example = provider === undefined ? undefined : DEFAULT_MODELS[provider];
    const hint = `Choose one it serves with \`git-ai config set model ${example ?? '<name>'}\`, or unset it for the default.`;
    return new UserError('PROVIDER_MODEL', `${name} does not know the model '${modelId}'${http}.`, {
      hint,
      cause: error,
    });
  }
  if (status === 404) {
    const url = (error as { url?: unknown }).url;
    const where = typeof url === 'string' ? ` at ${maskUrlCredentials(url)}` : '';
    return new UserError('PROVIDER_FAILED', `${name} answered 404 Not Found${where}: the endpoint does not exist.`, {
      hint: 'Check base-url (`git-ai config get base-url`); openai-compatible servers usually end in /v1.',
      cause: error,
    });
  }
  return undefined;
}

/** How a call's answer is asked for and read: as a schema's JSON object, or as plain text and its reader. */
interface AnswerFormat<T> {
  name: string;
  /** Sent as the response schema; none for plain text. */
  schema?: z.ZodType;
  /** The answer read (a structured one parsed and validated by the schema); throws when it cannot be read. */
  read: (answer: ModelAnswer) => T;
  /** One further completion's raw text, read the same way; undefined when it cannot be. */
  readChoice: (text: string) => T | undefined;
}

/** The answer read by `read`; one it cannot read, or one the output bound cut off, is an UnreadableAnswerError. */
function readOrThrow<T>(name: string, read: (text: string) => T | undefined) {
  return (answer: ModelAnswer): T => {
    // An answer the output bound cut off, or its stream's end (UNFINISHED), is no whole answer, even when its first
    // line reads as one.
    const cut = answer.finishReason === 'length' || answer.finishReason === UNFINISHED;
    const value = cut ? undefined : read(answer.text);
    if (value === undefined) throw new UnreadableAnswerError(name, answer.finishReason);
    return value;
  };
}

function objectFormat<S extends z.ZodType>(schema: S, name: string): AnswerFormat<z.output<S>> {
  const readChoice = (text: string): z.output<S> | undefined => {
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? (parsed.data as z.output<S>) : undefined;
    } catch {
      return undefined;
    }
  };
  return { name, schema, read: readOrThrow(name, readChoice), readChoice };
}

function textFormat<T>(name: string, read: (text: string) => T | undefined): AnswerFormat<T> {
  return { name, read: readOrThrow(name, read), readChoice: read };
}

/** One call whose answer is a JSON object matching `schema`. */
export function callStructured<S extends z.ZodType>(options: CallOptions<S>): Promise<CallResult<z.output<S>>> {
  return callModel(options, objectFormat(options.schema, options.schemaName));
}

/** One call whose answer is plain text, read by `options.read`. */
export function callText<T>(options: TextCallOptions<T>): Promise<CallResult<T>> {
  return callModel(options, textFormat(options.answerName, options.read));
}

async function callModel<T>(options: RequestOptions, format: AnswerFormat<T>): Promise<CallResult<T>> {
  const { model, signal, deadline, onEvent } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  const started = now();
  const usage = { inputTokens: 0, outputTokens: 0 };
  let attempts = 0;
  let transientFailures = 0;
  let refusedFailures = 0;
  let schemaFailures = 0;
  const { provider, modelId } = providerOfModel(model);
  let leastReasoning = false;
  const completions = Math.max(1, Math.floor(options.completions ?? 1));
  let answer: string | undefined;
  const exchange: ExchangeHooks | undefined =
    completions > 1 && hasNativeChoices(provider)
      ? { choices: { provider, count: completions }, answered: (text) => (answer = text) }
      : undefined;
  /** The completions after the first in the raw answer that can be read. */
  const otherChoices = (): T[] => (answer === undefined ? [] : parseChoices(provider, answer, format.readChoice, 1));
  // The deadline that ends a retry says less than the failure that caused it: a provider that kept answering 500 is
  // reported as answering 500, however long the machine took over the last attempt.
  let lastFailure: unknown;
  for (;;) {
    signal?.throwIfAborted();
    const remaining = deadline - now();
    if (remaining <= 0) throw lastFailure ?? new DeadlineError(attempts);
    attempts += 1;
    const timeout = AbortSignal.timeout(remaining);
    answer = undefined;
    try {
      const args = modelCallOptions({
        model,
        system: options.system,
        prompt: options.prompt,
        schema: format.schema,
        schemaName: format.name,
        maxOutputTokens: options.maxOutputTokens,
        contextWindow: options.contextWindow,
        leastReasoning,
        abortSignal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      const attempt = attempts;
      const { onPartial } = options;
      const request = (): Promise<ModelAnswer> =>
        onPartial !== undefined && exchange === undefined
          ? streamAnswer(model, args, (text) => onPartial(text, attempt))
          : generateAnswer(model, args);
      const result = exchange === undefined ? await request() : await withExchange(exchange, request);
      addUsage(usage, result.usage);
      const value = format.read(result);
      return { value, values: [value, ...otherChoices()], usage, attempts, latencyMs: now() - started };
    } catch (error) {
      signal?.throwIfAborted();
      if (timeout.aborted) throw lastFailure ?? new DeadlineError(attempts, error);
      if (typeof error === 'object' && error !== null) addUsage(usage, (error as { usage?: unknown }).usage);
      const kind = classifyProviderError(error);
      // The first of several completions could not be read: the others that can are the answer.
      const others = kind === 'schema' ? otherChoices() : [];
      if (others[0] !== undefined)
        return { value: others[0], values: others, usage, attempts, latencyMs: now() - started };
      if (kind === 'schema') {
        // A reasoning model that spent its output thinking: ask once more with the least reasoning it allows.
        if (wasCutOff(error) && isReasoningModel(modelId) && !leastReasoning) leastReasoning = true;
        schemaFailures += 1;
        if (schemaFailures >= MAX_SCHEMA_ATTEMPTS)
          throw new SchemaMismatchError(format.name, attempts, error, format.schema === undefined);
        onEvent?.({ type: 'retry', delayMs: 0, attempt: attempts });
        continue;
      }
      const userError = explainProviderError(kind, error, model);
      if (userError !== undefined) throw userError;
      if (!isTransient(kind)) throw error;
      if (kind === 'rate-limit') onEvent?.({ type: 'rate-limited' });
      transientFailures += 1;
      if (isConnectionRefused(error)) refusedFailures += 1;
      lastFailure = error;
      // Out of attempts, or the wait would end past the deadline: the provider's own error says why best.
      if (transientFailures >= MAX_TRANSIENT_ATTEMPTS || refusedFailures >= MAX_REFUSED_ATTEMPTS) throw error;
      const delayMs = retryAfterOf(error, now()) ?? backoffDelay(transientFailures, random);
      if (now() + delayMs >= deadline) throw error;
      onEvent?.({ type: 'retry', status: statusOf(error), delayMs, attempt: attempts });
      try {
        await sleep(delayMs, signal);
      } catch (sleepError) {
        signal?.throwIfAborted();
        throw sleepError;
      }
    }
  }
}
