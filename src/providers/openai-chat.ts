// A plain-text Chat Completions request (OpenAI, OpenAI-compatible), made here instead of by @ai-sdk/openai: loading
// that package and the zod it needs took a one-file run 70 ms of its 320 ms of CPU on Node 20 (bench/e2e-ab.ts, load
// 8), for a request that is one small JSON body. It is the SDK chat model's request (URL, headers, body; the
// user-agent names git-ai, not SDK packages it does not load) and its reading of the answer and errors
// (test/providers/openai-chat.test.ts holds the two equal); any other call (a response schema, a stream, a reasoning
// model, provider options) goes to the SDK's own model, loaded then.
import type { ModelCallOptions, ProviderModel } from './model-call.js';
import { ApiCallError, InvalidResponseDataError, JsonParseError, TypeValidationError } from './api-error.js';
import { isErrorData, readChatCompletion, type ChatCompletion } from './openai-chat-answer.js';
import { DEFAULT_BASE_URLS, PLACEHOLDER_KEY, type SdkSettings } from './sdk-model.js';
import type { FetchFunction } from './transport.js';

type GenerateResult = Awaited<ReturnType<ProviderModel['doGenerate']>>;

/** The SDK's rule (getOpenAILanguageModelCapabilities): o-series, and GPT 5 and later but their `-chat` variants. */
export function isOpenAIReasoningModel(modelId: string): boolean {
  if (/^o\d+(?:-|$)/.test(modelId)) return true;
  const gpt = /^gpt-(\d+)(?:\.(\d+))?(?:-(.+))?$/.exec(modelId);
  if (gpt === null || Number(gpt[1]) < 5) return false;
  return !(gpt[2] === undefined && (gpt[3]?.startsWith('chat') ?? false));
}

/** The system and user text of a call this module sends itself, or undefined when the SDK's model must. */
function plainCall(modelId: string, options: ModelCallOptions): { system: string; user: string } | undefined {
  const { prompt, responseFormat, maxOutputTokens, abortSignal, ...rest } = options;
  void maxOutputTokens;
  void abortSignal;
  if (Object.values(rest).some((value) => value !== undefined)) return undefined; // tools, options, sampling
  if ((responseFormat?.type ?? 'text') !== 'text' || isOpenAIReasoningModel(modelId)) return undefined;
  const [system, user, ...more] = prompt;
  if (more.length > 0 || system?.role !== 'system' || system.providerOptions !== undefined) return undefined;
  if (user?.role !== 'user' || user.providerOptions !== undefined || user.content.length !== 1) return undefined;
  const part = user.content[0];
  if (part?.type !== 'text' || part.providerOptions !== undefined) return undefined;
  return { system: system.content, user: part.text };
}

const headersOf = (response: Response): Record<string, string> => Object.fromEntries([...response.headers]);

/** The error of a non-2xx answer, as the SDK's openaiFailedResponseHandler makes it. */
function failedAnswer(
  response: Response,
  headers: Record<string, string>,
  text: string,
  url: string,
  body: unknown,
): ApiCallError {
  const common = {
    url,
    requestBodyValues: body,
    statusCode: response.status,
    responseHeaders: headers,
    responseBody: text,
  };
  if (text.trim() !== '') {
    try {
      const data = JSON.parse(text) as unknown;
      if (isErrorData(data)) return new ApiCallError({ ...common, message: data.error.message, data });
    } catch {
      // not JSON: the status text, as below
    }
  }
  return new ApiCallError({ ...common, message: response.statusText });
}

/** The SDK's handleFetchError: a fetch that failed on the network is an APICallError that may be retried. */
function connectionError(error: unknown, url: string, body: unknown): unknown {
  if (!(error instanceof TypeError) || !/^(fetch failed|failed to fetch)$/i.test(error.message)) return error;
  const cause = error.cause as { message?: unknown } | undefined;
  if (cause === undefined || cause === null) return error;
  return new ApiCallError({
    message: `Cannot connect to API: ${String(cause.message)}`,
    cause,
    url,
    requestBodyValues: body,
    isRetryable: true,
  });
}

// The SDK's (handle-fetch-error.ts): a failure with one of these codes, itself or a cause of it, may be retried.
const NETWORK_CODES = new Set([
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function isNetworkError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  }
  return false;
}

const isAbortError = (error: unknown): boolean =>
  (error instanceof Error || error instanceof DOMException) &&
  ['AbortError', 'ResponseAborted', 'TimeoutError'].includes(error.name);

/**
 * The body's text, or the SDK's error for a body that failed to read (a connection reset mid-body, a broken gzip
 * stream): "Failed to process successful/error response" with the answer's status, retried as that status is, or
 * as a network error is.
 */
async function bodyText(
  response: Response,
  headers: Record<string, string>,
  url: string,
  body: unknown,
): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isAbortError(error) || error instanceof ApiCallError) throw error;
    throw new ApiCallError({
      message: `Failed to process ${response.ok ? 'successful' : 'error'} response`,
      cause: error,
      statusCode: response.status,
      responseHeaders: headers,
      url,
      requestBodyValues: body,
      ...(isNetworkError(error) ? { isRetryable: true } : {}),
    });
  }
}

