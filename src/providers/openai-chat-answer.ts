// The shape of a Chat Completions answer, checked as @ai-sdk/openai's openaiChatResponseSchema checks it (the same
// fields required, the same types, unknown fields let through), without zod: see openai-chat.ts.

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number';
const nullish =
  (check: Check): Check =>
  (value) =>
    value === undefined || value === null || check(value);
const literal =
  (expected: string): Check =>
  (value) =>
    value === expected;
const arrayOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);
const object =
  (shape: Record<string, Check>): Check =>
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(shape).every(([key, check]) => check((value as Record<string, unknown>)[key]));

const logprobs = arrayOf(
  object({
    token: isString,
    logprob: isNumber,
    top_logprobs: arrayOf(object({ token: isString, logprob: isNumber })),
  }),
);

const isChatCompletion = object({
  id: nullish(isString),
  created: nullish(isNumber),
  model: nullish(isString),
  choices: arrayOf(
    object({
      message: object({
        role: nullish(literal('assistant')),
        content: nullish(isString),
        refusal: nullish(isString),
        audio: nullish(object({ transcript: nullish(isString) })),
        tool_calls: nullish(
          arrayOf(
            object({
              id: nullish(isString),
              type: literal('function'),
              function: object({ name: isString, arguments: isString }),
            }),
          ),
        ),
        annotations: nullish(
          arrayOf(
            object({
              type: literal('url_citation'),
              url_citation: object({ start_index: isNumber, end_index: isNumber, url: isString, title: isString }),
            }),
          ),
        ),
      }),
      index: isNumber,
      logprobs: nullish(object({ content: nullish(logprobs), refusal: nullish(logprobs) })),
      finish_reason: nullish(isString),
    }),
  ),
  usage: nullish(
    object({
      prompt_tokens: nullish(isNumber),
      completion_tokens: nullish(isNumber),
      total_tokens: nullish(isNumber),
      prompt_tokens_details: nullish(
        object({ cached_tokens: nullish(isNumber), cache_write_tokens: nullish(isNumber) }),
      ),
      completion_tokens_details: nullish(
        object({
          reasoning_tokens: nullish(isNumber),
          accepted_prediction_tokens: nullish(isNumber),
          rejected_prediction_tokens: nullish(isNumber),
        }),
      ),
    }),
  ),
});

type Count = number | null | undefined;

/** What git-ai reads of an answer that passed the check. */
export interface ChatCompletion {
  choices: {
    message: { content?: string | null; refusal?: string | null; audio?: { transcript?: string | null } | null };
    finish_reason?: string | null;
  }[];
  usage?: {
    prompt_tokens?: Count;
    completion_tokens?: Count;
    prompt_tokens_details?: { cached_tokens?: Count; cache_write_tokens?: Count } | null;
    completion_tokens_details?: { reasoning_tokens?: Count } | null;
  } | null;
}

/** The answer, or undefined when it is not a Chat Completions answer. */
export function readChatCompletion(value: unknown): ChatCompletion | undefined {
  return isChatCompletion(value) ? (value as ChatCompletion) : undefined;
}

const errorData = object({
  error: object({
    message: isString,
    type: nullish(isString),
    code: nullish((value) => isString(value) || isNumber(value)),
  }),
});

/** The SDK's openaiErrorDataSchema: a message, and a type and code, where given, of their types. */
export const isErrorData = (data: unknown): data is { error: { message: string } } => errorData(data);
