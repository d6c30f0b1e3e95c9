// One request, streamed (SSE on Chat Completions and Anthropic Messages, streamGenerateContent?alt=sse on Gemini)
// through the provider model's `doStream`: the text received so far as it grows, then the whole answer, failing as
// the same request unstreamed would.
import type { LanguageModel } from 'ai';
import type { ModelAnswer, ModelCallOptions } from './model-call.js';
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
  const { stream } = await providerModel(model).doStream(options);
  let text = '';
  let finishReason: string | undefined;
  let usage: ModelAnswer['usage'] = { inputTokens: undefined, outputTokens: undefined };
  for await (const part of stream) {
    if (part.type === 'error') throw part.error;
    if (part.type === 'text-delta' && part.delta !== '') {
      text += part.delta;
      onText(text);
    } else if (part.type === 'finish') {
      // No reason from the provider: the stream ended before its last event (cut mid-event), the answer is partial.
      finishReason = part.finishReason.raw === undefined ? UNFINISHED : finishReasonOf(part.finishReason);
      usage = usageOf(part.usage);
    }
  }
  return { text, finishReason, usage };
}
