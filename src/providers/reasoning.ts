// Reasoning models spend output tokens thinking before they answer: bound their output so the answer still fits,
// and ask again with the least reasoning the provider allows when an answer was cut off.

/**
 * Model families that reason before answering (their thinking counts as output), as their vendors and local servers
 * (Ollama, LM Studio, OpenRouter) name them: Qwen3 thinks by default except its coder and instruct models.
 */
const REASONING =
  /^(o\d|gpt-5|gpt-oss|gemini-(2\.5|3)|claude-(opus|sonnet)-4|claude-3-7|deepseek-r1|deepseek-reasoner|qwq|qwen3(?!.*(coder|instruct))|magistral|phi4-reasoning|grok-(3-mini|4|code)|.*thinking)/i;

/** Output tokens for the answer itself: the candidates' JSON, with room to spare (as reserved in the window). */
export const ANSWER_TOKENS = 1024;
/** What a reasoning model may spend thinking on top of the answer. */
export const REASONING_TOKENS = 8192;

export function isReasoningModel(modelId: string): boolean {
  return REASONING.test(modelId.replace(/^.*\//, ''));
}

/** The output bound of a request: the answer, plus thinking room for a reasoning model. */
export function outputTokensFor(modelId: string): number {
  return isReasoningModel(modelId) ? ANSWER_TOKENS + REASONING_TOKENS : ANSWER_TOKENS;
}

/** The chat format's own framing per request (roles, message separators). */
export const REQUEST_FRAMING_TOKENS = 32;

/**
 * The output bound of a request inside the model's window: a reasoning model's thinking room cut to what the window
 * leaves after the input (`inputBound`, an upper bound of its tokens: its UTF-8 bytes), never below the answer's own
 * reserve, which every request's input leaves free (engines/remote/request-fit.ts). A strict server (vLLM) rejects a
 * request whose input and output bound together exceed the window.
 */
export function outputTokensWithin(options: { modelId: string; contextWindow: number; inputBound: number }): number {
  const wanted = outputTokensFor(options.modelId);
  if (wanted === ANSWER_TOKENS) return wanted;
  return Math.max(ANSWER_TOKENS, Math.min(wanted, options.contextWindow - options.inputBound));
}

/** Provider options asking for the least reasoning, for the retry of an answer cut off while thinking. */
export const LEAST_REASONING = {
  openai: { reasoningEffort: 'minimal' },
  google: { thinkingConfig: { thinkingBudget: 0 } },
  anthropic: { thinking: { type: 'disabled' } },
} as const;

/** Whether a failed call ended because the output bound was reached (finishReason 'length'). */
export function wasCutOff(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { finishReason?: unknown }).finishReason === 'length';
}
