// One request, streamed (SSE on Chat Completions and Anthropic Messages, streamGenerateContent?alt=sse on Gemini)
// through the provider model's `doStream`: the text received so far as it grows, then the whole answer, failing as
// the same request unstreamed would.
import type { LanguageModel } from 'ai';
import type { ModelAnswer, ModelCallOptions } from './model-call.js';
import { endedInsideEvent } from './event-stream-end.js';
import { finishReasonOf, providerModel, UNFINISHED, usageOf } from './model-call.js';

/**
 * The answer of one streamed request, with the text so far given to `onText` after each piece. A failure the
 * provider reports on the stream (an error event) is thrown as itself, so retries and messages see the provider's
 * own error (429, 401, a dropped connection).
 */
export async function streamAnswer(
  model: LanguageModel,
  options: ModelCallOptions,
  onText: (text: string) => void,
): Promise<ModelAnswer> {
  const provider = providerModel(model);
  const { stream } = await provider.doStream(options);
  let text = '';
  let finishReason: string | undefined;
  let usage: ModelAnswer['usage'] = { inputTokens: undefined, outputTokens: undefined };
  // A Chat Completions stream may end without a finish reason (some OpenAI-compatible servers never send one): there
  // only a body that ended inside an event is partial. Anthropic and Gemini always give one in their last event.
  const reasonOptional = provider.provider.endsWith('.chat');
  try {
    for await (const part of stream) {
      if (part.type === 'error') throw part.error;
      if (part.type === 'text-delta' && part.delta !== '') {
        text += part.delta;
        onText(text);
      } else if (part.type === 'finish') {
        const given = part.finishReason.raw !== undefined || reasonOptional;
        finishReason = given ? finishReasonOf(part.finishReason) : UNFINISHED;
        usage = usageOf(part.usage);
      }
    }
  } catch (error) {
    // The body ended inside an event (cut mid-event): the text so far is no whole answer.
    if (!endedInsideEvent(error)) throw error;
    finishReason = UNFINISHED;
  }
  return { text, finishReason, usage };
}