function parseAnswer(text: string): ChatCompletion | JsonParseError | TypeValidationError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return new JsonParseError(text, error);
  }
  return readChatCompletion(value) ?? new TypeValidationError(value);
}

const FINISH_REASONS: Readonly<Record<string, string>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  function_call: 'tool-calls',
  tool_calls: 'tool-calls',
};

function resultOf(answer: ChatCompletion, body: unknown, headers: Record<string, string>): GenerateResult {
  const choice = answer.choices[0]!;
  const { content, refusal, audio } = choice.message;
  // As the SDK: an audio answer's transcript stands for empty content.
  const text = typeof content === 'string' && content.length > 0 ? content : audio?.transcript;
  const texts = [text, refusal].filter((text): text is string => typeof text === 'string' && text.length > 0);
  const raw = choice.finish_reason ?? undefined;
  const refused = typeof refusal === 'string' && refusal.length > 0;
  const unified = raw === 'stop' && refused ? 'content-filter' : ((raw && FINISH_REASONS[raw]) ?? 'other');
  const { usage } = answer;
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const written = usage?.prompt_tokens_details?.cache_write_tokens ?? undefined;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens ?? 0;
  return {
    content: texts.map((text) => ({ type: 'text', text })),
    finishReason: { unified, raw } as GenerateResult['finishReason'],
    usage:
      usage === undefined || usage === null
        ? {
            inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
            outputTokens: { total: undefined, text: undefined, reasoning: undefined },
          }
        : {
            inputTokens: {
              total: input,
              noCache: input - cached - (written ?? 0),
              cacheRead: cached,
              cacheWrite: written,
            },
            outputTokens: { total: output, text: Math.max(0, output - reasoning), reasoning },
            raw: usage as never,
          },
    request: { body },
    response: { headers, body: answer },
    warnings: [],
  };
}

/** The one POST of a plain-text call and its answer read as the SDK's chat model reads it. */
async function sendPlainCall(options: {
  url: string;
  apiKey: string;
  body: Record<string, unknown>;
  fetch: FetchFunction;
  abortSignal?: AbortSignal;
}): Promise<GenerateResult> {
  const { url, body } = options;
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        'content-type': 'application/json',
        'user-agent': `git-ai runtime/node.js/${process.version}`,
      },
      body: JSON.stringify(body),
      ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    });
  } catch (error) {
    throw connectionError(error, url, body);
  }
  const headers = headersOf(response);
  const text = await bodyText(response, headers, url, body);
  if (!response.ok) throw failedAnswer(response, headers, text, url, body);
  const answer = parseAnswer(text);
  if (answer instanceof Error)
    throw new ApiCallError({
      message: 'Invalid JSON response',
      cause: answer,
      statusCode: response.status,
      responseHeaders: headers,
      responseBody: text,
      url,
      requestBodyValues: body,
    });
  if (answer.choices.length === 0) throw new InvalidResponseDataError(answer, 'Response did not contain any choices.');
  return resultOf(answer, body, headers);
}

/**
 * The OpenAI (or OpenAI-compatible) chat model for `settings`: plain-text calls are sent here, the others by the SDK
 * model `sdk` makes (at its first use). It names its provider and model as the SDK's does.
 */
export function openAIChatModel(
  settings: SdkSettings,
  fetch: FetchFunction,
  sdk: () => Promise<ProviderModel>,
): ProviderModel {
  const { modelId, apiKey } = settings;
  // As createOpenAI: base-url, else OPENAI_BASE_URL, else OpenAI's; no trailing slash.
  const baseUrl = (settings.baseURL ?? process.env.OPENAI_BASE_URL)?.replace(/\/$/, '') ?? DEFAULT_BASE_URLS.openai!;
  const key = apiKey ?? (settings.provider === 'openai' ? process.env.OPENAI_API_KEY : PLACEHOLDER_KEY);
  let made: Promise<ProviderModel> | undefined;
  const model = () => (made ??= sdk());
  return {
    specificationVersion: 'v3',
    provider: `${settings.provider}.chat`,
    modelId,
    supportedUrls: { 'image/*': [/^https?:\/\/.*$/] },
    doGenerate: async (options) => {
      const plain = key === undefined ? undefined : plainCall(modelId, options);
      if (plain === undefined || key === undefined) return (await model()).doGenerate(options);
      const body = {
        model: modelId,
        max_tokens: options.maxOutputTokens,
        messages: [
          { role: 'system', content: plain.system },
          { role: 'user', content: plain.user },
        ],
      };
      return sendPlainCall({
        url: `${baseUrl}/chat/completions`,
        apiKey: key,
        body,
        fetch,
        ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
    },
    doStream: async (options) => (await model()).doStream(options),
  };
}
